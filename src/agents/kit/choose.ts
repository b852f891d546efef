// Choosing an option by what it means, never by where it sits: the rules every agent's dialogs share.
// approve / always / deny pick the option whose role is once / always / no; trust picks the option the
// agent names for it. Pure: a prompt and an action in, the option (or a refusal naming the right phrase) out.
import { optionShownAs, shownNumber } from "../../api/option-numbers.js";
import type { OptionRole, ParsedPrompt, PromptOption, RespondAction } from "../../api/types.js";
import type { Choice } from "../agent.js";

/** Labels compared as a person reads them: spacing and case do not count. */
export const normLabel = (s: string) => s.replace(/\s+/g, " ").trim().toLowerCase();

/** An option as shown, its number as the notification shows it (api/option-numbers.ts): `2. No`. */
export function shownOption(p: Pick<ParsedPrompt, "options">, index: number): string {
  const n = shownNumber(p.options, index);
  const label = p.options[index]?.label ?? "";
  return n !== null ? `${n}. ${label}` : label;
}

/** The options as shown, for a refusal: `1. Yes · 2. No`. */
export function optionList(p: ParsedPrompt): string {
  return p.options.map((_, i) => shownOption(p, i)).join(" · ");
}

/**
 * The option a person named by number: the number shown beside it, which is the agent's own where it
 * draws numbers and Wingman's 1..n where it draws none. -1 when no option is shown with that number.
 */
export function optionByNumber(p: Pick<ParsedPrompt, "options">, n: number): number {
  return optionShownAs(p.options, n);
}

/** The first option `pred` accepts, or a refusal `otherwise (options: …)`. */
export function findOption(p: ParsedPrompt, pred: (o: PromptOption) => boolean, otherwise: string): Choice {
  const index = p.options.findIndex(pred);
  return index >= 0
    ? { ok: true, option: p.options[index]!, index }
    : { ok: false, message: `${otherwise} (options: ${optionList(p)})` };
}

const ROLE_OF: Record<"approve" | "always" | "deny", { role: OptionRole; missing: string }> = {
  approve: { role: "once", missing: 'no plain "Yes" option on this prompt' },
  always: { role: "always", missing: 'this prompt has no "always" option' },
  deny: { role: "no", missing: 'no "No" option on this prompt' },
};

/**
 * approve / always / deny / trust on a prompt. `trust` says how this agent's folder-trust question spells
 * its yes: which labels, and how to name it in a refusal.
 */
export function chooseByRole(
  p: ParsedPrompt,
  action: Exclude<RespondAction, "answer">,
  trust: { accepts: (label: string) => boolean; name: string },
): Choice {
  if (action === "trust") {
    if (p.kind !== "trust") return { ok: false, message: "this prompt is not a folder-trust question" };
    const index = p.options.findIndex((o) => trust.accepts(o.label));
    return index >= 0
      ? { ok: true, option: p.options[index]!, index }
      : { ok: false, message: `no "${trust.name}" option on screen (options: ${optionList(p)})` };
  }
  if (p.kind === "trust") return { ok: false, message: "this is the folder-trust question: answer it with trust" };
  if (p.kind === "question") return { ok: false, message: "this is a question: answer it with answer" };
  const want = ROLE_OF[action];
  return findOption(p, (o) => o.role === want.role, want.missing);
}

/** Arrow keys that move a dialog's cursor from the highlighted row to row `target`. */
export function movesTo(p: ParsedPrompt, target: number): string[] {
  const from = Math.max(
    p.options.findIndex((o) => o.highlighted),
    0,
  );
  const n = target - from;
  return Array.from({ length: Math.abs(n) }, () => (n > 0 ? "Down" : "Up"));
}
