// Sending answer keys so that they cannot land on the wrong prompt (agents/kit/press.ts): re-read the screen,
// check it is the same request, press the option's own digit (Gemini selects a numbered row on its digit),
// then check that the dialog closed. A deny with a reason is Codex's way, since Gemini's "No, suggest
// changes" takes no text: No cancels the request and ends the turn, then the reason goes in as the next prompt.
import { movesTo } from "../kit/choose.js";
import { type PressRules, pressWith } from "../kit/press.js";
import { optionKey } from "./prompt.js";
import { submitPrompt } from "./submit.js";

/** A dialog can be drawn a moment before it takes keys: let it stand this long first. */
export const SETTLE_MS = 400;

/** Gemini CLI's press rules (agents/kit/press.ts); `executeKeys` presses by them. */
export const pressRules: PressRules = {
  name: "Gemini",
  ownKey: optionKey,
  // A row without a digit: arrows to it, checked, then Enter.
  moves: movesTo,
  missed: (asked) => `the cursor did not reach "${asked.label}"; nothing was selected`,
  // No cancelled the request; the input box is back and idle within this.
  idleMs: 10_000,
  submit: submitPrompt,
};

export const executeKeys = pressWith(pressRules);
