// Delivering a prompt so that it is really submitted (agents/kit/submit.ts). In OpenCode's input box a
// line feed (what a typed "\n" sends) is a new line and Enter (carriage return) submits (docs/opencode.md,
// "Submitting prompts"). A pause between the text and Enter keeps a fast burst from being taken as a paste.
// Enter is retried only while the text still sits in the box and no dialog is up.
import type { ScreenReading } from "../../api/types.js";
import type { PaneIO } from "../agent.js";
import type { Classify } from "../kit/poll.js";
import { submitText } from "../kit/submit.js";

export const TYPE_PAUSE_MS = 150;
const POLL_MS = 50;

export function submitPrompt(
  io: PaneIO,
  classify: Classify,
  text: string,
): Promise<{ ok: boolean; enters: number; reading: ScreenReading }> {
  return submitText(io, classify, text, { typePauseMs: TYPE_PAUSE_MS, pollMs: POLL_MS });
}
