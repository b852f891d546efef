// The only code that runs tmux. Every call is `tmux -S <our socket> …` with an argv array: Wingman
// never builds a shell string, never touches the default server, and never lists or kills sessions
// on any socket but its own.
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execa } from "execa";
import { failed, unavailable } from "../api/errors.js";
import type { PaneStatus } from "../api/types.js";
import { chunkText, configWord, PANE_FIELDS, parsePaneList, parseScreens, tmuxArg } from "./tmux-text.js";

export { chunkText, parsePaneList, parseScreens, tmuxArg } from "./tmux-text.js";

/** One pane as tmux reports it (the shape every pane host returns). */
export type PaneInfo = PaneStatus;


export interface NewSessionOptions {
  name: string;
  workdir: string;
  /** The program and its arguments, exec'd directly by tmux (no shell). */
  argv: string[];
  env: Record<string, string>;
  width: number;
  height: number;
}

const MIN_VERSION = [3, 2] as const; // `new-session -e` needs 3.2
const SERVER_START_RACE = /server exited unexpectedly|lost server|error connecting to|no server running|Connection refused/i;

/** Longest piece of text one `send-keys -l` carries (tmux refuses about 16 KB as "command too long"). */
export const TYPE_CHUNK = 2000;

export class TmuxController {
  readonly socket: string;
  private checked = false;
  /** Counts tmux processes this controller started (for benchmarks). */
  spawned = 0;

  constructor(socket: string) {
    this.socket = socket;
  }

  /** Run tmux on our socket. `-f /dev/null`: the user's ~/.tmux.conf must not change how panes behave. */
  async run(args: string[], opts: { reject?: boolean; input?: string } = {}) {
    await this.ensureTmux();
    this.spawned++;
    const r = await execa("tmux", ["-S", this.socket, "-f", "/dev/null", ...args], {
      reject: false,
      input: opts.input,
      stripFinalNewline: false,
      // The first call starts the server, whose environment every pane inherits: none of Wingman's own
      // variables (state dir, socket, config) and no TMUX go into it.
      env: tmuxClientEnv(process.env),
      extendEnv: false,
    });
    if (opts.reject !== false && r.exitCode !== 0) {
      throw failed(`tmux ${args[0]} failed: ${String(r.stderr).trim() || `exit ${r.exitCode}`}`);
    }
    return r;
  }

  /** Fails with what to install when tmux is missing or older than 3.2. Checked once per controller. */
  async ensureTmux(): Promise<void> {
    if (this.checked) return;
    let out: string;
    try {
      const r = await execa("tmux", ["-V"], { reject: false });
      if (r.exitCode !== 0) throw new Error(String(r.stderr));
      out = String(r.stdout);
    } catch (e) {
      throw unavailable("tmux is not installed: install tmux 3.2 or later (e.g. `apt-get install tmux`)", e);
    }
    const m = /(\d+)\.(\d+)/.exec(out);
    const major = Number(m?.[1] ?? 0);
    const minor = Number(m?.[2] ?? 0);
    if (major < MIN_VERSION[0] || (major === MIN_VERSION[0] && minor < MIN_VERSION[1])) {
      throw unavailable(`tmux ${out.trim()} is too old: Wingman needs tmux 3.2 or later`);
    }
    this.checked = true;
  }

  /**
   * Create a detached session running `argv` directly. remain-on-exit is set globally on our server
   * before the session exists, so even an agent that dies at once leaves its last screen readable.
   */
  async newSession(o: NewSessionOptions): Promise<PaneInfo> {
    await mkdir(dirname(this.socket), { recursive: true, mode: 0o700 });
    const envArgs = Object.entries(o.env).flatMap(([k, v]) => ["-e", tmuxArg(`${k}=${v}`)]);
    const args = [
      "start-server",
      ";",
      "set-option",
      "-g",
      "remain-on-exit",
      "on",
      ";",
      "set-option",
      "-g",
      "history-limit",
      "5000",
      ";",
      "new-session",
      "-d",
      "-P",
      "-F",
      "#{pane_id}",
      "-s",
      o.name,
      "-x",
      String(o.width),
      "-y",
      String(o.height),
      "-c",
      tmuxArg(o.workdir),
      ...envArgs,
      "--",
      ...o.argv.map(tmuxArg),
    ];
    let r = await this.run(args, { reject: false });
    // Two Wingman processes (phone and terminal) may both start the server on a fresh socket at once; the
    // loser sees the server vanish or refuse before any session exists. One retry finds it running.
    if (r.exitCode !== 0 && SERVER_START_RACE.test(String(r.stderr))) {
      await sleep(150);
      r = await this.run(args, { reject: false });
    }
    if (r.exitCode !== 0) throw failed(`tmux new-session failed: ${String(r.stderr).trim() || `exit ${r.exitCode}`}`);
    const paneId = String(r.stdout).trim();
    const panes = await this.listPanes();
    const info = panes.find((p) => p.paneId === paneId);
    if (!info) throw failed(`tmux session ${o.name} ended as soon as it was created`);
    return info;
  }

  /** Every pane on our server in ONE tmux call; [] when the server is not running. */
  async listPanes(): Promise<PaneInfo[]> {
    const nonce = randomBytes(8).toString("hex");
    const sep = `\u001f${nonce}\u001f`;
    const start = `\u001e${nonce}\u001e`;
    const r = await this.run(["list-panes", "-a", "-F", `${start}${PANE_FIELDS.join(sep)}${start}`], { reject: false });
    if (r.exitCode !== 0) {
      const err = String(r.stderr);
      if (/no server running|error connecting|No such file or directory|server exited/i.test(err)) return [];
      throw failed(`tmux list-panes failed: ${err.trim()}`);
    }
    return parsePaneList(String(r.stdout), start, sep);
  }

  /**
   * The pane list and the visible screens of `sessions` in ONE tmux process, whatever N: the commands go to
   * `source-file -` on stdin (no argument-length limit; a command that fails, say for a session that vanished
   * a moment ago, does not stop the ones after it). Each screen is preceded by a marker that tmux itself fills
   * in with the name of the session it resolved, under a random per-call nonce, so a screen is attributed to
   * the session tmux read it from; a session it could not find maps to null, never to another's screen.
   */
  async snapshot(sessions: string[]): Promise<{ panes: PaneInfo[]; screens: Map<string, string | null> }> {
    const nonce = randomBytes(8).toString("hex");
    const start = `\u001e${nonce}\u001e`;
    const sep = `\u001f${nonce}\u001f`;
    const mark = `\u001d${nonce}\u001d`;
    const screens = new Map<string, string | null>(sessions.map((s) => [s, null]));
    // tmux's config syntax: double-quoted arguments. Names are [a-z0-9-] and the markers hex and control
    // bytes, so nothing here needs escaping (no quote, backslash, `$` or `~`); checked, not assumed.
    const lines = [`list-panes -a -F ${configWord(`${start}${PANE_FIELDS.join(sep)}${start}`)}`];
    for (const n of sessions) {
      const t = configWord(paneTarget(n));
      lines.push(`display-message -p -t ${t} ${configWord(`${mark}#{session_name}${mark}`)}`, `capture-pane -p -J -t ${t}`);
    }
    const r = await this.run(["source-file", "-"], { reject: false, input: `${lines.join("\n")}\n` });
    const out = String(r.stdout);
    const cut = out.indexOf(mark);
    if (!out.includes(start)) {
      const err = String(r.stderr);
      if (/no server running|error connecting|No such file or directory|server exited/i.test(err)) return { panes: [], screens };
      if (r.exitCode !== 0 && !/can't find/i.test(err)) throw failed(`tmux list-panes failed: ${err.trim() || `exit ${r.exitCode}`}`);
    }
    const panes = parsePaneList(cut < 0 ? out : out.slice(0, cut), start, sep);
    for (const [name, text] of parseScreens(cut < 0 ? "" : out.slice(cut), mark)) if (screens.has(name)) screens.set(name, text);
    return { panes, screens };
  }

  /** The whole visible pane as text, wrapped lines joined (-J), trailing spaces kept off. */
  async capture(target: string, opts: { history?: number; escapes?: boolean } = {}): Promise<string> {
    const args = ["capture-pane", "-p", "-J", "-t", target];
    if (opts.history) args.push("-S", `-${opts.history}`);
    if (opts.escapes) args.push("-e");
    const r = await this.run(args);
    return String(r.stdout);
  }

  /**
   * Type text literally: `-l --` makes words like Enter or C-c arrive as text, never as keys, and
   * tmuxArg keeps a trailing `;` from being read as a command separator. The core has already refused
   * control characters (core/text.ts); a line feed typed this way is a newline in the input box.
   */
  async typeText(target: string, text: string): Promise<void> {
    for (const piece of chunkText(text, TYPE_CHUNK)) {
      await this.run(["send-keys", "-t", target, "-l", "--", tmuxArg(piece)]);
    }
  }

  /** Send named keys (Enter, Escape, Down, 1, BTab…). Only Wingman's own key plans call this. */
  async sendKeys(target: string, ...keys: string[]): Promise<void> {
    await this.run(["send-keys", "-t", target, ...keys]);
  }

  async killSession(name: string): Promise<boolean> {
    const r = await this.run(["kill-session", "-t", exactSession(name)], { reject: false });
    return r.exitCode === 0;
  }

  async hasSession(name: string): Promise<boolean> {
    const r = await this.run(["has-session", "-t", exactSession(name)], { reject: false });
    return r.exitCode === 0;
  }

  /** Wait until `check(capture)` is true or the time is up; returns the last capture. */
  async waitFor(
    target: string,
    check: (screen: string) => boolean,
    opts: { timeoutMs: number; intervalMs?: number },
  ): Promise<{ ok: boolean; screen: string }> {
    const until = Date.now() + opts.timeoutMs;
    let screen = "";
    for (;;) {
      screen = await this.capture(target);
      if (check(screen)) return { ok: true, screen };
      if (Date.now() >= until) return { ok: false, screen };
      await sleep(opts.intervalMs ?? 50);
    }
  }

  /** Only for tests and `wingman kill --all`-like cleanup of OUR socket. */
  async killServer(): Promise<void> {
    await this.run(["kill-server"], { reject: false });
  }

  attachArgv(name: string): string[] {
    return ["tmux", "-S", this.socket, "attach-session", "-t", exactSession(name)];
  }
}

/** `=name` makes tmux match the session name exactly, never as a prefix of another session. */
export function exactSession(name: string): string {
  return `=${name}`;
}

/** The agent's pane: Wingman creates one window with one pane per session. */
export function paneTarget(name: string): string {
  return `=${name}:0.0`;
}

/** What Wingman's tmux client runs with: its environment less Wingman's own variables and tmux's. */
export function tmuxClientEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || k === "TMUX" || k === "TMUX_PANE" || k.startsWith("WINGMAN_")) continue;
    out[k] = v;
  }
  return out;
}
