// Sending answer keys so that they cannot land on the wrong prompt (agents/kit/press.ts): re-read the screen,
// check it is the same request, press the option's own key (y, p, Esc, named in its label) or move the cursor
// by meaning and confirm with Enter, then check that the dialog closed. A deny with a reason is Codex's way:
// No closes the dialog and ends the turn, then the reason goes in as the next prompt (contract, "Agents").
import { movesTo } from "../kit/choose.js";
import { type PressRules, pressWith } from "../kit/press.js";
import { submitPrompt } from "./submit.js";

/** A dialog can be drawn a moment before it takes keys: let it stand this long first. */
export const SETTLE_MS = 500;

/** Codex's press rules (agents/kit/press.ts); `executeKeys` presses by them. */
export const pressRules: PressRules = {
  name: "Codex",
  ownKey: (o) => o.key,
  moves: movesTo,
  missed: (asked) => `the cursor did not reach "${asked.label}"; nothing was selected`,
  // No ended the turn; the composer is back and idle within this.
  idleMs: 10_000,
  submit: submitPrompt,
};

export const executeKeys = pressWith(pressRules);
