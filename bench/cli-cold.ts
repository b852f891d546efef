// The CLI's front door, cold: `wingman status` as a whole process (what a person waits for at the prompt)
// beside bare `node -e 0`, run alternately (A B A B …) in one run so that the machine's load falls on both
// alike. Wall time of each child from spawn to exit, the same quantity `/usr/bin/time` reports as
// "elapsed". Prints median and p95 of each and the ratio of the medians.
//
//   npm run build && npm exec -- node bench/cli-cold.ts [SESSIONS=50] [RUNS=40]
//
// The sessions are idle stand-ins (a shell script that draws Claude Code's idle screen and sleeps) started
// through the built package in a state dir of their own, so `status` reads 50 real tmux panes. Node's
// compile cache is measured too: NODE_COMPILE_CACHE pointed at a warm folder of this run's own.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { stats } from "./common.ts";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { createWingman, resolveConfig } = (await import(join(repo, "dist", "index.js"))) as typeof import("../src/index.ts");

const sessions = Number(process.argv[2] ?? 50);
const runs = Number(process.argv[3] ?? 40);
const owner = { id: "bench", channel: "cli", authorized: true };
const IDLE_SCREEN = `${"\n".repeat(44)}${"─".repeat(120)}\n❯\u00a0\n${"─".repeat(120)}\n  ⏸ manual mode on · ? for shortcuts`;

const root = mkdtempSync(join(tmpdir(), "wm-cold-"));
const work = join(root, "w");
mkdirSync(work);
writeFileSync(join(root, "idle-screen.txt"), IDLE_SCREEN);
const agent = join(root, "idle-agent.sh");
writeFileSync(agent, `#!/bin/sh\nprintf '\\033[H\\033[2J'\ncat '${join(root, "idle-screen.txt")}'\nexec sleep 100000\n`, { mode: 0o755 });
const cacheDir = join(root, "compile-cache");
// HOME points into the run's folder so that no config of the person running the bench is read.
const env: NodeJS.ProcessEnv = { ...process.env, HOME: root, WINGMAN_STATE_DIR: join(root, "state"), WINGMAN_CLAUDE_COMMAND: agent };
delete env.NODE_COMPILE_CACHE;
delete env.WINGMAN_TMUX_SOCKET;
const w = createWingman({ config: resolveConfig({}, env), env });

/** Wall time of one whole process, spawn to exit, in ms. */
function timed(argv: string[], extra: NodeJS.ProcessEnv = {}): number {
  const t0 = performance.now();
  const r = spawnSync(argv[0]!, argv.slice(1), { env: { ...env, ...extra }, stdio: ["ignore", "pipe", "pipe"] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

try {
  for (let i = 0; i < sessions; i++) {
    const r = await w.spawn({ session: `s${i}`, workdir: work }, owner);
    if (!r.ok) throw new Error(`spawn s${i}: ${JSON.stringify(r)}`);
  }
  const bin = join(repo, "bin", "wingman.js");
  const node = process.execPath;
  const listed = spawnSync(node, [bin, "status", "--json"], { env, encoding: "utf8" });
  const n = (JSON.parse(listed.stdout) as { sessions: unknown[] }).sessions.length;
  if (n !== sessions) throw new Error(`status lists ${n} sessions, expected ${sessions}`);
  // Warm the file cache (and fill the compile cache) before measuring.
  timed([node, "-e", "0"]);
  timed([node, bin, "status"]);
  timed([node, bin, "status"], { NODE_COMPILE_CACHE: cacheDir });

  const bare: number[] = [];
  const status: number[] = [];
  const cached: number[] = [];
  for (let i = 0; i < runs; i++) {
    bare.push(timed([node, "-e", "0"]));
    status.push(timed([node, bin, "status"]));
    cached.push(timed([node, bin, "status"], { NODE_COMPILE_CACHE: cacheDir }));
  }
  const b = stats(bare);
  const s = stats(status);
  const c = stats(cached);
  const f = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`\nCLI cold start: node ${process.versions.node}, ${sessions} idle sessions, ${runs} rounds (bare, status, status+cache alternately)`);
  console.log(`  node -e 0                          median ${f(b.p50).padStart(9)}  p95 ${f(b.p95).padStart(9)}`);
  console.log(`  wingman status                     median ${f(s.p50).padStart(9)}  p95 ${f(s.p95).padStart(9)}  ratio ${(s.p50 / b.p50).toFixed(2)}× (p95 ${(s.p95 / b.p95).toFixed(2)}×)`);
  console.log(`  wingman status, NODE_COMPILE_CACHE median ${f(c.p50).padStart(9)}  p95 ${f(c.p95).padStart(9)}  ratio ${(c.p50 / b.p50).toFixed(2)}× (p95 ${(c.p95 / b.p95).toFixed(2)}×)`);
} finally {
  await w.tmux.killServer(); // this run's own socket only
  rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
