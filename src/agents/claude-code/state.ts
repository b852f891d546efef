// What Claude Code's hook events have told Wingman about one session, folded (hooks.ts) and stored
// opaquely in the session's registry record. A stored state is hostile until isHookState says it is this shape.
export interface HookState {
  /** Name of the last event file folded in; later files are new. */
  cursor?: string;
  /** The turn as hooks see it. */
  turn?: "working" | "idle" | "error" | "exited";
  turnAt?: string;
  /** When the last hook event of any kind arrived. */
  lastEventAt?: string;
  /** StopFailure's error kind. */
  errorKind?: string;
  /** An outstanding PermissionRequest: no PostToolUse / new prompt since. */
  permission?: { tool: string; input: Record<string, unknown>; at: string; seq: number } | null;
  /** Counts PermissionRequest events, so a repeat of the same command is a new request. */
  permissionSeq?: number;
  /** The tool that is running (PreToolUse without PostToolUse). */
  runningTool?: { tool: string; input: Record<string, unknown>; at: string } | null;
  sessionEndReason?: string;
  lastNotification?: { type: string; at: string };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const optional = (v: unknown, type: "string" | "number") => v === undefined || typeof v === type;
const STRINGS = ["cursor", "turn", "turnAt", "lastEventAt", "errorKind", "sessionEndReason"] as const;

/** Why a stored value is not a HookState, or null when it is. */
export function hookStateProblem(h: unknown): string | null {
  if (!isObject(h)) return "hook is not an object";
  for (const f of STRINGS) if (!optional(h[f], "string")) return `hook.${f} is not a string`;
  if (!optional(h.permissionSeq, "number")) return "hook.permissionSeq is not a number";
  const p = h.permission;
  if (
    p != null &&
    !(
      isObject(p) &&
      typeof p.tool === "string" &&
      isObject(p.input) &&
      typeof p.seq === "number" &&
      optional(p.at, "string")
    )
  ) {
    return "hook.permission is not {tool, input, seq, at}";
  }
  const t = h.runningTool;
  if (t != null && !(isObject(t) && typeof t.tool === "string" && isObject(t.input)))
    return "hook.runningTool is not {tool, input}";
  const n = h.lastNotification;
  if (n !== undefined && !(isObject(n) && typeof n.type === "string" && typeof n.at === "string"))
    return "hook.lastNotification is not {type, at}";
  return null;
}
