// Fusion: the screen is the truth; the hooks add the session id, the last message and the turn's end. Pure.
import type { FuseInput, Fused } from "../agent.js";
import type { GeminiState } from "./state.js";

/** A session this young with nothing recognisable on screen is still starting. */
const STARTING_WINDOW_MS = 30_000;

export function fuse(o: FuseInput<GeminiState>): Fused {
  const { pane, reading, state } = o;
  if (!pane) return { state: "exited", stateReason: "tmux session gone", detail: "", prompt: null };
  if (pane.dead || reading?.state === "exited") {
    const reason =
      pane.dead && pane.deadStatus !== null
        ? `exit status ${pane.deadStatus}`
        : pane.dead && pane.deadSignal !== null
          ? `killed by signal ${pane.deadSignal}`
          : reading?.stateReason;
    const resume = reading?.resumeCommand ?? (state.sessionId ? `gemini --resume ${state.sessionId}` : undefined);
    return {
      state: "exited",
      stateReason: reason ?? "exited",
      detail: reading?.detail ?? "",
      prompt: null,
      ...(resume ? { resumeCommand: resume } : {}),
    };
  }
  if (!reading) return { state: "unknown", detail: "", prompt: null };
  if (reading.prompt) {
    const k = reading.prompt.kind;
    return {
      state: k === "trust" ? "trust_prompt" : k === "tool" ? "waiting_approval" : "waiting_input",
      detail: reading.detail,
      prompt: reading.prompt,
    };
  }
  if (reading.state === "error")
    return { state: "error", stateReason: reading.stateReason ?? "other", detail: reading.detail, prompt: null };
  if (reading.state === "working" || reading.state === "idle")
    return { state: reading.state, detail: reading.detail, prompt: null };
  const young = o.now.getTime() - Date.parse(o.createdAt) < STARTING_WINDOW_MS;
  if (young && !state.turns) return { state: "starting", detail: reading.detail, prompt: null };
  return { state: reading.state === "starting" ? "starting" : "unknown", detail: reading.detail, prompt: null };
}
