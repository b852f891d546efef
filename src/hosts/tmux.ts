// Longer than 300 lines: the local tmux client: every tmux call Wingman makes, each a fixed argv with its parsing, in
// one place.
// The only code that runs tmux. Every call is `tmux -S <our socket> …` with an argv array: Wingman
// never builds a shell string, never touches the default server, and never lists or kills sessions
// on any socket but its own.
import { randomBytes } from "node:crypto";
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { failed, unavailable } from "../api/errors.js";
import type { PaneStatus } from "../api/types.js";
import { chunkText, configWord, PANE_FIELDS, parsePaneList, parseScreens, tmuxArg } from "./tmux-text.js";
import { runProgram } from "./run.js";

export { chunkText, parsePaneList, parseScreens, tmuxArg } from "./tmux-text.js";

/** One pane as tmux reports it (the shape every pane host returns). */
export type PaneInfo = PaneStatus;

export interface NewSessionOptions {
  name: string;
  workdir: string;
  /** The program and its arguments, exec'd directly by tmux (no shell). No `-e` values: see NewPane. */
  argv: string[];
  width: number;
  height: number;
}

const MIN_VERSION = [3, 2] as const; // the oldest tmux Wingman is tested with
const SERVER_START_RACE =
  /server exited unexpectedly|lost server|error connecting to|no server running|Connection refused/i;

/** Longest piece of text one `send-keys -l` carries (tmux refuses about 16 KB as "command too long"). */
export const TYPE_CHUNK = 2000;

/** What one program run printed. */
export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program with an argv (never a shell string) on the machine whose tmux this is: here, or through
 * an SSH connection. Fails only when the machine cannot be reached; a program's own failure is its exit code.
 */
export type ProgramRunner = (argv: string[], input?: string) => Promise<RunResult>;

/** This machine: the program directly, with Wingman's client environment. */
export const runLocally: ProgramRunner = async (argv, input) => {
  // The first call starts the server, whose environment every pane inherits: none of Wingman's own
  // variables (state dir, socket, config) and no TMUX go into it.
  const r = await runProgram(argv[0]!, argv.slice(1), { input, env: tmuxClientEnv(process.env) });
  if (r.notFound) throw Object.assign(new Error(r.failure ?? `${argv[0]} not found`), { notFound: true });
  // Killed by a signal (a Ctrl-C to the whole terminal): a failure of this call, with what happened.
  return { exitCode: r.exitCode ?? 1, stdout: r.stdout, stderr: r.stderr || (r.failure ? `tmux: ${r.failure}` : "") };
};

export class TmuxController {
  readonly socket: string;
  /** The version check, run once (again after a failure). */
  private checking: Promise<void> | null = null;
  /** tmux's version (`tmux 3.3a`), once checked. */
  version = "";
  /** Counts tmux processes this controller started (for benchmarks). */
  spawned = 0;

  constructor(
    socket: string,
    private readonly runner: ProgramRunner = runLocally,
    /** Makes the socket's folder (owner-only) before the server starts; another machine brings its own. */
    private readonly prepareSocketDir: () => Promise<unknown> = () =>
      mkdir(dirname(socket), { recursive: true, mode: 0o700 }),
  ) {
    this.socket = socket;
  }

  /**
   * Run tmux on our socket. `-f /dev/null`: the user's ~/.tmux.conf must not change how panes behave. `-u`:
   * a client without a UTF-8 locale (LANG unset: a service, an `ssh host cmd`) gets every byte that is not
   * printable ASCII as `_`, which would garble screens and the control-character markers of list-panes.
   */
  async run(
    args: string[],
    opts: { reject?: boolean; input?: string; via?: ProgramRunner; readOnly?: boolean } = {},
  ): Promise<RunResult> {
    // A read (list, capture) goes out beside the first version check, not after it (one tmux process less to
    // wait for on a cold status); its result counts only once the check passed. A change waits for the check.
    const check = this.ensureTmux();
    if (!opts.readOnly) await check;
    this.spawned++;
    const running = (opts.via ?? this.runner)(
      ["tmux", "-u", "-S", this.socket, "-f", "/dev/null", ...args],
      opts.input,
    );
    const [checked, ran] = await Promise.allSettled([check, running]);
    if (checked.status === "rejected") throw checked.reason;
    if (ran.status === "rejected") throw ran.reason;
    const r = ran.value;
    if (opts.reject !== false && r.exitCode !== 0) {
      throw failed(`tmux ${args[0]} failed: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
    }
    return r;
  }

  /** Fails with what to install when tmux is missing or older than 3.2. Checked once per controller. */
  ensureTmux(): Promise<void> {
    this.checking ??= this.checkVersion().catch((e: unknown) => {
      this.checking = null;
      throw e;
    });
    return this.checking;
  }

  private async checkVersion(): Promise<void> {
    let out: string;
    let r: RunResult;
    try {
      r = await this.runner(["tmux", "-V"]);
    } catch (e) {
      if (!(e as { notFound?: boolean }).notFound) throw e; // the machine did not answer: say that, not "install tmux"
      throw unavailable("tmux is not installed: install tmux 3.2 or later (e.g. `apt-get install tmux`)", e);
    }
    if (r.exitCode !== 0)
      throw unavailable(
        `tmux is not installed${this.runner === runLocally ? "" : " there"}: install tmux 3.2 or later (e.g. \`apt-get install tmux\`)`,
      );
    out = r.stdout;
    const m = /(\d+)\.(\d+)/.exec(out);
    const major = Number(m?.[1] ?? 0);
    const minor = Number(m?.[2] ?? 0);
    if (major < MIN_VERSION[0] || (major === MIN_VERSION[0] && minor < MIN_VERSION[1])) {
      throw unavailable(`tmux ${out.trim()} is too old: Wingman needs tmux 3.2 or later`);
    }
    this.version = out.trim();
  }

  /**
   * Create a detached session running `argv` directly. remain-on-exit is set globally on our server
   * before the session exists, so even an agent that dies at once leaves its last screen readable.
   */
  async newSession(o: NewSessionOptions): Promise<PaneInfo> {
    await this.prepareSocketDir();
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
    if (r.exitCode !== 0) throw failed(`tmux new-session failed: ${r.stderr.trim() || `exit ${r.exitCode}`}`);
    const paneId = r.stdout.trim();
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
    const r = await this.run(["list-panes", "-a", "-F", `${start}${PANE_FIELDS.join(sep)}${start}`], {
      reject: false,
      readOnly: true,
    });
    if (r.exitCode !== 0) {
      const err = r.stderr;
      if (/no server running|error connecting|No such file or directory|server exited/i.test(err)) return [];
      throw failed(`tmux list-panes failed: ${err.trim()}`);
    }
    return parsePaneList(r.stdout, start, sep);
  }

  /**
   * The pane list and the visible screens of `sessions` in ONE tmux process, whatever N: the commands go to
   * `source-file -` on stdin (no argument-length limit; a command that fails, say for a session that vanished
   * a moment ago, does not stop the ones after it). Each screen is preceded by a marker that tmux itself fills
   * in with the name of the session it resolved, under a random per-call nonce, so a screen is attributed to
   * the session tmux read it from; a session it could not find maps to null, never to another's screen.
   */
  async snapshot(
    sessions: string[],
    via?: ProgramRunner,
    opts: { escapes?: ReadonlySet<string> } = {},
  ): Promise<{ panes: PaneInfo[]; screens: Map<string, string | null> }> {
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
      lines.push(
        `display-message -p -t ${t} ${configWord(`${mark}#{session_name}${mark}`)}`,
        // -e for an agent whose screens say some things by colour alone (agents/agent.ts, screenEscapes).
        `capture-pane -p -J${opts.escapes?.has(n) ? " -e" : ""} -t ${t}`,
      );
    }
    // `via` runs the same tmux argv inside a larger call (over SSH: together with reading signal files).
    const r = await this.run(["source-file", "-"], {
      reject: false,
      readOnly: true,
      input: `${lines.join("\n")}\n`,
      ...(via ? { via } : {}),
    });
    const out = r.stdout;
    const cut = out.indexOf(mark);
    if (!out.includes(start)) {
      const err = r.stderr;
      if (/no server running|error connecting|No such file or directory|server exited/i.test(err))
        return { panes: [], screens };
      if (r.exitCode !== 0 && !/can't find/i.test(err))
        throw failed(`tmux list-panes failed: ${err.trim() || `exit ${r.exitCode}`}`);
    }
    const panes = parsePaneList(cut < 0 ? out : out.slice(0, cut), start, sep);
    for (const [name, text] of parseScreens(cut < 0 ? "" : out.slice(cut), mark))
      if (screens.has(name)) screens.set(name, text);
    return { panes, screens };
  }

  /** The whole visible pane as text, wrapped lines joined (-J), trailing spaces kept off. */
  async capture(target: string, opts: { history?: number; escapes?: boolean } = {}): Promise<string> {
    const args = ["capture-pane", "-p", "-J", "-t", target];
    if (opts.history) args.push("-S", `-${opts.history}`);
    if (opts.escapes) args.push("-e");
    const r = await this.run(args, { readOnly: true });
    return r.stdout;
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

  /**
   * Type text that arrives on stdin, never on a command line: it goes into a private paste buffer, then is
   * pasted into the pane and the buffer deleted (-d) in the same tmux call. `-r` keeps a line feed a line
   * feed, and without `-p` no bracketed-paste markers are added, so the pane gets the same bytes as from
   * `send-keys -l`; there is no 16 KB command limit. Used where the command line crosses a remote shell.
   */
  async pasteText(target: string, text: string): Promise<void> {
    if (!text) return;
    const buffer = `wingman-${randomBytes(6).toString("hex")}`;
    await this.run(["load-buffer", "-b", buffer, "-", ";", "paste-buffer", "-d", "-r", "-b", buffer, "-t", target], {
      input: text,
    });
  }

  /** Send named keys (Enter, Escape, Down, 1, BTab…). Only Wingman's own key plans call this. */
  async sendKeys(target: string, ...keys: string[]): Promise<void> {
    await this.run(["send-keys", "-t", target, ...keys]);
  }

  /**
   * End a session and what its panes started. kill-session hangs the pane up, and the kernel's SIGHUP reaches
   * only the pane's process group, as a hang-up: a child that ignores it goes on running, and acting, after
   * "killed" (Gemini CLI's relaunched node process was seen alive seconds to 20+ minutes later, docs/gemini.md).
   * So the live panes' process groups are read first and, after the hang-up, sent SIGTERM, then SIGKILL if
   * they are still there 1 s later. By process-group id (the pane's PID: tmux makes each pane a group leader),
   * never by name; a pane whose program had already exited is left alone (its PID may belong to another now).
   */
  async killSession(name: string): Promise<boolean> {
    const groups = await this.livePaneGroups(name);
    const r = await this.run(["kill-session", "-t", exactSession(name)], { reject: false });
    if (r.exitCode === 0) await Promise.all(groups.map((g) => this.endGroup(g)));
    return r.exitCode === 0;
  }

  /** The PIDs of a session's panes whose program still runs (each its own process group). */
  private async livePaneGroups(name: string): Promise<number[]> {
    const r = await this.run(["list-panes", "-s", "-t", exactSession(name), "-F", "#{pane_dead} #{pane_pid}"], {
      reject: false,
      readOnly: true,
    });
    if (r.exitCode !== 0) return [];
    return r.stdout
      .split("\n")
      .map((line) => /^0 (\d+)$/.exec(line.trim())?.[1])
      .map(Number)
      .filter((pid) => Number.isInteger(pid) && pid > 1);
  }

  /** SIGTERM to a process group that outlived the hang-up, SIGKILL if it is still there after 1 s. */
  private async endGroup(pgid: number): Promise<void> {
    const signal = async (sig: string) => {
      try {
        return (await this.runner(["kill", `-${sig}`, "--", `-${pgid}`])).exitCode === 0;
      } catch {
        return false; // no `kill` program, or the machine is gone: nothing more to do from here
      }
    };
    if (!(await signal("TERM"))) return; // the usual case: the group ended with the hang-up
    for (let i = 0; i < 10; i++) {
      await sleep(100);
      if (!(await signal("0"))) return;
    }
    await signal("KILL");
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
