// Errors that carry what a person needs: what was expected, what was found, what to try next.

export type WingmanErrorCode = "usage" | "refused" | "failed" | "not_found" | "unavailable";

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

export function isWingmanError(e: unknown): e is WingmanError {
  return e instanceof WingmanError;
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
