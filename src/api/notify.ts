// What the monitor hands to whoever delivers notifications (WhatsApp via the host, stdout, a command).
import type { PendingPrompt, RiskTier } from "./types.js";
import type { TurnUsage } from "./usage.js";

export type NotificationType =
  | "approval_needed"
  | "question"
  | "trust_prompt"
  | "dialog"
  | "error"
  | "finished"
  | "exited"
  | "stalled"
  | "reminder"
  | "digest"
  | "host_down"
  | "host_back"
  | "budget";

/** One notification; also exactly one line of `wingman monitor --json`. */
export interface Notification {
  type: NotificationType;
  /** Absent for `digest`, `host_down` and `host_back`. */
  session?: string;
  /** The configured host the session runs on (null: this machine); for host_down/host_back, the host. */
  host?: string | null;
  /** ISO 8601, UTC. */
  at: string;
  /** The message exactly as it goes to WhatsApp. */
  text: string;
  id?: string;
  pending?: PendingPrompt & { risk: RiskTier };
  stateReason?: string;
  lastMessage?: string;
  count?: number;
  ids?: string[];
  /** finished, for a session in a worktree: what its branch holds now (`3 files +120 −8 on wingman/api-fix`). */
  changes?: ChangesSummary;
  /** finished: the turn's part of the session's usage, when the agent's record told it (docs/usage.md). */
  turnUsage?: TurnUsage;
  /** budget: which budget, the threshold crossed (80 or 100), the money used and the limit. */
  scope?: "session" | "day";
  pct?: number;
  costUsd?: number;
  limitUsd?: number;
  /** digest of the flood cap (core/monitor/flood.ts): how many notifications it stands for. */
  folded?: number;
  /**
   * A prompt's notification again, complete: the first one (same `id`) went out before the dialog's options were
   * drawn ("options not shown yet", no `always`). A channel that can edit a message replaces that one with this.
   */
  update?: true;
}

/** The numbers of a session's changes, small enough for every notification line. */
export interface ChangesSummary {
  branch: string;
  base: string;
  ahead: number;
  behind: number;
  files: number;
  added: number;
  removed: number;
  uncommitted: number;
}

export interface Notifier {
  /** Deliver one notification. Throwing means "not delivered": the monitor keeps it and retries with backoff. */
  send(n: Notification): Promise<void>;
}

export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  debug?(msg: string): void;
}

export const consoleLogger: Logger = {
  info: (m) => console.error(`[wingman] ${m}`),
  warn: (m) => console.error(`[wingman] warn: ${m}`),
  error: (m) => console.error(`[wingman] error: ${m}`),
};

export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
