// Errors that carry what a person needs: what was expected, what was found, what to try next.
import type { RefusalFacts, WingmanErrorCode } from "./outcomes.js";

export type { WingmanErrorCode } from "./outcomes.js";

export class WingmanError extends Error {
  readonly code: WingmanErrorCode;
  /** The refusal's facts (outcomes.ts), when a check deep in the core refused; the core returns them as an outcome. */
  readonly facts?: RefusalFacts;
  constructor(code: WingmanErrorCode, message: string, options?: { cause?: unknown; facts?: RefusalFacts }) {
    super(message, options);
    this.name = "WingmanError";
    this.code = code;
    if (options?.facts) this.facts = options.facts;
  }
}

/**
 * A refusal found by a check several calls deep (a name, a text, a folder): thrown, and turned into the
 * outcome `{ ok: false, error, facts }` once, where the core operation returns. The message is for logs only.
 */
export const refusal = (code: WingmanErrorCode, facts: RefusalFacts) =>
  new WingmanError(code, `${code}: ${JSON.stringify(facts)}`, { facts });

export const usage = (message: string) => new WingmanError("usage", message);
export const refused = (message: string) => new WingmanError("refused", message);
export const failed = (message: string, cause?: unknown) => new WingmanError("failed", message, { cause });
export const notFound = (message: string) => new WingmanError("not_found", message);
export const unavailable = (message: string, cause?: unknown) => new WingmanError("unavailable", message, { cause });
/** Another machine did not answer: nothing was done there. */
export const hostUnreachable = (message: string, cause?: unknown) =>
  new WingmanError("host_unreachable", message, { cause });

export function isWingmanError(e: unknown): e is WingmanError {
  return e instanceof WingmanError;
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
