// What Codex's notify program has told Wingman about one session, stored opaquely in the registry record.
// A stored state is hostile until codexStateProblem says it is this shape.
export interface CodexState {
  /** Name of the last signal file folded in; later files are new. */
  cursor?: string;
  /** When the last turn of the person's conversation ended (notify). */
  turnEndedAt?: string;
  /** How many turns have ended. */
  turns?: number;
  /** Codex's thread id: what `codex resume <id>` takes. */
  threadId?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function codexStateProblem(x: unknown): string | null {
  if (!isObject(x)) return "codex state is not an object";
  for (const f of ["cursor", "turnEndedAt", "threadId"] as const) {
    if (x[f] !== undefined && typeof x[f] !== "string") return `codex state ${f} is not a string`;
  }
  if (x.turns !== undefined && typeof x.turns !== "number") return "codex state turns is not a number";
  return null;
}
