// What the parts of the core share. The facade (wingman.ts) implements it; the parts (sessions/,
// approvals/, monitor/) take it as their first argument instead of importing the facade, so the core has
// no import cycles and each part can be read on its own.
import type { Agent, PaneIO } from "../agents/agent.js";
import type { Logger } from "../api/notify.js";
import type { RespondOutcome, SendOutcome } from "../api/outcomes.js";
import type { Actor, PaneStatus, RespondRequest, ScreenReading, SessionView } from "../api/types.js";
import type { RespondOptions, SendOptions } from "../api/wingman-api.js";
import type { WingmanConfig } from "../config.js";
import type { HostFiles, PaneHost } from "../hosts/host.js";
import type { Fleet, SessionHost } from "./fleet.js";
import type { Journal } from "./store/journal.js";
import type { AdoptedPaneRef, Registry } from "./store/registry.js";

export interface RefreshOptions {
  /** A list-panes result to reuse (null: the pane host did not answer). */
  panes?: PaneStatus[] | null;
  /** Skip capturing this session's screen (nothing changed); `cached` supplies the last reading. */
  skipCapture?: (name: string) => boolean;
  cached?: (name: string) => ScreenReading | undefined;
  /** Called with each fresh reading (the monitor keeps them for skipped captures). */
  onReading?: (name: string, reading: ScreenReading) => void;
}

export interface Core {
  readonly stateDir: string;
  readonly config: WingmanConfig;
  readonly registry: Registry;
  readonly journal: Journal;
  readonly panes: PaneHost;
  /** The absolute path of Wingman's own tmux socket (never a socket to adopt from). */
  readonly ownSocket: string;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  /** The last screen read per session and what it was read as: an unchanged screen is not classified again. */
  readonly screens: Map<string, { text: string; agent: string; reading: ScreenReading }>;
  /** The adapter a record names (refused when this Wingman does not know it). */
  agentOf(rec: { agent: string }): Agent;
  /** This machine's files: agents' fixed files and each local session's signal files. */
  readonly files: HostFiles;
  /** This machine and the configured hosts; `hostOf` gives a session's. */
  readonly fleet: Fleet;
  hostOf(name: string): Promise<SessionHost>;
  refresh(only?: string, opts?: RefreshOptions): Promise<SessionView[]>;
  send(session: string, text: string, opts: SendOptions, actor: Actor): Promise<SendOutcome>;
  respond(req: RespondRequest, actor: Actor, opts?: RespondOptions): Promise<RespondOutcome>;
  markShown(actor: Actor, prompts: Array<{ session: string; id: string }>): Promise<void>;
  /**
   * The session's pane; `where` (the record just read) saves looking it up; `escapes` reads the screen with
   * its colours (for an agent that declares screenEscapes).
   */
  paneIO(
    name: string,
    where?: { host?: string | null; adopted?: AdoptedPaneRef; panePid?: number },
    opts?: { escapes?: boolean },
  ): PaneIO;
  withSessionLock<T>(name: string, fn: () => Promise<T>): Promise<T>;
  waitForState(name: string, ok: (v: SessionView) => boolean, timeoutMs: number): Promise<SessionView | null>;
  /** Send the first prompt kept for after a trust question: sent, typed but not confirmed, or nothing kept. */
  deliverQueued(name: string): Promise<"sent" | "not_submitted" | null>;
  sendUnlocked(name: string, text: string, by?: string): Promise<boolean>;
}

/** Wingman acting on its own (autoTrust), as the audit names it. */
export const SYSTEM: Actor = { id: "wingman", channel: "system", authorized: true };
