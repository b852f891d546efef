// The number a person sees beside each option of a prompt, and the option a number names: one rule for
// the notification, `status NAME`, refusals and choosing, so a digit always names the option shown beside
// it. An option keeps the number its agent drew. Where an agent draws no numbers at all (OpenCode's
// buttons, Claude Code's unnumbered dialogs), Wingman numbers the list 1..n in the order drawn; the
// options themselves keep `number: null` (what the screen showed). A list with some numbers drawn and some
// not keeps the drawn ones only: Wingman never invents a number that could clash with one on screen.
import type { PromptOption } from "./types.js";

type Numbered = Pick<PromptOption, "number">;

/** The number shown beside `options[index]`, or null when none is shown. */
export function shownNumber(options: readonly Numbered[], index: number): number | null {
  const drawn = options[index]?.number;
  if (drawn === undefined) return null;
  if (drawn !== null) return drawn;
  return options.every((o) => o.number === null) ? index + 1 : null;
}

/** The index of the option shown as number `n`, or -1. */
export function optionShownAs(options: readonly Numbered[], n: number): number {
  return options.findIndex((_, i) => shownNumber(options, i) === n);
}
