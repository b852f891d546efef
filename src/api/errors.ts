// Errors that carry what a person needs: what was expected, what was found, what to try next.

/**
 * What went wrong, for programs: the CLI maps `usage` to exit 2 and everything else to exit 1; chat says
 * `✗ …`; tools put it in `details.error.code`. `refused` is the general "the state did not allow it"; the
 * specific codes name the cases a caller may want to act on (the README's error table).
 */
export type WingmanErrorCode =
  | "usage"
  | "refused"
  | "failed"
  | "not_found"
  | "unavailable"
  | "not_owner"
  | "wrong_state"
  | "stale_id"
  | "not_drawn"
  | "control_char"
  | "needs_confirm"
  | "host_unreachable"
  | "conflict";

export class WingmanError extends Error {
  readonly code: WingmanErrorCode;
  constructor(code: WingmanErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "WingmanError";
    this.code = code;
  }
}

export const usage = (message: string) => new WingmanError("usage", message);
export const refused = (message: string) => new WingmanError("refused", message);
export const failed = (message: string, cause?: unknown) => new WingmanError("failed", message, { cause });
export const notFound = (message: string) => new WingmanError("not_found", message);
export const unavailable = (message: string, cause?: unknown) =>
  new WingmanError("unavailable", message, { cause });
/** Another machine did not answer: nothing was done there. */
export const hostUnreachable = (message: string, cause?: unknown) => new WingmanError("host_unreachable", message, { cause });

export function isWingmanError(e: unknown): e is WingmanError {
  return e instanceof WingmanError;
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
