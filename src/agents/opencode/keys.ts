// Sending answer keys so that they cannot land on the wrong prompt (agents/kit/press.ts): re-read the
// screen (with colours: the selection is drawn by background alone), check it is the same request, move the
// selection by meaning with Left/Right, check it landed, Enter, then check that the dialog closed. Allow
// always opens a second dialog ("Always allow", Confirm / Cancel) which is confirmed the same way. A deny
// with a reason is the Codex way: OpenCode's Reject takes no reason, so Reject ends the turn and the reason
// goes in as the next prompt (contract, "Agents"). Facts: docs/opencode.md, "Answering".
import type { ParsedPrompt } from "../../api/types.js";
import type { KeyResult } from "../agent.js";
import { pollScreen as poll } from "../kit/poll.js";
import { type PickStep, type PressRules, pressWith } from "../kit/press.js";
import { submitPrompt } from "./submit.js";

/** A dialog can be drawn a moment before it takes keys: let it stand this long first. */
export const SETTLE_MS = 400;

/** Left/Right from the selected button to button `target`; null when no button is seen selected. */
export function sideMoves(p: ParsedPrompt, target: number): string[] | null {
  const from = p.options.findIndex((o) => o.highlighted);
  if (from < 0) return null;
  const n = target - from;
  return Array.from({ length: Math.abs(n) }, () => (n > 0 ? "Right" : "Left"));
}

const isConfirm = (p: ParsedPrompt | null | undefined): p is ParsedPrompt => p?.question === "Always allow";

const missed = (label: string) => `the selection did not reach "${label}"; nothing was pressed`;

/** Allow always asks once more: "Always allow" with the patterns it will allow, Confirm selected. */
async function confirmAlways(step: PickStep): Promise<KeyResult | null> {
  const { io, classify, same, prompt, target, fail } = step;
  if (target.role !== "always" || isConfirm(prompt)) return null;
  const confirm = await poll(io, classify, (r) => isConfirm(r.prompt) || !r.prompt, step.closeMs);
  if (!confirm.ok || !isConfirm(confirm.reading.prompt))
    return fail("stuck", "Allow always did not ask for its confirmation", confirm.reading);
  const c = confirm.reading.prompt;
  const yes = c.options.findIndex((o) => o.role === "always");
  if (yes < 0) return fail("stuck", "the confirmation has no Confirm button", confirm.reading);
  const second = await step.pick(c, yes, isConfirm, missed(c.options[yes]!.label));
  if (!second.ok) return fail("cursor", second.why, second.reading);
  const closed = await poll(io, classify, (r) => !r.prompt || (!isConfirm(r.prompt) && !same(r.prompt)), step.closeMs);
  if (!closed.ok) return fail("stuck", "the dialog is still open after the answer", closed.reading);
  return step.closed(closed.reading);
}

/** OpenCode's press rules (agents/kit/press.ts); `executeKeys` presses by them. */
export const pressRules: PressRules = {
  name: "OpenCode",
  // No key picks a button where it stands: the selection moves with Left/Right, then Enter.
  moves: sideMoves,
  unseen: "no button is seen selected",
  missed: (_asked, shown, index) => missed(shown.options[index]!.label),
  afterPick: confirmAlways,
  // Reject ended the turn; the input box is back, empty and the session idle within this.
  idleMs: 15_000,
  submit: submitPrompt,
};

export const executeKeys = pressWith(pressRules);
