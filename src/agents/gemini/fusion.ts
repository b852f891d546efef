// Fusion: the screen is the truth; the hooks add the session id, the last message and the turn's end. Pure.
import type { FuseInput, Fused } from "../agent.js";
import type { GeminiState } from "./state.js";

/** A session this young with nothing recognisable on screen is still starting. */
const STARTING_WINDOW_MS = 30_000;
/**
 * How long after a resume an input box with no earlier turns above it is read as still starting. Gemini draws
 * its box before it loads the conversation, then clears the screen and draws it (14.7 s after the launch on
 * a loaded machine, docs/gemini.md, "Resume"); keys typed before that are lost. Past this window such a box
 * is idle all the same, so a screen this reading cannot place never holds a session back for long.
 */
const RESUME_WINDOW_MS = 60_000;

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
  // A launch's age counts from the latest start: a resume starts the agent again.
  const age = o.now.getTime() - Date.parse(o.resumedAt ?? o.createdAt);
  if (reading.state === "idle" && o.resumedAt && !reading.history && !state.turns && age < RESUME_WINDOW_MS)
    return { state: "starting", detail: "loading the earlier conversation", prompt: null };
  if (reading.state === "working" || reading.state === "idle")
    return { state: reading.state, detail: reading.detail, prompt: null };
  const young = age < STARTING_WINDOW_MS;
  if (young && !state.turns) return { state: "starting", detail: reading.detail, prompt: null };
  return { state: reading.state === "starting" ? "starting" : "unknown", detail: reading.detail, prompt: null };
}
