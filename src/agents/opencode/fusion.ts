// Fusion: the screen is the truth; the plugin's signals add OpenCode's session id (for resume), the turn's
// end and the "always" patterns of the request on screen (what Allow always grants, which the dialog
// itself does not show until it is pressed). Pure.
import type { FuseInput, Fused } from "../agent.js";
import type { OpenCodeState } from "./state.js";

/** A session this young with nothing recognisable on screen is still starting (OpenCode's first start is slow). */
const STARTING_WINDOW_MS = 90_000;

export function fuse(o: FuseInput<OpenCodeState>): Fused {
  const { pane, reading, state } = o;
  if (!pane) return { state: "exited", stateReason: "tmux session gone", detail: "", prompt: null };
  if (pane.dead || reading?.state === "exited") {
    const reason =
      pane.dead && pane.deadStatus !== null
        ? `exit status ${pane.deadStatus}`
        : pane.dead && pane.deadSignal !== null
          ? `killed by signal ${pane.deadSignal}`
          : reading?.stateReason;
    const resume = reading?.resumeCommand ?? (state.sessionId ? `opencode -s ${state.sessionId}` : undefined);
    return {
      state: "exited",
      stateReason: reason ?? "exited",
      detail: reading?.detail ?? "",
      prompt: null,
      ...(resume ? { resumeCommand: resume } : {}),
    };
  }
  if (!reading) return { state: "unknown", detail: "", prompt: null };
  // OpenCode redraws its whole screen at times (a new layout, a title arriving), and a capture can catch
  // the blank frame in between: that frame says nothing, so the dialog pending before it stays pending
  // (with its id). Any other screen decides. Keys re-read the screen, so this never presses anything.
  if (!reading.prompt && reading.state === "starting" && o.pending && !o.pending.optionsPending)
    return { state: "waiting_approval", detail: o.pending.question, prompt: o.pending };
  if (reading.prompt) {
    const p = reading.prompt;
    // The first dialog's Allow always, scoped by what the plugin says it grants (the dialog does not say).
    const always = state.always?.length && p.question === "Permission required" ? state.always.join(", ") : null;
    const prompt = always
      ? {
          ...p,
          options: p.options.map((x) =>
            x.role === "always" ? { ...x, scope: `${always} (until OpenCode is restarted)` } : x,
          ),
        }
      : p;
    return { state: "waiting_approval", detail: reading.detail, prompt };
  }
  if (reading.state === "error")
    return { state: "error", stateReason: reading.stateReason ?? "other", detail: reading.detail, prompt: null };
  if (reading.state === "working" || reading.state === "idle")
    return { state: reading.state, detail: reading.detail, prompt: null };
  const young = o.now.getTime() - Date.parse(o.createdAt) < STARTING_WINDOW_MS;
  if (young) return { state: "starting", detail: reading.detail, prompt: null };
  return { state: reading.state === "starting" ? "starting" : "unknown", detail: reading.detail, prompt: null };
}
