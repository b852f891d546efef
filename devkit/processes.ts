// The processes a test started, found through /proc from a PID it knows (a pane's), and waited for or ended by
// PID: never by name (a name can be another person's process). Linux only.
import { childrenOf, readStat } from "../src/hosts/adopted.js";

/** A process as it was when found: its PID and its start time, so a PID used again later is never taken for it. */
export interface Found {
  pid: number;
  /** /proc/PID/stat field 22: clock ticks after boot when it started. */
  start: string;
}

/** The process and all its descendants, parents first (adopt's own walk of /proc's children lists). */
export async function treeOf(root: number): Promise<number[]> {
  const out = [root];
  for (let i = 0; i < out.length; i++) out.push(...(await childrenOf(out[i]!)));
  return out;
}

/** The processes of `roots` and their descendants, as they are now. */
export async function findTrees(roots: number[]): Promise<Found[]> {
  const pids = (await Promise.all(roots.map(treeOf))).flat();
  const found = await Promise.all(
    pids.map(async (pid) => {
      const f = (await readStat(pid))?.fields;
      return f ? { pid, start: f[19] ?? "" } : null;
    }),
  );
  return found.filter((p): p is Found => p !== null);
}

/** Still running: the same process (PID and start time) and not a zombie waiting for its parent. */
async function running(p: Found): Promise<boolean> {
  const f = (await readStat(p.pid))?.fields;
  return !!f && f[19] === p.start && f[0] !== "Z";
}

/**
 * Wait until every process of `procs` has exited; those still running after `ms` get SIGKILL (by PID, checked to
 * be the same process) and a second for it to land. Returns how many had to be killed.
 */
export async function waitGone(procs: Found[], ms: number): Promise<number> {
  const until = Date.now() + ms;
  let left = procs;
  for (;;) {
    left = (await Promise.all(left.map(async (p) => ((await running(p)) ? p : null)))).filter(
      (p): p is Found => p !== null,
    );
    if (!left.length) return 0;
    if (Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const p of left) {
    try {
      if (await running(p)) process.kill(p.pid, "SIGKILL");
    } catch {
      // gone in between
    }
  }
  const killed = left.length;
  const stop = Date.now() + 1000;
  while (Date.now() < stop && (await Promise.all(left.map(running))).some(Boolean))
    await new Promise((r) => setTimeout(r, 50));
  return killed;
}
