// The CLI's front door, cold: `wingman status` as a whole process (what a person waits for at the prompt)
// beside bare `node -e 0`, run alternately (A B A B …) in one run so that the machine's load falls on both
// alike. Wall time of each child from spawn to exit, the same quantity `/usr/bin/time` reports as
// "elapsed". Prints median and p95 of each and the ratio of the medians; and beside it each child's CPU
// time (user + system, from /proc, in 10 ms ticks), which a loaded machine moves much less than wall time.
//
//   npm run build && npm exec -- node bench/cli-cold.ts [--sessions 50] [--runs 40] [--before DIR]
//
// --before DIR: also time DIR/bin/wingman.js (a copy of an older build: bin/, dist/, hooks/, package.json)
// in the same rounds, over the same sessions, so a change is compared under the same load.
//
// The sessions are idle stand-ins (a shell script that draws Claude Code's idle screen and sleeps) started
// through the built package in a state dir of their own, so `status` reads 50 real tmux panes. HOME is
// the run's own folder, so the compile cache bin/wingman.js keeps there is this run's (warmed once before
// measuring, as it is after a person's first command); a third series runs with it turned off
// (NODE_DISABLE_COMPILE_CACHE=1) to show what it is worth.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { stats } from "./common.ts";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { createWingman, resolveConfig } = (await import(
  join(repo, "dist", "index.js")
)) as typeof import("../src/index.ts");

const { values: opt } = parseArgs({
  options: {
    sessions: { type: "string", default: "50" },
    runs: { type: "string", default: "40" },
    before: { type: "string" },
  },
});
const sessions = Number(opt.sessions);
const runs = Number(opt.runs);
const owner = { id: "bench", channel: "cli", authorized: true };
const IDLE_SCREEN = `${"\n".repeat(44)}${"─".repeat(120)}\n❯\u00a0\n${"─".repeat(120)}\n  ⏸ manual mode on · ? for shortcuts`;

const root = mkdtempSync(join(tmpdir(), "wm-cold-"));
const work = join(root, "w");
mkdirSync(work);
writeFileSync(join(root, "idle-screen.txt"), IDLE_SCREEN);
const agent = join(root, "idle-agent.sh");
writeFileSync(
  agent,
  `#!/bin/sh\nprintf '\\033[H\\033[2J'\ncat '${join(root, "idle-screen.txt")}'\nexec sleep 100000\n`,
  { mode: 0o755 },
);
// HOME points into the run's folder so that no config of the person running the bench is read.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  HOME: root,
  WINGMAN_STATE_DIR: join(root, "state"),
  WINGMAN_CLAUDE_COMMAND: agent,
};
delete env.NODE_COMPILE_CACHE;
delete env.NODE_DISABLE_COMPILE_CACHE;
delete env.XDG_CACHE_HOME;
delete env.WINGMAN_TMUX_SOCKET;
const w = createWingman({ config: resolveConfig({}, env), env });

/** CPU time (user + system, ms) of this process's waited-for children so far, from /proc (10 ms ticks). */
function childrenCpu(): number {
  const f = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(f[13]) + Number(f[14])) * 10;
}

/** CPU time of each timed run (user + system, from /proc): a figure the machine's load barely moves. */
const cpu = new Map<string, number[]>();

/** Wall time of one whole process, spawn to exit, in ms. */
function timed(argv: string[], extra: NodeJS.ProcessEnv = {}, label = ""): number {
  const c0 = childrenCpu();
  const t0 = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { env: { ...env, ...extra }, stdio: ["ignore", "pipe", "pipe"] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}: ${r.stderr}`);
  if (label) cpu.set(label, [...(cpu.get(label) ?? []), childrenCpu() - c0]);
  return ms;
}

try {
  for (let i = 0; i < sessions; i++) {
    const r = await w.spawn({ session: `s${i}`, workdir: work }, owner);
    if (!r.ok) throw new Error(`spawn s${i}: ${JSON.stringify(r)}`);
  }
  const bin = join(repo, "bin", "wingman.js");
  const before = opt.before ? join(resolve(opt.before), "bin", "wingman.js") : null;
  const node = process.execPath;
  const listed = spawnSync(node, [bin, "status", "--json"], { env, encoding: "utf8" });
  const n = (JSON.parse(listed.stdout) as { sessions: unknown[] }).sessions.length;
  if (n !== sessions) throw new Error(`status lists ${n} sessions, expected ${sessions}`);
  // Warm the file cache (and fill the compile cache) before measuring.
  timed([node, "-e", "0"]);
  timed([node, bin, "status"]);
  timed([node, bin, "status"], { NODE_DISABLE_COMPILE_CACHE: "1" });
  if (before) timed([node, before, "status"]);

  const bare: number[] = [];
  const status: number[] = [];
  const uncached: number[] = [];
  const old: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(timed([node, "-e", "0"], {}, "bare"));
    status.push(timed([node, bin, "status"], {}, "status"));
    uncached.push(timed([node, bin, "status"], { NODE_DISABLE_COMPILE_CACHE: "1" }, "uncached"));
    if (before) old.push(timed([node, before, "status"], {}, "before"));
  }
  const b = stats(bare);
  const s = stats(status);
  const c = stats(uncached);
  const f = (x: number) => `${x.toFixed(1)} ms`;
  const cpuOf = (k: string) => stats(cpu.get(k) ?? []).p50;
  const line = (label: string, x: ReturnType<typeof stats>, k: string) =>
    console.log(
      `  ${label.padEnd(40)} median ${f(x.p50).padStart(9)}  p95 ${f(x.p95).padStart(9)}  ratio ${(x.p50 / b.p50).toFixed(2)}× (p95 ${(x.p95 / b.p95).toFixed(2)}×)  CPU median ${cpuOf(k)} ms (${(cpuOf(k) / cpuOf("bare")).toFixed(2)}×)`,
    );
  console.log(
    `\nCLI cold start: node ${process.versions.node}, ${sessions} idle sessions, ${runs} rounds, each command once per round in turn`,
  );
  console.log(
    `  ${"node -e 0".padEnd(40)} median ${f(b.p50).padStart(9)}  p95 ${f(b.p95).padStart(9)}  ${" ".repeat(24)}CPU median ${cpuOf("bare")} ms`,
  );
  line("wingman status", s, "status");
  line("wingman status, compile cache off", c, "uncached");
  if (before) line(`wingman status of ${opt.before}`, stats(old), "before");
} finally {
  await w.tmux.killServer(); // this run's own socket only
  rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
