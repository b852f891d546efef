// Choosing an option by what it means, never by where it sits. Pure: a prompt and an action in, the
// option to select (or a refusal that names the right phrase) out. movesTo is re-exported for the tests of the cursor rule.
import type { ParsedPrompt, RespondAction } from "../../api/types.js";
import type { AnswerPlan, Choice } from "../agent.js";
import { chooseByRole, normLabel as norm, optionByNumber, optionList, shownOption } from "../kit/choose.js";

export { movesTo } from "../kit/choose.js";

/** approve / always / deny / trust on a prompt: which option, by role and text (agents/kit/choose.ts). */
export function chooseForAction(p: ParsedPrompt, action: Exclude<RespondAction, "answer">): Choice {
  return chooseByRole(p, action, {
    accepts: (label) => /^yes,? i trust this folder/i.test(label) || /^yes,? proceed/i.test(label),
    name: "Yes, I trust this folder",
  });
}

/**
 * `answer` on a question or dialog: numbers as shown, or whole labels (case-insensitive); anything that is
 * not a list of choices is free text for the "Type something" row.
 */
export function planAnswer(p: ParsedPrompt, choices: string[] | null, text: string): AnswerPlan {
  if (p.kind === "tool")
    return { ok: false, message: "this is a permission prompt: answer it with approve, always or deny" };
  if (p.kind === "trust") return { ok: false, message: "this is the folder-trust question: answer it with trust" };
  const byNumber = (n: number) => {
    const i = optionByNumber(p, n);
    return i >= 0 && !p.options[i]!.freeText ? i : -1;
  };
  let indexes: number[] | null = null;
  if (choices && choices.length > 0) {
    indexes = choices.map((c) => byNumber(Number(c)));
    const bad = choices.filter((_, i) => (indexes as number[])[i]! < 0);
    if (bad.length) {
      return { ok: false, message: `no option ${bad.join(", ")} (options: ${optionList(p)})` };
    }
  } else {
    const t = norm(text);
    const whole = p.options.findIndex((o) => !o.freeText && norm(o.label) === t);
    if (whole >= 0) indexes = [whole];
    else if (p.multiSelect && t.includes(",")) {
      const parts = t.split(",").map((x) => x.trim());
      const found = parts.map((x) => p.options.findIndex((o) => !o.freeText && norm(o.label) === x));
      if (found.every((i) => i >= 0)) indexes = found;
    }
  }
  if (indexes) {
    const unique = [...new Set(indexes)];
    if (p.multiSelect) return { ok: true, mode: "multi", indexes: unique };
    if (unique.length > 1) return { ok: false, message: "this question takes one choice" };
    return { ok: true, mode: "single", index: unique[0]!, option: p.options[unique[0]!]! };
  }
  const free = p.options.findIndex((o) => o.freeText);
  if (free < 0 || !text.trim()) {
    return {
      ok: false,
      message: `choose one of: ${p.options
        .map((o, i) => (o.freeText ? null : shownOption(p, i)))
        .filter((x) => x !== null)
        .join(" · ")}`,
    };
  }
  return { ok: true, mode: "text", index: free, text };
}
