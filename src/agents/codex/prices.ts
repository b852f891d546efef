// OpenAI's list prices for the models Codex runs on, US dollars per million tokens, and each model's
// context window (Codex's own log names the window it uses; that one wins).
//
// SOURCE AND DATE: openai.com/api/pricing, as the author knew the list prices in 2025. This machine has no
// network, so on 2026-12-03, when the table was written, they could not be checked again (docs/usage.md).
// OpenAI bills no cache writes; cached input is the `cacheRead` rate.
import type { ModelPrice } from "../../api/usage.js";

export const PRICES_SOURCE =
  "openai.com/api/pricing, list prices as known in 2025 (written 2026-12-03, not re-checked)";

export const PRICES: Readonly<Record<string, ModelPrice>> = {
  "gpt-5.1-codex": { input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: null, contextWindow: 400_000 },
  "gpt-5.1": { input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: null, contextWindow: 400_000 },
  "gpt-5-codex": { input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: null, contextWindow: 400_000 },
  "gpt-5": { input: 1.25, output: 10, cacheRead: 0.125, cacheWrite: null, contextWindow: 400_000 },
  "gpt-5-mini": { input: 0.25, output: 2, cacheRead: 0.025, cacheWrite: null, contextWindow: 400_000 },
  "gpt-5-nano": { input: 0.05, output: 0.4, cacheRead: 0.005, cacheWrite: null, contextWindow: 400_000 },
  "gpt-4.1": { input: 2, output: 8, cacheRead: 0.5, cacheWrite: null, contextWindow: 1_047_576 },
  o3: { input: 2, output: 8, cacheRead: 0.5, cacheWrite: null, contextWindow: 200_000 },
  "o4-mini": { input: 1.1, output: 4.4, cacheRead: 0.275, cacheWrite: null, contextWindow: 200_000 },
};
