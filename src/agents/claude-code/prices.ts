// Anthropic's list prices for the models Claude Code runs on, US dollars per million tokens, and each
// model's context window.
//
// SOURCE AND DATE: anthropic.com/pricing ("API"), as the author knew the list prices in 2025. This machine
// has no network, so on 2026-12-03, when the table was written, they could not be checked again: prices
// change, and models newer than the table (Claude Code 2.1.331 defaults to `claude-opus-5-5`) have no row,
// so they show tokens and no money until config `prices` names them (docs/usage.md). Cache writes are the
// 5-minute rate (1.25x input).
import type { ModelPrice } from "../../api/usage.js";

export const PRICES_SOURCE = "anthropic.com/pricing, list prices as known in 2025 (written 2026-12-03, not re-checked)";

export const PRICES: Readonly<Record<string, ModelPrice>> = {
  "claude-opus-4-5": { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25, contextWindow: 200_000 },
  "claude-opus-4-1": { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75, contextWindow: 200_000 },
  "claude-opus-4": { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75, contextWindow: 200_000 },
  "claude-sonnet-4-5": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, contextWindow: 200_000 },
  "claude-sonnet-4": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, contextWindow: 200_000 },
  "claude-3-7-sonnet": { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75, contextWindow: 200_000 },
  "claude-haiku-4-5": { input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25, contextWindow: 200_000 },
  "claude-3-5-haiku": { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1, contextWindow: 200_000 },
};
