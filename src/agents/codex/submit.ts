// Delivering a prompt so that it is really submitted (agents/kit/submit.ts). Codex runs with
// `disable_paste_burst=true`, so typed text followed by Enter is not taken as a paste (docs/codex.md,
// "Submitting prompts"); a short pause is kept anyway. Enter is retried only while the typed text still
// sits in the composer and no dialog is up: an Enter must never land on a dialog.
import type { ScreenReading } from "../../api/types.js";
import type { PaneIO } from "../agent.js";
import type { Classify } from "../kit/poll.js";
import { submitText } from "../kit/submit.js";

export const TYPE_PAUSE_MS = 100;
const POLL_MS = 50;

export function submitPrompt(
  io: PaneIO,
  classify: Classify,
  text: string,
): Promise<{ ok: boolean; enters: number; reading: ScreenReading }> {
  return submitText(io, classify, text, { typePauseMs: TYPE_PAUSE_MS, pollMs: POLL_MS });
}
