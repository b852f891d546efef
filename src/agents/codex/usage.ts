// Codex's own record of what a session cost: its session log ("rollout"), a JSONL file per thread under
// `$CODEX_HOME/sessions/YYYY/MM/DD/rollout-<time>-<thread id>.jsonl` (CODEX_HOME defaults to ~/.codex).
// After each response Codex appends an `event_msg` whose payload is `token_count`, with
// `info.total_token_usage` (the thread's running total: `input_tokens` including `cached_input_tokens`,
// `output_tokens` including `reasoning_output_tokens`, and on newer builds `cache_write_input_tokens`),
// `info.last_token_usage` and `info.model_context_window`; `turn_context` lines name the model. Measured on
// the pinned Codex against devkit/mock-openai.ts (docs/usage.md). The running total is monotone within a
// file, so the highest seen is kept: reading a file again from its start adds nothing.
import type { UsageCounts, UsageReading, UsageRecord } from "../agent.js";
import { PRICES, PRICES_SOURCE } from "./prices.js";
import { byModelProblem, count, isObject, parseLine, zeroCounts } from "../kit/usage.js";

interface CodexUsageState {
  model: string | null;
  /** What earlier files of this session counted, per model. */
  base: Record<string, UsageCounts>;
  /** The highest running total of the current file (raw: input includes cached). */
  total: { input: number; cached: number; cacheWrite: number | null; output: number };
  /** The model the current file's total belongs to (the last one named). */
  totalModel: string | null;
  ctx: number | null;
  window: number | null;
  malformed: number;
}

function stateProblem(x: unknown): string | null {
  if (!isObject(x)) return "usage state is not an object";
  if (x.model !== null && typeof x.model !== "string") return "usage model is not a string";
  if (!isObject(x.total) || typeof x.total.input !== "number" || typeof x.total.output !== "number")
    return "usage total is not counts";
  if (typeof x.malformed !== "number") return "usage malformed is not a number";
  return byModelProblem(x.base);
}

function countsOf(t: CodexUsageState["total"]): UsageCounts {
  return {
    inputTokens: Math.max(0, t.input - t.cached - (t.cacheWrite ?? 0)),
    outputTokens: t.output,
    cacheReadTokens: t.cached,
    cacheWriteTokens: t.cacheWrite,
  };
}

function add(into: Record<string, UsageCounts>, model: string, c: UsageCounts): void {
  into[model] ??= zeroCounts(c.cacheWriteTokens !== null);
  const a = into[model]!;
  a.inputTokens += c.inputTokens;
  a.outputTokens += c.outputTokens;
  a.cacheReadTokens += c.cacheReadTokens;
  if (c.cacheWriteTokens !== null) a.cacheWriteTokens = (a.cacheWriteTokens ?? 0) + c.cacheWriteTokens;
}

function foldLine(s: CodexUsageState, line: string): void {
  const wanted = line.includes('"token_count"') || line.includes('"turn_context"');
  if (!wanted) {
    if (line[0] !== "{" || line[line.length - 1] !== "}") s.malformed += 1;
    return;
  }
  const v = parseLine(line);
  if (!isObject(v)) {
    s.malformed += 1;
    return;
  }
  const p = v.payload;
  if (!isObject(p)) return;
  if (v.type === "turn_context") {
    if (typeof p.model === "string" && p.model) s.model = p.model;
    return;
  }
  if (v.type !== "event_msg" || p.type !== "token_count" || !isObject(p.info)) return;
  const info = p.info;
  const t = info.total_token_usage;
  if (isObject(t)) {
    const hasWrite = typeof t.cache_write_input_tokens === "number";
    s.total = {
      input: Math.max(s.total.input, count(t.input_tokens)),
      cached: Math.max(s.total.cached, count(t.cached_input_tokens)),
      cacheWrite: hasWrite ? Math.max(s.total.cacheWrite ?? 0, count(t.cache_write_input_tokens)) : s.total.cacheWrite,
      output: Math.max(s.total.output, count(t.output_tokens)),
    };
    s.totalModel = s.model;
  }
  const last = info.last_token_usage;
  if (isObject(last)) s.ctx = count(last.input_tokens) + count(last.output_tokens);
  if (typeof info.model_context_window === "number" && info.model_context_window > 0)
    s.window = info.model_context_window;
}

export const codexUsage: UsageRecord<CodexUsageState> = {
  // Codex's thread id is in the rollout's file name; CODEX_HOME comes from the session's environment.
  locate: (o) =>
    o.agentSessionId && /^[A-Za-z0-9-]+$/.test(o.agentSessionId)
      ? {
          find: {
            dir: `${o.env.CODEX_HOME || "~/.codex"}/sessions`,
            name: `rollout-*-${o.agentSessionId}.jsonl`,
          },
        }
      : null,
  start: () => ({
    model: null,
    base: {},
    total: { input: 0, cached: 0, cacheWrite: null, output: 0 },
    totalModel: null,
    ctx: null,
    window: null,
    malformed: 0,
  }),
  stateProblem,
  fold(state, lines) {
    for (const line of lines) if (line.trim()) foldLine(state, line.trim());
  },
  nextFile(s) {
    add(s.base, s.totalModel ?? s.model ?? "unknown", countsOf(s.total));
    s.total = { input: 0, cached: 0, cacheWrite: null, output: 0 };
  },
  read(s): UsageReading {
    const byModel: Record<string, UsageCounts> = {};
    for (const [m, c] of Object.entries(s.base)) add(byModel, m, c);
    const cur = countsOf(s.total);
    if (cur.inputTokens + cur.outputTokens + cur.cacheReadTokens > 0)
      add(byModel, s.totalModel ?? s.model ?? "unknown", cur);
    return { model: s.model, byModel, contextTokens: s.ctx, contextWindow: s.window, malformed: s.malformed };
  },
  prices: PRICES,
  pricesSource: PRICES_SOURCE,
};
