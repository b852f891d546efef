// Fusion: hooks are the immediate signal, the screen is the truth before any key is sent and covers
// what hooks never report (trust prompt, auto-mode and first-run dialogs, the outcome of a deny).
// Pure: the core feeds it a pane, a capture and the folded hook state.
import type { Fused } from "../agent.js";
import type { HookState } from "./state.js";
import type { PaneStatus, ParsedPrompt, PromptKind, ScreenReading, SessionState } from "../../api/types.js";
import { describeToolInput, errorReasonOf } from "./hooks.js";

/** A dialog drawn this long after its PermissionRequest is surely not the "not drawn yet" gap. */
const HOOK_ONLY_WINDOW_MS = 5000;
/** How fresh a hook event must be to outweigh an idle-looking screen. */
const FRESH_EVENT_MS = 1500;
/** Screens that, within HOOK_ONLY_WINDOW_MS of a PermissionRequest, mean its dialog is still being drawn. */
const UNDRAWN_LOOKS: ReadonlySet<SessionState> = new Set(["working", "starting", "unknown"]);
/** A session this young with nothing recognisable on screen is still starting. */
const STARTING_WINDOW_MS = 30_000;

export function kindOfTool(tool: string): PromptKind {
  if (tool === "AskUserQuestion") return "question";
  if (tool === "ExitPlanMode") return "dialog";
  return "tool";
}

export function stateOfKind(kind: PromptKind): SessionState {
  if (kind === "trust") return "trust_prompt";
  if (kind === "tool") return "waiting_approval";
  return "waiting_input";
}

/** What the hook alone says is being asked (options not drawn yet). */
export function promptFromHook(perm: NonNullable<HookState["permission"]>): ParsedPrompt {
  const detail = describeToolInput(perm.tool, perm.input) || null;
  return {
    kind: kindOfTool(perm.tool),
    question: "",
    tool: perm.tool || null,
    detail,
    options: [],
    optionsPending: true,
  };
}

export function fuse(o: {
  pane: PaneStatus | null;
  reading: ScreenReading | null;
  hook: HookState;
  /** PermissionRequest seq already seen answered or gone. */
  resolvedSeq?: number;
  /** When a pending prompt last left the screen; `now` when one is stored but no longer drawn. */
  promptClosedAt?: string;
  createdAt: string;
  now: Date;
}): Fused {
  const { pane, reading, hook } = o;
  const perm = hook.permission && hook.permission.seq > (o.resolvedSeq ?? 0) ? hook.permission : null;

  if (!pane) {
    return { state: "exited", stateReason: hook.sessionEndReason ?? "tmux session gone", detail: "", prompt: null };
  }
  if (pane.dead || reading?.state === "exited") {
    // tmux can show a pane dead a moment before it knows the exit status; the last screen may say it.
    const reason =
      hook.sessionEndReason ??
      (pane.dead && pane.deadStatus !== null
        ? `exit status ${pane.deadStatus}`
        : pane.dead && pane.deadSignal !== null
          ? `killed by signal ${pane.deadSignal}`
          : reading?.stateReason);
    return {
      state: "exited",
      stateReason: reason ?? "exited",
      detail: reading?.detail ?? "",
      prompt: null,
      resumeCommand: reading?.resumeCommand,
    };
  }
  if (!reading) return { state: "unknown", detail: "", prompt: null };

  if (reading.prompt) {
    const p = reading.prompt;
    const seq = perm && p.kind !== "trust" && (!perm.tool || !p.tool || perm.tool === p.tool) ? perm.seq : undefined;
    return { state: stateOfKind(p.kind), detail: reading.detail, prompt: p, requestSeq: seq };
  }

  if (reading.permissionPending) {
    // `Waiting for permission…`: a dialog is coming. Never type into it (docs/claude-code.md, "States and their markers").
    const p: ParsedPrompt = perm
      ? promptFromHook(perm)
      : { kind: "tool", question: "", tool: null, detail: null, options: [], optionsPending: true };
    return { state: stateOfKind(p.kind), detail: reading.detail, prompt: p, requestSeq: perm?.seq };
  }

  if (perm && UNDRAWN_LOOKS.has(reading.state) && o.now.getTime() - Date.parse(perm.at) < HOOK_ONLY_WINDOW_MS) {
    // The hook fires ~50-100 ms before the dialog is drawn: already waiting for a person. A screen that reads as
    // nothing (blank, or caught mid-redraw: `starting`/`unknown`) in that gap is the dialog being drawn, not the
    // prompt gone: read as gone, the announced id was dropped as dismissed, and an approve sent for it was
    // refused "went away" once the dialog appeared under a new id (test/security/answer-timing.test.ts, seen
    // once in a whole run). Nothing is pressed on it either way: its options are not drawn.
    const p = promptFromHook(perm);
    return { state: stateOfKind(p.kind), detail: "Waiting for permission…", prompt: p, requestSeq: perm.seq };
  }

  if (reading.state === "error") {
    return {
      state: "error",
      stateReason: reading.stateReason ?? errorReasonOf(hook.errorKind),
      detail: reading.detail,
      prompt: null,
    };
  }
  if (reading.state === "idle" && hook.turn === "error") {
    return { state: "error", stateReason: errorReasonOf(hook.errorKind), detail: reading.detail, prompt: null };
  }
  if (
    reading.state === "idle" &&
    hook.turn === "working" &&
    hook.lastEventAt &&
    o.now.getTime() - Date.parse(hook.lastEventAt) < FRESH_EVENT_MS
  ) {
    // Just after an answer the CLI redraws an idle-looking box before its next request; a hook event this
    // fresh (PostToolUse…) says the turn goes on. A deny fires no hook, so it still reads as idle.
    return { state: "working", detail: reading.detail, prompt: null };
  }
  if (
    reading.state === "idle" &&
    hook.turn === "working" &&
    o.promptClosedAt &&
    o.now.getTime() - Date.parse(o.promptClosedAt) < FRESH_EVENT_MS
  ) {
    // A dialog just closed mid-turn (answered here or at the keyboard): the CLI draws an idle-looking box
    // before the approved tool runs and its PostToolUse arrives. After a deny the turn really ends; that
    // reads as idle once this short window has passed.
    return { state: "working", detail: reading.detail, prompt: null };
  }
  if (reading.state === "working" || reading.state === "idle") {
    return { state: reading.state, detail: reading.detail, prompt: null };
  }
  const young = o.now.getTime() - Date.parse(o.createdAt) < STARTING_WINDOW_MS;
  if ((reading.state === "starting" || reading.state === "unknown") && young && hook.turn === undefined) {
    return { state: "starting", detail: reading.detail, prompt: null };
  }
  return { state: reading.state === "starting" ? "starting" : "unknown", detail: reading.detail, prompt: null };
}
