// What Gemini CLI's hooks have told Wingman about one session, stored opaquely in the registry record.
// A stored state is hostile until geminiStateProblem says it is this shape.
export interface GeminiState {
  /** Name of the last signal file folded in; later files are new. */
  cursor?: string;
  /** Gemini's session id (SessionStart, AfterAgent): what `gemini --resume <id>` takes. */
  sessionId?: string;
  /** When the last turn ended (AfterAgent). */
  turnEndedAt?: string;
  /** When the last turn started (BeforeAgent): a turn started after the last end is still running. */
  turnStartedAt?: string;
  /** How many turns have ended. */
  turns?: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function geminiStateProblem(x: unknown): string | null {
  if (!isObject(x)) return "gemini state is not an object";
  for (const f of ["cursor", "sessionId", "turnEndedAt", "turnStartedAt"] as const) {
    if (x[f] !== undefined && typeof x[f] !== "string") return `gemini state ${f} is not a string`;
  }
  if (x.turns !== undefined && typeof x.turns !== "number") return "gemini state turns is not a number";
  return null;
}
