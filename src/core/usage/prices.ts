// Money from tokens: a model's price (config `prices` first, then the dated table in agents/prices.ts).
//
import type { UsageCounts } from "../../agents/agent.js";
import type { ModelPrice } from "../../api/usage.js";
import { AGENTS } from "../../agents/index.js";

/** Every agent's table, one model name to one price (the agents' models do not overlap). */
export const PRICES: Readonly<Record<string, ModelPrice>> = Object.assign(
  {},
  ...AGENTS.map((a) => a.usage?.prices ?? {}),
) as Record<string, ModelPrice>;

/** Where the tables come from, per agent that has one. */
export const PRICES_SOURCE = AGENTS.filter((a) => a.usage)
  .map((a) => `${a.id}: ${a.usage!.pricesSource}`)
  .join("; ");

export type { ModelPrice } from "../../api/usage.js";

/**
 * The price of `model`: config `prices` first, then the table; an exact name, else a name that is a row's
 * name plus a date or version suffix (a model name, then `-` and a date or version). Null: unknown.
 */
export function priceOf(model: string, overrides: Record<string, ModelPrice> = {}): ModelPrice | null {
  for (const table of [overrides, PRICES]) {
    if (Object.hasOwn(table, model)) return table[model]!;
    let best: string | null = null;
    for (const k of Object.keys(table))
      if (model.startsWith(`${k}-`) && /^[0-9@]/.test(model.slice(k.length + 1)) && (!best || k.length > best.length))
        best = k;
    if (best) return table[best]!;
  }
  return null;
}

/** Dollars for these counts at this price. */
export function costOf(c: UsageCounts, p: ModelPrice): number {
  const write = c.cacheWriteTokens ?? 0;
  // A provider with no cache-write rate bills them as input.
  const writeRate = p.cacheWrite ?? p.input;
  return (
    (c.inputTokens * p.input + c.outputTokens * p.output + c.cacheReadTokens * p.cacheRead + write * writeRate) / 1e6
  );
}

/** Dollars for every model's counts; null when any model with tokens has no price (never a partial guess). */
export function costOfModels(
  byModel: Record<string, UsageCounts>,
  overrides: Record<string, ModelPrice> = {},
): { costUsd: number | null; unpriced: string[] } {
  let sum = 0;
  const unpriced: string[] = [];
  for (const [m, c] of Object.entries(byModel)) {
    const tokens = c.inputTokens + c.outputTokens + c.cacheReadTokens + (c.cacheWriteTokens ?? 0);
    if (tokens === 0) continue;
    const p = priceOf(m, overrides);
    if (!p) unpriced.push(m);
    else sum += costOf(c, p);
  }
  return { costUsd: unpriced.length ? null : Math.round(sum * 1e6) / 1e6, unpriced };
}
