// Sending answer keys so that they cannot land on the wrong prompt: re-read the screen (with colours: the
// selection is drawn by background alone), check it is the same request, move the selection by meaning
// with Left/Right, check it landed, Enter, then check that the dialog closed. Allow always opens a second
// dialog ("Always allow", Confirm / Cancel) which is confirmed the same way. A deny with a reason is the
// Codex way: OpenCode's Reject takes no reason, so Reject ends the turn and the reason goes in as the next
// prompt (contract, "Agents"). Facts: docs/opencode.md, "Answering".
import type { ParsedPrompt, ScreenReading } from "../../api/types.js";
import type { KeyPlan, KeyResult, PaneIO } from "../agent.js";
import { pollScreen as poll } from "../kit/poll.js";
import type { Classify } from "../kit/poll.js";
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

/** Move the selection to `index` on the dialog `now` shows and press Enter; false (and why) when it did not land. */
async function select(
  io: PaneIO,
  classify: Classify,
  now: ParsedPrompt,
  index: number,
  still: (p: ParsedPrompt) => boolean,
  sent: string[],
): Promise<{ ok: true } | { ok: false; reading: ScreenReading; why: string }> {
  const moves = sideMoves(now, index);
  const label = now.options[index]!.label;
  if (!moves) return { ok: false, reading: classify(await io.capture()), why: "no button is seen selected" };
  if (moves.length) {
    await io.keys(...moves);
    sent.push(...moves);
  }
  const at = await poll(
    io,
    classify,
    (r) => !!r.prompt && still(r.prompt) && r.prompt.options[index]?.highlighted === true,
    1500,
  );
  if (!at.ok)
    return { ok: false, reading: at.reading, why: `the selection did not reach "${label}"; nothing was pressed` };
  await io.keys("Enter");
  sent.push("Enter");
  return { ok: true };
}

export async function executeKeys(
  io: PaneIO,
  classify: Classify,
  same: (p: ParsedPrompt) => boolean,
  start: ScreenReading,
  plan: KeyPlan,
): Promise<KeyResult> {
  const sent: string[] = [];
  const prompt = start.prompt!;
  const fail = (outcome: KeyResult["outcome"], message: string, after: ScreenReading): KeyResult => ({
    ok: false,
    outcome,
    keys: sent,
    message,
    after,
  });
  const index = plan.kind === "select" ? plan.index : plan.plan.mode === "single" ? plan.plan.index : -1;
  const target = prompt.options[index];
  if (!target) return fail("changed", "this dialog takes one choice", start);
  const now = classify(await io.capture());
  if (!now.prompt || now.prompt.optionsPending || !same(now.prompt))
    return fail("changed", "the prompt on screen changed", now);

  const first = await select(io, classify, now.prompt, index, same, sent);
  if (!first.ok) return fail("cursor", first.why, first.reading);

  if (target.role === "always" && !isConfirm(prompt)) {
    // Allow always asks once more: "Always allow" with the patterns it will allow, Confirm selected.
    const confirm = await poll(io, classify, (r) => isConfirm(r.prompt) || !r.prompt, 5000);
    if (!confirm.ok || !isConfirm(confirm.reading.prompt))
      return fail("stuck", "Allow always did not ask for its confirmation", confirm.reading);
    const c = confirm.reading.prompt;
    const yes = c.options.findIndex((o) => o.role === "always");
    if (yes < 0) return fail("stuck", "the confirmation has no Confirm button", confirm.reading);
    const second = await select(io, classify, c, yes, isConfirm, sent);
    if (!second.ok) return fail("cursor", second.why, second.reading);
    const closed = await poll(io, classify, (r) => !r.prompt || (!isConfirm(r.prompt) && !same(r.prompt)), 5000);
    if (!closed.ok) return fail("stuck", "the dialog is still open after the answer", closed.reading);
    return { ok: true, outcome: "closed", keys: sent, message: "closed", after: closed.reading };
  }

  const closed = await poll(io, classify, (r) => !r.prompt || !same(r.prompt), 5000);
  if (!closed.ok) return fail("stuck", "the dialog is still open after the answer", closed.reading);
  const reason = plan.kind === "select" ? plan.reason : undefined;
  if (!reason) return { ok: true, outcome: "closed", keys: sent, message: "closed", after: closed.reading };

  // Reject ended the turn; once the input box is back, empty and the session idle, the reason is the next prompt.
  const idle = await poll(
    io,
    classify,
    (r) => !r.prompt && (r.state === "idle" || r.state === "error") && !r.inputText,
    15_000,
  );
  const done = (note: string, after: ScreenReading): KeyResult => ({
    ok: true,
    outcome: "closed",
    keys: sent,
    message: "closed",
    after,
    note,
  });
  if (!idle.ok) return done("denied; OpenCode did not return to its prompt, so the reason was not sent", idle.reading);
  const r = await submitPrompt(io, classify, reason);
  sent.push("<reason>", "Enter");
  return r.ok
    ? done("the reason was sent as the next prompt", r.reading)
    : done("denied; the reason was typed but not submitted", r.reading);
}
