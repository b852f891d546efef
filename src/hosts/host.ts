// Where panes live: the machine whose tmux server runs the agents, and whose files their signal programs
// write. The core asks a PaneHost for everything that happens on that machine, so that "this laptop" and
// "the build box over SSH" (and, later, a container's or a pod's `exec`) are the same to it. Every method
// takes values, never command strings; text is typed literally.
import type { PaneStatus } from "../api/types.js";

export interface NewPane {
  name: string;
  workdir: string;
  /** The program and its arguments, run directly (no shell). */
  argv: string[];
  env: Record<string, string>;
  /** Variables removed just before the program runs (tmux sets TMUX in every pane itself). */
  unset: string[];
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
   */
  snapshot(sessions: string[]): Promise<{ panes: PaneStatus[]; screens: Map<string, string | null> }>;
  /** One screen, optionally with scrollback. */
  capture(session: string, opts?: { history?: number }): Promise<string>;
  newSession(o: NewPane): Promise<PaneStatus>;
  typeText(session: string, text: string): Promise<void>;
  sendKeys(session: string, ...keys: string[]): Promise<void>;
  killSession(session: string): Promise<boolean>;
  hasSession(session: string): Promise<boolean>;
  /** The argv a person runs to look at the session (`tmux -S … attach -t =NAME`). */
  attachArgv(session: string): string[];
  /** Counts the processes this host started (benchmarks: tmux calls per read). */
  readonly calls: number;
}
