// What every core operation returns: facts, never sentences. A door turns an Outcome into words (format/)
// or JSON; it never reads text to learn what happened. The contract's shape: `{ ok, code, facts }` on
// success, `{ ok: false, error, facts }` on a refusal or failure. `facts` is the data a reply needs (names,
// ids, counts, paths); each operation documents its own facts type beside its code.
import type { WingmanErrorCode } from "./errors.js";

/** A successful outcome: `code` names what happened (e.g. `approved`, `queued`, `merged`). */
export interface Done<C extends string = string, F = Record<string, unknown>> {
  ok: true;
  code: C;
  facts: F;
}

/** A refusal or failure: `error` is one of the contract's codes; `facts` says what was found. */
export interface Refused<F = Record<string, unknown>> {
  ok: false;
  error: WingmanErrorCode;
  facts: F;
}

export type Outcome<C extends string = string, F = Record<string, unknown>, R = Record<string, unknown>> =
  | Done<C, F>
  | Refused<R>;

export const done = <C extends string, F>(code: C, facts: F): Done<C, F> => ({ ok: true, code, facts });
export const refusedWith = <F>(error: WingmanErrorCode, facts: F): Refused<F> => ({ ok: false, error, facts });
