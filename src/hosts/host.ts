// Where panes live: the machine whose tmux server runs the agents, and whose files their signal programs
// write. The core asks a PaneHost for everything that happens on that machine, so that "this laptop" and
// "the build box over SSH" (and, later, a container's or a pod's `exec`) are the same to it. Every method
// takes values, never command strings; text is typed literally.
import type { PaneStatus, SignalFile } from "../api/types.js";
import type { ProgramRunner } from "./tmux.js";

export type { ProgramRunner } from "./tmux.js";

export interface NewPane {
  name: string;
  workdir: string;
  /**
   * The program and its arguments, run directly (no shell). No environment goes with it: a value on tmux's
   * command line is readable by every local user, so the core hands the agent its environment through a
   * 0600 file read by the shipped launcher (core/sessions/launcher.ts), which this argv runs.
   */
  argv: string[];
  width: number;
  height: number;
}

export interface PaneHost {
  /** The host's name in the config, or null for this machine. */
  readonly name: string | null;
  /** Every pane on Wingman's own tmux server, in one call; [] when the server is not running. */
  listPanes(): Promise<PaneStatus[]>;
  /**
   * The pane list and the visible screens of several sessions at once (one tmux process for the whole
   * fleet, locally); a session whose pane is gone maps to null, never to another session's screen.
   * `escapes`: the sessions whose screens are read with their colours (SGR escapes, `capture-pane -e`).
   */
  snapshot(
    sessions: string[],
    opts?: { escapes?: ReadonlySet<string> },
  ): Promise<{ panes: PaneStatus[]; screens: Map<string, string | null> }>;
  /** One screen, optionally with scrollback; `escapes` keeps colours as SGR escapes (the web page). */
  capture(session: string, opts?: { history?: number; escapes?: boolean }): Promise<string>;
  newSession(o: NewPane): Promise<PaneStatus>;
  typeText(session: string, text: string): Promise<void>;
  sendKeys(session: string, ...keys: string[]): Promise<void>;
  killSession(session: string): Promise<boolean>;
  hasSession(session: string): Promise<boolean>;
  /** The argv a person runs to look at the session (`tmux -S … attach -t =NAME`). */
  attachArgv(session: string): string[];
  /** `tmux 3.3a`; fails with what to install when tmux is missing or too old there. */
  tmuxVersion(): Promise<string>;
  /** Counts the processes this host started (benchmarks: tmux calls per read). */
  readonly calls: number;
}

/**
 * The files Wingman keeps on the machine where a session's agent runs: the agent's fixed files (hook
 * script, settings) and one folder of signal files per session, written there by the agent's signal
 * program. Paths are paths on that machine. Locally this is Wingman's state dir; over SSH, a state dir on
 * the remote, reached through the same connection as its tmux.
 */
export interface HostFiles {
  /** The folder for the agents' fixed files on that machine (created owner-only by writeFiles). */
  readonly agentDir: string;
  /** A session's signals folder on that machine. */
  signalsDir(session: string): string;
  /** Signal files newer than `cursor`, oldest first; a file that is not JSON is skipped. */
  readSignals(session: string, cursor?: string): Promise<SignalFile[]>;
  /** Delete folded signal files up to and including `cursor`. */
  pruneSignals(session: string, cursor: string): Promise<void>;
  /** Empty a session's signals folder (created owner-only) before its agent starts. */
  resetSignals(session: string): Promise<void>;
  removeSignals(session: string): Promise<void>;
  /** Touch a marker beside the sessions' signal folders (not a signal file), for a watcher of them; optional. */
  nudge?(session: string): Promise<void>;
  /** Write fixed files, each atomically and owner-only; paths lie under agentDir. */
  writeFiles(files: Array<{ path: string; content: string }>): Promise<void>;
  /** Whether `command` (a name on PATH or a path) is an executable program there. */
  hasProgram(command: string): Promise<boolean>;
  /** A folder's real path there (`~/` expanded, symlinks resolved), or null when it is not a folder there. */
  realFolder(path: string): Promise<string | null>;
  /** Runs a fixed argv on that machine (git for worktrees): no shell; a program's failure is its exit code. */
  run: ProgramRunner;
}

/** What a look at another machine found (`wingman hosts`). */
export interface HostProbe {
  reachable: boolean;
  /** Why not, with what to run to fix it. */
  error?: string;
  tmuxVersion?: string;
  /** Each program asked about, with the version it prints, or null when it is missing there. */
  programs: Record<string, string | null>;
}

/**
 * A change a host reported as it happened: a pane drew something, an agent wrote a signal file, the session
 * set changed there, or the stream itself went down. Only a reason to look again now: nothing is decided, and
 * nothing is pressed, on a hint alone.
 */
export interface HostHint {
  host: string;
  /** The sessions that changed; null when it could be any session of the host. */
  sessions: string[] | null;
  why: "output" | "signal" | "sessions" | "stream";
}

/** Changes of a host's sessions, reported as they happen (one long-lived channel over its connection). */
export interface HostWatch {
  /** The host's sessions the monitor follows: the channel runs while there is one, and starts again when one is missing from it. */
  follow(sessions: string[]): void;
  /** Whether a change of `session` is reported now (the channel is up and attached to it). */
  covers(session: string): boolean;
  close(): Promise<void>;
}

export interface WatchOptions {
  /** Waits before each restart after the channel ended or stalled (the last one repeats). */
  restartMs?: number[];
  /** How often the channel is asked for a sign of life; nothing heard for 1.5 times this long is a stall. */
  heartbeatMs?: number;
}

/** What every kind of host tells about itself (`wingman hosts`): its kind, where it is, and a look at it. */
export interface ProbedHost {
  /** The kind in the factory table (hosts/index.ts): `local`, `ssh`. */
  readonly kind: string;
  /** Where it is, for people: this machine's host name, or the ssh destination. */
  readonly address: string;
  /** Whether it answers, its tmux version and each program's `--version` (null: not found there). */
  probe(programs: string[]): Promise<HostProbe>;
}

/** A machine other than this one: panes and files over one connection, which it can check and close. */
export interface RemoteHost extends PaneHost, HostFiles, ProbedHost {
  /** Report changes as they happen, where the host can (optional: without it, the monitor polls). */
  watch?(onHint: (hint: HostHint) => void, opts?: WatchOptions): HostWatch;
  /** Connects and finds its state dir; agentDir, signalsDir and attachArgv need this first. */
  ready(): Promise<unknown>;
  close(): Promise<void>;
}
