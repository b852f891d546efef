// What Wingman tells about the tokens and money a session used (docs/usage.md). Read from the agent's own
// record of its requests, never estimated from its screen.

/** `status --json` `usage` of one session (null: nothing known, with `usageProblem` saying why). */
export interface UsageView {
  /** The model of the last request. */
  model: string | null;
  /** Input not read from a cache. */
  inputTokens: number;
  /** Output, reasoning included. */
  outputTokens: number;
  cacheReadTokens: number;
  /** null where the agent's record has none. */
  cacheWriteTokens: number | null;
  /** null when a model with tokens has no price (config `prices` can name it). */
  costUsd: number | null;
  /** The last request's context over the model's window, 0-100; null when the window is unknown. */
  contextUsedPct: number | null;
}

/** A budget crossed (monitor line `budget`): once at 80% and once at 100% per session, per local day. */
export interface BudgetCrossing {
  scope: "session" | "day";
  /** The session, for scope `session`. */
  session?: string;
  /** The threshold crossed: 80 or 100. */
  pct: number;
  costUsd: number;
  limitUsd: number;
}

/** A turn's part of a session's usage (monitor line `finished`: `turnUsage`). */
export type TurnUsage = Omit<UsageView, "contextUsedPct" | "model"> & { model: string | null };

/** One row of `usage --json`: a session's total, and what it used on the day asked about. */
export interface UsageRow {
  session: string;
  agent: string;
  host: string | null;
  usage: UsageView | null;
  /** Why usage is null (or only partly known): `no_record`, `missing`, `malformed`, `unreadable: …`, `no_usage_record`. */
  problem?: string;
  /** The day's part (local day, `tz`). */
  today: UsageView | null;
  /** When the record was last read (ISO). */
  at: string | null;
}

export interface UsageReport {
  /** The local day the `day` sums are for (YYYY-MM-DD) and its time zone. */
  day: string;
  tz: string;
  sessions: UsageRow[];
  /** Per agent id: the day's sums (costUsd null when some session's model has no price). */
  agents: Record<string, UsageView>;
  /** The day over every session. */
  total: UsageView;
  /** Per local day of the last 7: cost (null when unknown) and tokens. */
  days: Array<{ day: string; costUsd: number | null; tokens: number }>;
  budgets: { sessionUsd?: number; dayUsd?: number };
  prices: { source: string };
}

/** A model's list prices, dollars per million tokens, and its context window (table: core/usage/prices.ts; config `prices`). */
export interface ModelPrice {
  /** Dollars per million uncached input tokens. */
  input: number;
  output: number;
  cacheRead: number;
  /** null: the provider bills no cache writes (they are input). */
  cacheWrite: number | null;
  /** The context window in tokens (for contextUsedPct). */
  contextWindow?: number;
}

/** Token counts of one model, as the agent's own record states them (never estimated). */
export interface UsageCounts {
  /** Input that was not read from a cache. */
  inputTokens: number;
  /** Output, reasoning included. */
  outputTokens: number;
  cacheReadTokens: number;
  /** null where the agent's record has no such count. */
  cacheWriteTokens: number | null;
}
