// What the monitor hands to whoever delivers notifications (WhatsApp via the host, stdout, a command).
import type { PendingPrompt, RiskTier } from "./types.js";

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
  | "host_back";

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
  /** digest of the flood cap (core/monitor/flood.ts): how many notifications it stands for. */
  folded?: number;
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
