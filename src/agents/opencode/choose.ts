// Choosing an option by what it means, never by where it sits. OpenCode has no folder-trust question and
// no multiple-choice dialogs Wingman answers (its `question` tool is off unless enabled): every dialog is a
// permission, answered with approve, always or deny.
import type { ParsedPrompt, RespondAction } from "../../api/types.js";
import type { AnswerPlan, Choice } from "../agent.js";
import { chooseByRole } from "../kit/choose.js";

export function chooseForAction(p: ParsedPrompt, action: Exclude<RespondAction, "answer">): Choice {
  return chooseByRole(p, action, { accepts: () => false, name: "trust" });
}

export function planAnswer(p: ParsedPrompt, _choices: string[] | null, _text: string): AnswerPlan {
  if (p.kind === "tool")
    return { ok: false, message: "this is a permission prompt: answer it with approve, always or deny" };
  return { ok: false, message: "OpenCode has no dialog that takes an answer" };
}
