// Choosing an option by what it means, never by where it sits. Pure: a prompt and an action in, the
// option to select (or a refusal that names the right phrase) out.
import type { ParsedPrompt, PromptOption, RespondAction } from "../../api/types.js";
import type { AnswerPlan, Choice } from "../agent.js";

const norm = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();
const list = (p: ParsedPrompt) => p.options.map((o) => `${o.number}. ${o.label}`).join(" · ");

function find(p: ParsedPrompt, pred: (o: PromptOption) => boolean, otherwise: string): Choice {
  const index = p.options.findIndex(pred);
  return index >= 0 ? { ok: true, option: p.options[index]!, index } : { ok: false, message: `${otherwise} (options: ${list(p)})` };
}

export function chooseForAction(p: ParsedPrompt, action: Exclude<RespondAction, "answer">): Choice {
  if (action === "trust") {
    if (p.kind !== "trust") return { ok: false, message: "this prompt is not a folder-trust question" };
    return find(p, (o) => /^Trust and continue\b/.test(o.label), 'no "Trust and continue" option on screen');
  }
  if (p.kind === "trust") return { ok: false, message: "this is the folder-trust question: answer it with trust" };
  if (p.kind === "question") return { ok: false, message: "this is a question: answer it with answer" };
  if (action === "approve") return find(p, (o) => o.role === "once", 'no plain "Yes" option on this prompt');
  if (action === "always") return find(p, (o) => o.role === "always", 'this prompt has no "always" option');
  return find(p, (o) => o.role === "no", 'no "No" option on this prompt');
}

/** `answer` on a dialog (Hooks need review): an option's number as shown or its whole label. */
export function planAnswer(p: ParsedPrompt, choices: string[] | null, text: string): AnswerPlan {
  if (p.kind === "tool") return { ok: false, message: "this is a permission prompt: answer it with approve, always or deny" };
  if (p.kind === "trust") return { ok: false, message: "this is the folder-trust question: answer it with trust" };
  let index = -1;
  if (choices && choices.length > 0) {
    if (choices.length > 1) return { ok: false, message: "this dialog takes one choice" };
    index = p.options.findIndex((o) => o.number === Number(choices[0]));
  } else {
    index = p.options.findIndex((o) => norm(o.label) === norm(text));
  }
  if (index < 0) return { ok: false, message: `choose one of: ${list(p)}` };
  return { ok: true, mode: "single", index, option: p.options[index]! };
}

/** Arrow keys that move the `›` cursor from the highlighted row to row `target`. */
export function movesTo(p: ParsedPrompt, target: number): string[] {
  const from = Math.max(p.options.findIndex((o) => o.highlighted), 0);
  const n = target - from;
  return Array.from({ length: Math.abs(n) }, () => (n > 0 ? "Down" : "Up"));
}
