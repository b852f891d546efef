// Delivering a prompt so that it is really submitted (agents/kit/submit.ts): text typed literally, a
// pause (Claude Code takes a long text and its Enter in one burst as a paste and does not submit it),
// Enter as its own key, then a check; Enter is retried only while the text still sits in the input box
// and no dialog is up (`Waiting for permission…` counts as one).
import type { ScreenReading } from "../../api/types.js";
import type { PaneIO } from "../agent.js";
import type { Classify } from "../kit/poll.js";
import { submitText } from "../kit/submit.js";

export const TYPE_PAUSE_MS = 300;
const POLL_MS = 60;

export function submitPrompt(
  io: PaneIO,
  classify: Classify,
  text: string,
): Promise<{ ok: boolean; enters: number; reading: ScreenReading }> {
  return submitText(io, classify, text, { typePauseMs: TYPE_PAUSE_MS, pollMs: POLL_MS });
}
