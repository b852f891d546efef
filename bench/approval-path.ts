// What one approval costs inside Wingman, counted at run time (not timed): registry reads (unlocked
// snapshots), registry updates (locked read-modify-writes) and the writes they made, refreshes of the
// session through the facade, and calls to the pane host (snapshots: the pane list with screens, one tmux
// process; captures; keys). The agent is the
// stand-in (devkit/standin-agent.mjs): an approval of its recorded Bash dialog, as a person would send it.
//
//   npm run build && npm exec -- node bench/approval-path.ts [TRIALS]
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { owner, sleep } from "./common.ts";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "dist", "index.js");
const { createWingman, resolveConfig } = (await import(dist)) as typeof import("../src/index.ts");
const trials = Number(process.argv[2] ?? 5);

const root = mkdtempSync(join(tmpdir(), "wm-path-"));
const work = join(root, "project");
mkdirSync(work);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  WINGMAN_STATE_DIR: join(root, "state"),
  WINGMAN_CLAUDE_COMMAND: resolve(here, "../devkit/standin-agent.mjs"),
  STANDIN_DRAW_DELAY_MS: "50",
};
delete env.WINGMAN_TMUX_SOCKET;
const stateDir = join(root, "state");
const w = createWingman({ config: resolveConfig({}, env), env, stateDir });

type Counts = {
  reads: number;
  updates: number;
  writes: number;
  refreshes: number;
  snapshots: number;
  captures: number;
  keys: number;
};
const zero = (): Counts => ({ reads: 0, updates: 0, writes: 0, refreshes: 0, snapshots: 0, captures: 0, keys: 0 });
let c = zero();
let counting = false;
const file = join(stateDir, "registry.json");
const inode = () => {
  try {
    const s = statSync(file);
    return `${s.ino}:${s.mtimeMs}`;
  } catch {
    return "";
  }
};
/** Time spent in each wrapped call during the counted answer (ms), and when Enter was sent. */
let spent: Record<string, number> = {};
let enterAt = 0;
const wrap = (o: object, name: string, count: (before: string) => void) => {
  const obj = o as Record<string, (...a: unknown[]) => Promise<unknown>>;
  const f = obj[name]!.bind(obj);
  obj[name] = async (...a: unknown[]) => {
    const before = inode();
    const t = performance.now();
    if (counting && name === "sendKeys" && a.includes("Enter")) enterAt = t;
    const r = await f(...a);
    if (counting) {
      count(before);
      spent[name] = (spent[name] ?? 0) + performance.now() - t;
    }
    return r;
  };
};
wrap(w.registry, "read", () => c.reads++);
// A write is an atomic rename: the file's inode (or time) changes.
wrap(w.registry, "update", (before) => {
  c.updates++;
  if (inode() !== before) c.writes++;
});
wrap(w, "refresh", () => c.refreshes++);
wrap(w.panes, "capture", () => c.captures++);
wrap(w.panes, "sendKeys", () => c.keys++);
wrap(w.panes, "snapshot", () => c.snapshots++);

const results: Counts[] = [];
const times: Array<Record<string, number>> = [];
try {
  await w.spawn({ session: "path", workdir: work }, owner);
  for (let i = 0; i < 100 && (await w.status("path"))[0]?.state !== "idle"; i++) await sleep(50);
  for (let i = 0; i < trials; i++) {
    await w.send("path", "ASK", {}, owner);
    let id: string | undefined;
    for (let k = 0; k < 200 && !id; k++) {
      const p = (await w.status("path"))[0]?.pending;
      if (p && !p.optionsPending) id = p.id;
      else await sleep(25);
    }
    await sleep(2000); // a person reads the phone first (as in bench/run.ts latency): past the settle time
    c = zero();
    spent = {};
    counting = true;
    const t0 = performance.now();
    const r = await w.respond({ session: "path", action: "approve", id }, owner);
    const t1 = performance.now();
    counting = false;
    if (!r.ok) throw new Error(`approve refused: ${JSON.stringify(r)}`);
    results.push(c);
    times.push({ toEnter: enterAt - t0, total: t1 - t0, ...spent });
    for (let k = 0; k < 100 && (await w.status("path"))[0]?.state !== "idle"; k++) await sleep(25);
  }
} finally {
  await w.tmux.killServer();
  rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
console.log(`One approval (stand-in agent, ${trials} trials; counts per answer, min..max):`);
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
for (const k of Object.keys(zero()) as Array<keyof Counts>) {
  const xs = results.map((r) => r[k]);
  console.log(`  ${k.padEnd(10)} ${Math.min(...xs)}..${Math.max(...xs)}`);
}
console.log("Where the time goes (ms, median over trials; the key presses' closing poll is inside sendKeys/capture):");
for (const k of ["toEnter", "total", "update", "snapshot", "capture", "sendKeys", "read", "refresh"]) {
  const xs = times.map((t) => t[k] ?? 0);
  console.log(`  ${k.padEnd(10)} ${med(xs).toFixed(1)}`);
}
