// The one place Wingman reaches a tmux server that is not its own: a person's own servers (the default
// socket, or one named with `-L`/`-S`), to list the panes that run an agent and to read and answer the one
// pane a person adopted (docs/adopt.md). Everything here addresses a single pane by its `%id` on a socket
// given by absolute path; nothing here creates, kills, renames or resizes a session, and no other code
// touches these servers.
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import { refusal } from "../api/errors.js";
import type { PaneStatus } from "../api/types.js";
import type { NewPane, PaneHost } from "./host.js";
import { PANE_FIELDS, parsePaneList } from "./tmux-text.js";
import { TmuxController } from "./tmux.js";

/** A pane on a person's tmux server, as `adopt` lists it. */
export interface UserPane extends PaneStatus {
  /** `session:window.pane`, as tmux names it there. */
  place: string;
}

/** Where a person's tmux keeps its sockets: `$TMUX_TMPDIR/tmux-<uid>` (tmux's own rule; /tmp without it). */
export function userSocketDir(env: NodeJS.ProcessEnv): string {
  const base = env.TMUX_TMPDIR && isAbsolute(env.TMUX_TMPDIR) ? env.TMUX_TMPDIR : "/tmp";
  return join(base, `tmux-${process.getuid?.() ?? 0}`);
}

/**
 * A socket as a person names it, as an absolute path: none or `default` is the default server; a word is a
 * `-L` name in tmux's socket folder; anything with a `/` is a `-S` path (relative to the current folder).
 */
export function userSocketPath(socket: string | undefined, env: NodeJS.ProcessEnv): string {
  if (!socket || socket === "default") return join(userSocketDir(env), "default");
  if (socket.includes("/")) return resolve(socket);
  return join(userSocketDir(env), socket);
}

/** How a socket is written in a target: `default`, a `-L` name, or its path. */
export function socketWord(path: string, env: NodeJS.ProcessEnv): string {
  const dir = userSocketDir(env);
  if (path.startsWith(`${dir}/`) && !path.slice(dir.length + 1).includes("/")) return path.slice(dir.length + 1);
  return path;
}

/** The `%id` tmux gives a pane: the only way Wingman addresses an adopted one. */
export const PANE_ID = /^%\d+$/;

/** A person's tmux server on `socket` (an absolute path): read-only listing and one pane's IO. */
function controllerFor(socket: string): TmuxController {
  // The socket folder is the person's: never made here (a server that is not running is simply not listed).
  return new TmuxController(socket, undefined, async () => {});
}

/** Every pane on a person's server, with its `session:window.pane`; [] when no server runs there. */
export async function listUserPanes(socket: string): Promise<UserPane[]> {
  return listOn(controllerFor(socket));
}

async function listOn(tmux: TmuxController): Promise<UserPane[]> {
  const nonce = randomBytes(8).toString("hex");
  const sep = `\u001f${nonce}\u001f`;
  const start = `\u001e${nonce}\u001e`;
  // The first field carries the place: tmux allows no `:` or `.` in a session name, so it splits from the right.
  const fields = [`#{session_name}:#{window_index}.#{pane_index}`, ...PANE_FIELDS.slice(1)];
  const r = await tmux.run(["list-panes", "-a", "-F", `${start}${fields.join(sep)}${start}`], {
    reject: false,
    readOnly: true,
  });
  if (r.exitCode !== 0) return [];
  return parsePaneList(r.stdout, start, sep).flatMap((p) => {
    const m = /^(.*):(\d+)\.(\d+)$/s.exec(p.session);
    return m ? [{ ...p, session: m[1]!, place: `${m[1]}:${m[2]}.${m[3]}` }] : [];
  });
}

/** One process as /proc shows it. */
interface Proc {
  pid: number;
  ppid: number;
  pgrp: number;
  /** The terminal's foreground process group. */
  tpgid: number;
}

/** A process's /proc/PID/stat: its command name, and the fields after it (`state ppid pgrp session tty tpgid …`). */
export async function readStat(pid: number): Promise<{ comm: string; fields: string[] } | null> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  if (!stat) return null;
  // `pid (comm) state …`: comm may hold spaces and parentheses, so the fields start after the last `)`.
  const close = stat.lastIndexOf(")");
  return { comm: stat.slice(stat.indexOf("(") + 1, close), fields: stat.slice(close + 2).split(" ") };
}

async function procOf(pid: number): Promise<Proc | null> {
  const stat = await readStat(pid);
  if (!stat) return null;
  const n = (i: number) => Number(stat.fields[i]);
  return { pid, ppid: n(1), pgrp: n(2), tpgid: n(5) };
}

/** A process's command line, split at its NUL bytes; [] when it cannot be read (gone, another user's). */
export async function commandLine(pid: number): Promise<string[]> {
  const raw = await readFile(`/proc/${pid}/cmdline`).catch(() => null);
  if (!raw?.length) return [];
  return raw.toString("utf8").replace(/\0$/, "").split("\0");
}

/** The children of `pid` (every thread's), from /proc. */
export async function childrenOf(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  const out: number[] = [];
  for (const t of tasks) {
    const text = await readFile(`/proc/${pid}/task/${t}/children`, "utf8").catch(() => "");
    for (const w of text.split(/\s+/)) if (/^\d+$/.test(w)) out.push(Number(w));
  }
  return out;
}

/**
 * The command lines of the programs in the foreground of a pane whose first process is `panePid`, the
 * group's leader first, then the rest of the pane's process tree in the foreground group, top down (a shell
 * running an agent: the agent; a node launcher and the native binary it starts: both). Only the pane's own
 * process tree is read. When none of them is in the foreground group (the terminal has none), the pane's first process.
 */
export async function foregroundCommands(panePid: number): Promise<string[][]> {
  const first = await procOf(panePid);
  if (!first) return [];
  const tree: Proc[] = [first];
  for (let i = 0; i < tree.length && tree.length < 200; i++) {
    for (const c of await childrenOf(tree[i]!.pid)) {
      const p = await procOf(c);
      if (p) tree.push(p);
    }
  }
  const fg = first.tpgid > 0 ? tree.filter((p) => p.pgrp === first.tpgid) : [];
  const chosen = fg.length ? fg.sort((a, b) => Number(b.pid === b.pgrp) - Number(a.pid === a.pgrp)) : [first];
  const lines = await Promise.all(chosen.map((p) => commandLine(p.pid)));
  return lines.filter((l) => l.length > 0);
}

/**
 * An adopted pane as a PaneHost of one session: `name` is Wingman's name for it, `%id` on `socket` is where it
 * is. Reads, keys and literal text go to that pane only; starting, killing or resizing anything is refused.
 */
export class AdoptedPane implements PaneHost {
  readonly name = null;
  private readonly tmux: TmuxController;

  constructor(
    readonly session: string,
    readonly socket: string,
    readonly paneId: string,
    /**
     * The pane's first process when it was adopted: a pane with this `%id` but another process is another pane
     * (tmux numbers panes from %0 again when its server starts again), so it counts as gone.
     */
    readonly panePid?: number,
  ) {
    if (!isAbsolute(socket) || !PANE_ID.test(paneId)) throw new Error(`not an adopted pane: ${socket} ${paneId}`);
    this.tmux = controllerFor(socket);
  }

  get calls(): number {
    return this.tmux.spawned;
  }

  /** The pane, named as Wingman's session (only this pane of the person's server is ever reported). */
  private async pane(): Promise<PaneStatus | null> {
    const p = (await listOn(this.tmux)).find(
      (x) => x.paneId === this.paneId && (this.panePid === undefined || x.pid === this.panePid),
    );
    if (!p) return null;
    const { place: _place, ...status } = p;
    return { ...status, session: this.session };
  }

  async listPanes(): Promise<PaneStatus[]> {
    const p = await this.pane();
    return p ? [p] : [];
  }

  async snapshot(
    sessions: string[],
    opts?: { escapes?: ReadonlySet<string> },
  ): Promise<{ panes: PaneStatus[]; screens: Map<string, string | null> }> {
    const screens = new Map<string, string | null>(sessions.map((s) => [s, null]));
    const pane = await this.pane();
    const escapes = opts?.escapes?.has(this.session) ? { escapes: true } : {};
    if (pane && !pane.dead && sessions.includes(this.session))
      screens.set(this.session, await this.tmux.capture(this.paneId, escapes).catch(() => null));
    return { panes: pane ? [pane] : [], screens };
  }

  capture(session: string, opts: { history?: number; escapes?: boolean } = {}): Promise<string> {
    this.mine(session);
    return this.tmux.capture(this.paneId, opts);
  }

  newSession(_o: NewPane): Promise<PaneStatus> {
    throw refusal("refused", { why: "adopted", session: this.session, op: "start" });
  }

  typeText(session: string, text: string): Promise<void> {
    this.mine(session);
    return this.tmux.typeText(this.paneId, text);
  }

  sendKeys(session: string, ...keys: string[]): Promise<void> {
    this.mine(session);
    return this.tmux.sendKeys(this.paneId, ...keys);
  }

  /** Never: the pane's session is the person's. `release` forgets it instead (core/sessions/adopt.ts). */
  killSession(_session: string): Promise<boolean> {
    throw refusal("refused", { why: "adopted", session: this.session, op: "kill" });
  }

  async hasSession(session: string): Promise<boolean> {
    this.mine(session);
    const p = await this.pane();
    return !!p && !p.dead;
  }

  attachArgv(_session: string): string[] {
    return ["tmux", "-S", this.socket, "attach-session", "-t", this.paneId];
  }

  async tmuxVersion(): Promise<string> {
    await this.tmux.ensureTmux();
    return this.tmux.version;
  }

  /** Another session's name here would be a bug: this host has one pane. */
  private mine(session: string): void {
    if (session !== this.session) throw new Error(`adopted pane ${this.paneId} is ${this.session}, not ${session}`);
  }
}
