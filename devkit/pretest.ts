// `npm test`'s set-up (its `pretest`), three lanes at once instead of one after another, since each waits on
// something else: the system packages (apt-get, mostly the Debian registry) then Chromium, the build then the real hosts
// (tsup, then two npm installs that wait on the npm registry), and the type-check then the lint (CPU). One
// after another they took about 75 s of a clean run's 500; side by side, the longest lane (docs/testing.md, "Time").
//
// Too little disk space (devkit/disk-space.ts), or a missing system package that the run may not install,
// stops it at once, before any lane starts (contract, "Test set-up"). A lane that fails does not stop the
// others (an apt-get or npm install cut short leaves a machine worse off than one let finish); the run fails
// once all have ended, naming the lanes that failed.
// Each line a lane prints is prefixed with its name, as it comes.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { diskNow, needsNow, shortfallMessage, shortfalls } from "./disk-space.ts";
import { plan, situationNow } from "./system-packages.ts";

interface Lane {
  name: string;
  /** Run one after another; the lane fails at the first that fails. */
  steps: string[][];
}

const LANES: Lane[] = [
  {
    name: "system",
    steps: [
      ["node", "devkit/system-packages.ts"],
      // The browser tests' Chromium from npm (vitest's global set-up would otherwise unpack it, ~5 s, first).
      ["node", "devkit/chromium.ts"],
    ],
  },
  {
    name: "hosts",
    steps: [
      ["npm", "run", "--silent", "build"],
      ["bash", "test/host/setup.sh", "--built"],
    ],
  },
  {
    name: "check",
    steps: [
      ["npm", "run", "--silent", "typecheck"],
      ["npm", "run", "--silent", "lint"],
    ],
  },
];

/** Run one command, its output prefixed line by line; its exit status (1 if it could not start or was killed). */
function step(lane: string, argv: string[]): Promise<number> {
  return new Promise((done) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
    for (const [from, to] of [
      [child.stdout, process.stdout],
      [child.stderr, process.stderr],
    ] as const)
      createInterface({ input: from }).on("line", (line) => to.write(`[${lane}] ${line}\n`));
    child.on("error", (e) => {
      process.stderr.write(`[${lane}] could not run ${argv.join(" ")}: ${e.message}\n`);
      done(1);
    });
    child.on("close", (code) => done(code ?? 1));
  });
}

async function lane(l: Lane): Promise<{ name: string; ok: boolean; seconds: number }> {
  const started = Date.now();
  for (const argv of l.steps) {
    const code = await step(l.name, argv);
    if (code !== 0) {
      process.stderr.write(`[${l.name}] failed: ${argv.join(" ")} (exit ${code})\n`);
      return { name: l.name, ok: false, seconds: (Date.now() - started) / 1000 };
    }
  }
  return { name: l.name, ok: true, seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<number> {
  // A disk too full for what the set-up writes stops here, saying so, rather than halfway with empty logs.
  const short = shortfalls(needsNow(join(import.meta.dirname, "..")), diskNow);
  if (short.length > 0) {
    console.error(shortfallMessage(short));
    return 1;
  }
  // The one decision that must come first: a person without root gets the command to run, and nothing else runs.
  if (plan(situationNow()).action === "stop") return step("system", ["node", "devkit/system-packages.ts"]);
  const started = Date.now();
  const results = await Promise.all(LANES.map(lane));
  const times = results.map((r) => `${r.name} ${r.seconds.toFixed(0)} s`).join(", ");
  const failed = results.filter((r) => !r.ok).map((r) => r.name);
  console.log(
    `test set-up: ${failed.length ? `failed (${failed.join(", ")})` : "done"} in ${((Date.now() - started) / 1000).toFixed(0)} s (${times})`,
  );
  return failed.length ? 1 : 0;
}

process.exitCode = await main();
