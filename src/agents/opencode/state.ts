// What Wingman's OpenCode plugin has told it about one session, stored opaquely in the registry record.
// A stored state is hostile until openCodeStateProblem says it is this shape.
export interface OpenCodeState {
  /** Name of the last signal file folded in; later files are new. */
  cursor?: string;
  /** OpenCode's session id (`ses_…`): what `opencode -s <id>` takes. */
  sessionId?: string;
  /** When the last turn ended (`session.idle`). */
  turnEndedAt?: string;
  /** How many permission requests were announced (`permission.asked`): a new one is a new prompt. */
  asked?: number;
  /** The announced request now open: its "always" patterns (what Allow always grants), if any. */
  always?: string[];
  /** The tool running now, for people (`bash: npm test`), from the last announced request. */
  busy?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function openCodeStateProblem(x: unknown): string | null {
  if (!isObject(x)) return "opencode state is not an object";
  for (const f of ["cursor", "sessionId", "turnEndedAt"] as const) {
    if (x[f] !== undefined && typeof x[f] !== "string") return `opencode state ${f} is not a string`;
  }
  if (x.asked !== undefined && typeof x.asked !== "number") return "opencode state asked is not a number";
  if (x.busy !== undefined && typeof x.busy !== "boolean") return "opencode state busy is not a boolean";
  if (x.always !== undefined && !(Array.isArray(x.always) && x.always.every((s) => typeof s === "string")))
    return "opencode state always is not a list of strings";
  return null;
}
