// Choosing an option by what it means, never by where it sits. Pure: a prompt and an action in, the
// option to select (or a refusal that names the right phrase) out.
import type { ParsedPrompt, RespondAction } from "../../api/types.js";
import type { AnswerPlan, Choice } from "../agent.js";
import { chooseByRole, normLabel as norm, optionByNumber, optionList as list } from "../kit/choose.js";

export function chooseForAction(p: ParsedPrompt, action: Exclude<RespondAction, "answer">): Choice {
  return chooseByRole(p, action, {
    accepts: (label) => /^Trust and continue\b/.test(label),
    name: "Trust and continue",
  });
}

/** `answer` on a dialog (Hooks need review): an option's number as shown or its whole label. */
export function planAnswer(p: ParsedPrompt, choices: string[] | null, text: string): AnswerPlan {
  if (p.kind === "tool")
    return { ok: false, message: "this is a permission prompt: answer it with approve, always or deny" };
  if (p.kind === "trust") return { ok: false, message: "this is the folder-trust question: answer it with trust" };
  let index = -1;
  if (choices && choices.length > 0) {
    if (choices.length > 1) return { ok: false, message: "this dialog takes one choice" };
    index = optionByNumber(p, Number(choices[0]));
  } else {
    index = p.options.findIndex((o) => norm(o.label) === norm(text));
  }
  if (index < 0) return { ok: false, message: `choose one of: ${list(p)}` };
  return { ok: true, mode: "single", index, option: p.options[index]! };
}
