// Choosing an option by what it means, never by where it sits. Pure: a prompt and an action in, the
// option to select (or a refusal that names the right phrase) out.
import type { ParsedPrompt, RespondAction } from "../../api/types.js";
import type { AnswerPlan, Choice } from "../agent.js";
import { chooseByRole, normLabel as norm, optionList as list } from "../kit/choose.js";

export function chooseForAction(p: ParsedPrompt, action: Exclude<RespondAction, "answer">): Choice {
  return chooseByRole(p, action, { accepts: (label) => /^Trust folder\b/.test(label), name: "Trust folder" });
}

/**
 * `answer` on a question or a dialog: an option's number as shown or its whole label. Gemini's own
 * "Enter a custom value" row is not offered (Wingman does not type into it yet).
 */
export function planAnswer(p: ParsedPrompt, choices: string[] | null, text: string): AnswerPlan {
  if (p.kind === "tool")
    return { ok: false, message: "this is a permission prompt: answer it with approve, always or deny" };
  if (p.kind === "trust") return { ok: false, message: "this is the folder-trust question: answer it with trust" };
  const offered = p.options.filter((o) => !o.freeText);
  const shown = () => offered.map((o) => `${o.number}. ${o.label}`).join(" · ");
  let index = -1;
  if (choices && choices.length > 0) {
    if (choices.length > 1) return { ok: false, message: "this question takes one choice" };
    index = p.options.findIndex((o) => !o.freeText && o.number === Number(choices[0]));
  } else {
    index = p.options.findIndex((o) => !o.freeText && norm(o.label) === norm(text));
  }
  if (index < 0)
    return { ok: false, message: offered.length ? `choose one of: ${shown()}` : `choose one of: ${list(p)}` };
  return { ok: true, mode: "single", index, option: p.options[index]! };
}
