// Token counts helpers shared by the agents' usage readers and the core's ledger: making and checking counts.
import type { UsageCounts } from "./usage.js";

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A non-negative whole count, or 0 for anything else (a record's missing field counts nothing). */
export const count = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

export function zeroCounts(cacheWrite: boolean): UsageCounts {
  return { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: cacheWrite ? 0 : null };
}

export function isCounts(x: unknown): x is UsageCounts {
  if (!isObject(x)) return false;
  const n = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;
  return (
    n(x.inputTokens) &&
    n(x.outputTokens) &&
    n(x.cacheReadTokens) &&
    (x.cacheWriteTokens === null || n(x.cacheWriteTokens))
  );
}

/** Why `x` is not `Record<model, UsageCounts>`, or null. */
export function byModelProblem(x: unknown): string | null {
  if (!isObject(x)) return "byModel is not an object";
  for (const [k, v] of Object.entries(x)) if (!isCounts(v)) return `byModel.${k} is not token counts`;
  return null;
}

/** JSON.parse that says undefined instead of throwing. */
export function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
