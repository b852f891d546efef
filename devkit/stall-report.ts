// What a real agent was doing when a rig's wait ran out. A wait that times out on a real CLI means either that
// Wingman read the screen wrong or that the agent (or the machine) stood still, and the last view alone cannot
// tell which: seen once on CI, Claude Code's spinner stayed at "(5s · ↓ 4 tokens)" for 15 s with nothing drawn
// (docs/testing.md, "a seventh stop"). This report says, at the moment of the timeout: how long the pane has
// printed nothing (tmux's window_activity), each process of the pane and the tmux server above it with its state,
// kernel wait channel and the CPU it used over one second, the machine's CPU and IO pressure, and the mock's
// requests still open (when given: the Anthropic mock records when each answer ended). Linux only (/proc).
import { readdir, readFile } from "node:fs/promises";
import type { PaneStatus } from "../src/api/types.js";
import { readStat } from "../src/hosts/adopted.js";
import { treeOf } from "./processes.js";

interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  state: string;
  /** utime + stime, in clock ticks (1/100 s on Linux). */
  ticks: number;
}

/** A mock's record of one request: what it was and when it came and (if it has) when its answer ended. */
export interface OpenRequest {
  directive: string;
  at: number;
  doneAt?: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux whatever the kernel's own HZ

async function readProc(pid: number): Promise<Proc | null> {
  const stat = await readStat(pid);
  if (!stat) return null;
  const f = stat.fields;
  return { pid, ppid: Number(f[1]), comm: stat.comm, state: f[0] ?? "?", ticks: Number(f[11]) + Number(f[12]) };
}

/** Its threads by state with their kernel wait channels, e.g. "S 17 (futex_wait_queue 16, do_epoll_wait 1), R 1". */
async function threadsOf(pid: number): Promise<string> {
  const tids = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const byState = new Map<string, Map<string, number>>();
  for (const tid of tids) {
    const t = await readProc(Number(tid));
    if (!t) continue;
    const wchan = (await readFile(`/proc/${pid}/task/${tid}/wchan`, "utf8").catch(() => "")).trim() || "-";
    const chans = byState.get(t.state) ?? new Map<string, number>();
    chans.set(wchan, (chans.get(wchan) ?? 0) + 1);
    byState.set(t.state, chans);
  }
  return [...byState]
    .map(([state, chans]) => {
      const n = [...chans.values()].reduce((a, b) => a + b, 0);
      const named = [...chans].filter(([w]) => w !== "-" && w !== "0");
      return `${state} ${n}${named.length ? ` (${named.map(([w, k]) => `${w} ${k}`).join(", ")})` : ""}`;
    })
    .join(", ");
}

async function pressure(kind: "cpu" | "io"): Promise<string> {
  const text = await readFile(`/proc/pressure/${kind}`, "utf8").catch(() => "");
  return text.split("\n")[0]?.replace(/ total=\d+$/, "") || "not available";
}

/** The report for `session`'s pane (see the top of this file); never throws. */
export async function stallReport(
  panes: () => Promise<PaneStatus[]>,
  session: string,
  requests?: readonly OpenRequest[],
): Promise<string> {
  try {
    const pane = (await panes()).find((p) => p.session === session);
    if (!pane) return `no pane for ${session}`;
    const lines = [
      `pane ${pane.paneId}: runs ${pane.currentCommand}, ${pane.dead ? "dead" : "alive"}, last output ${Math.round(Date.now() / 1000 - pane.activity)} s ago`,
    ];
    const server = (await readProc(pane.pid))?.ppid;
    const pids = [...(server ? [server] : []), ...(await treeOf(pane.pid))];
    const before = new Map((await Promise.all(pids.map(readProc))).flatMap((p) => (p ? [[p.pid, p.ticks]] : [])));
    await new Promise((r) => setTimeout(r, 1000));
    for (const pid of pids) {
      const p = await readProc(pid);
      if (!p) continue;
      const cpu = (p.ticks - (before.get(pid) ?? p.ticks)) * TICK_MS;
      const role = pid === server ? "tmux server" : pid === pane.pid ? "pane" : "child";
      lines.push(
        `${role} ${pid} ${p.comm}: ${p.state}, CPU ${cpu} ms in the last second; threads ${await threadsOf(pid)}`,
      );
    }
    lines.push(`machine: cpu ${await pressure("cpu")}; io ${await pressure("io")}`);
    if (!requests) return lines.join("\n");
    const open = requests.filter((r) => r.doneAt === undefined);
    const last = requests.at(-1);
    lines.push(
      `mock: ${requests.length} requests, ${open.length} open${open.length ? ` (${open.map((r) => `${r.directive} since ${Date.now() - r.at} ms`).join(", ")})` : ""}` +
        (last
          ? `; the last, ${last.directive}, came ${Date.now() - last.at} ms ago${last.doneAt ? `, answered in ${last.doneAt - last.at} ms` : ""}`
          : ""),
    );
    return lines.join("\n");
  } catch (e) {
    return `no report: ${(e as Error).message}`;
  }
}
