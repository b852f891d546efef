// The only code that runs tmux. Every call is `tmux -S <our socket> …` with an argv array: Wingman
// never builds a shell string, never touches the default server, and never lists or kills sessions
// on any socket but its own.
import { mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { execa } from "execa";
import { failed, unavailable } from "../core/errors.js";

export interface PaneInfo {
  session: string;
  paneId: string;
  pid: number;
  dead: boolean;
  deadStatus: number | null;
  /** The signal that ended the pane's process, when a signal did. */
  deadSignal: number | null;
  /** Seconds since epoch of the last output in the window (tmux resolution is one second). */
  activity: number;
  width: number;
  height: number;
  currentCommand: string;
  currentPath: string;
}

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

// One field separator tmux will not find in a session name (names are [a-z0-9-]) or a number.
const SEP = "\u001f";
const PANE_FORMAT = [
  "#{session_name}",
  "#{pane_id}",
  "#{pane_pid}",
  "#{pane_dead}",
  "#{pane_dead_status}",
  "#{window_activity}",
  "#{pane_width}",
  "#{pane_height}",
  "#{pane_current_command}",
  "#{pane_current_path}",
  "#{pane_dead_signal}",
].join(SEP);

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
      env: { TMUX: "" },
      extendEnv: true,
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
    const envArgs = Object.entries(o.env).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
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
      o.workdir,
      ...envArgs,
      "--",
      ...o.argv,
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
    const r = await this.run(["list-panes", "-a", "-F", PANE_FORMAT], { reject: false });
    if (r.exitCode !== 0) {
      const err = String(r.stderr);
      if (/no server running|error connecting|No such file or directory|server exited/i.test(err)) return [];
      throw failed(`tmux list-panes failed: ${err.trim()}`);
    }
    const panes: PaneInfo[] = [];
    for (const line of String(r.stdout).split("\n")) {
      if (!line) continue;
      const f = line.split(SEP);
      panes.push({
        session: f[0] ?? "",
        paneId: f[1] ?? "",
        pid: Number(f[2]),
        dead: f[3] === "1",
        deadStatus: f[4] ? Number(f[4]) : null,
        activity: Number(f[5]),
        width: Number(f[6]),
        height: Number(f[7]),
        currentCommand: f[8] ?? "",
        currentPath: f[9] ?? "",
        deadSignal: f[10] ? Number(f[10]) : null,
      });
    }
    return panes;
  }

  /** The whole visible pane as text, wrapped lines joined (-J), trailing spaces kept off. */
  async capture(target: string, opts: { history?: number } = {}): Promise<string> {
    const args = ["capture-pane", "-p", "-J", "-t", target];
    if (opts.history) args.push("-S", `-${opts.history}`);
    const r = await this.run(args);
    return String(r.stdout);
  }

  /** Type text literally: `-l --` makes words like Enter or C-c arrive as text, never as keys. */
  async typeText(target: string, text: string): Promise<void> {
    // tmux reads one argument per send; very long text is split so no single argv is unwieldy.
    const CHUNK = 2000;
    for (let i = 0; i < text.length; i += CHUNK) {
      await this.run(["send-keys", "-t", target, "-l", "--", text.slice(i, i + CHUNK)]);
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
