// Claude Code's own record of what a session cost: its session transcript, a JSONL file it appends to
// (`~/.claude/projects/<folder>/<session id>.jsonl`; every hook event names it as `transcript_path`). Each
// API response is an `assistant` line with `message.id`, `message.model` and `message.usage`
// (`input_tokens` uncached, `cache_read_input_tokens`, `cache_creation_input_tokens`, `output_tokens`).
// Claude Code writes one line per content block of a message, all with the same id and usage (measured on
// 2.1.331: docs/usage.md), and a forked or resumed conversation copies earlier lines: so per message id the
// highest counts are kept, once. Lines of other types (user, attachments, request shapes) are skipped unread.
import type { UsageCounts, UsageReading, UsageRecord } from "../agent.js";
import { PRICES, PRICES_SOURCE } from "./prices.js";
import { byModelProblem, count, isObject, parseLine, zeroCounts } from "../kit/usage.js";

interface ClaudeUsageState {
  model: string | null;
  byModel: Record<string, UsageCounts>;
  /** Per message id (its last 20 characters), the counts already added: [input, output, cacheRead, cacheWrite]. */
  seen: Record<string, [number, number, number, number]>;
  /** Context tokens of the last response. */
  ctx: number | null;
  malformed: number;
}

/** Claude Code's placeholder for responses it made up itself (an error shown as a message): no API call. */
const SYNTHETIC = "<synthetic>";

function stateProblem(x: unknown): string | null {
  if (!isObject(x)) return "usage state is not an object";
  if (x.model !== null && typeof x.model !== "string") return "usage model is not a string";
  if (!isObject(x.seen)) return "usage seen is not an object";
  if (x.ctx !== null && typeof x.ctx !== "number") return "usage ctx is not a number";
  if (typeof x.malformed !== "number") return "usage malformed is not a number";
  return byModelProblem(x.byModel);
}

function foldLine(s: ClaudeUsageState, line: string): void {
  // Only assistant responses carry usage; everything else (most of the bytes) is not parsed.
  if (!line.includes('"usage"')) {
    if (line[0] !== "{" || line[line.length - 1] !== "}") s.malformed += 1;
    return;
  }
  const v = parseLine(line);
  if (!isObject(v)) {
    s.malformed += 1;
    return;
  }
  const m = v.message;
  if (v.type !== "assistant" || !isObject(m) || !isObject(m.usage)) return;
  const model = typeof m.model === "string" && m.model ? m.model : null;
  if (model === SYNTHETIC) return;
  const u = m.usage;
  const now: [number, number, number, number] = [
    count(u.input_tokens),
    count(u.output_tokens),
    count(u.cache_read_input_tokens),
    count(u.cache_creation_input_tokens),
  ];
  const key = typeof m.id === "string" && m.id ? m.id.slice(-20) : null;
  const had = key ? (s.seen[key] ?? [0, 0, 0, 0]) : [0, 0, 0, 0];
  const best = now.map((n, i) => Math.max(n, had[i]!)) as [number, number, number, number];
  const name = model ?? s.model ?? "unknown";
  s.byModel[name] ??= zeroCounts(true);
  const c = s.byModel[name]!;
  c.inputTokens += best[0] - had[0]!;
  c.outputTokens += best[1] - had[1]!;
  c.cacheReadTokens += best[2] - had[2]!;
  c.cacheWriteTokens = (c.cacheWriteTokens ?? 0) + best[3] - had[3]!;
  if (key) s.seen[key] = best;
  if (model) s.model = model;
  s.ctx = best[0] + best[1] + best[2] + best[3];
}

export const claudeUsage: UsageRecord<ClaudeUsageState> = {
  locate: (o) => (o.transcriptPath ? { path: o.transcriptPath } : null),
  start: () => ({ model: null, byModel: {}, seen: {}, ctx: null, malformed: 0 }),
  stateProblem,
  fold(state, lines) {
    for (const line of lines) if (line.trim()) foldLine(state, line.trim());
  },
  // Copied lines in the next file carry ids already seen: nothing to carry over.
  nextFile() {},
  read: (s): UsageReading => ({
    model: s.model,
    byModel: s.byModel,
    contextTokens: s.ctx,
    contextWindow: null,
    malformed: s.malformed,
  }),
  prices: PRICES,
  pricesSource: PRICES_SOURCE,
};
