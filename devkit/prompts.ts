// Parsed prompts for unit tests of pure logic (choosing by role, naming a pending prompt): the shapes a screen
// reader returns, written out, so each test file does not spell them again.
import type { ParsedPrompt, PromptOption } from "../src/api/types.js";

/** One option as the screen reader gives it (not highlighted unless `extra` says so). */
export const opt = (
  number: number | null,
  label: string,
  role: PromptOption["role"],
  extra: Partial<PromptOption> = {},
): PromptOption => ({ number, label, role, highlighted: false, ...extra });

/** Claude Code's four-option Bash prompt, as its screen reader parses it. */
export const bash4: ParsedPrompt = {
  kind: "tool",
  question: "Do you want to proceed?",
  tool: "Bash",
  detail: "python3 -c 'print(6*7)'",
  options: [
    opt(1, "Yes", "once", { highlighted: true }),
    opt(2, "Yes, and don’t ask again for: python3 *", "always", { scope: "python3 *" }),
    opt(3, "Yes, and switch to auto mode · auto mode handles these prompts for you", "auto_mode"),
    opt(4, "No", "no"),
  ],
};
