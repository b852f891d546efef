// Sending answer keys so that they cannot land on the wrong prompt: re-read the screen, check it is the
// same request, press the option's own key (y, p, Esc, named in its label) or move the cursor by meaning
// and confirm with Enter, then check that the dialog closed. A deny with a reason is Codex's way: No
// closes the dialog and ends the turn, then the reason goes in as the next prompt (contract, "Agents").
import type { ParsedPrompt, ScreenReading } from "../../api/types.js";
import type { KeyPlan, KeyResult, PaneIO } from "../agent.js";
import { movesTo } from "../kit/choose.js";
import { type Classify, pollScreen } from "../kit/poll.js";
import { submitPrompt } from "./submit.js";

/** A dialog can be drawn a moment before it takes keys: let it stand this long first. */
export const SETTLE_MS = 500;
const poll = pollScreen;

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
  const index = plan.kind === "select" ? plan.index : plan.plan.mode === "multi" ? -1 : plan.plan.index;
  const target = prompt.options[index];
  if (!target || (plan.kind === "answer" && plan.plan.mode !== "single")) {
    return fail("changed", "this dialog takes one choice", start);
  }
  const now = classify(await io.capture());
  if (!now.prompt || now.prompt.optionsPending || !same(now.prompt))
    return fail("changed", "the prompt on screen changed", now);

  if (target.key) {
    await io.keys(target.key);
    sent.push(target.key);
  } else {
    const moves = movesTo(now.prompt, index);
    if (moves.length) {
      await io.keys(...moves);
      sent.push(...moves);
    }
    const at = await poll(
      io,
      classify,
      (r) => !!r.prompt && same(r.prompt) && r.prompt.options[index]?.highlighted === true,
      1500,
    );
    if (!at.ok) return fail("cursor", `the cursor did not reach "${target.label}"; nothing was selected`, at.reading);
    await io.keys("Enter");
    sent.push("Enter");
  }
  const closed = await poll(io, classify, (r) => !r.prompt || !same(r.prompt), 5000);
  if (!closed.ok) return fail("stuck", "the dialog is still open after the answer", closed.reading);
  const reason = plan.kind === "select" ? plan.reason : undefined;
  if (!reason) return { ok: true, outcome: "closed", keys: sent, message: "closed", after: closed.reading };

  // No ended the turn; once the composer is back and idle, the reason is the next prompt.
  const idle = await poll(
    io,
    classify,
    (r) => !r.prompt && (r.state === "idle" || r.state === "error") && !r.inputText,
    10_000,
  );
  if (!idle.ok) {
    return {
      ok: true,
      outcome: "closed",
      keys: sent,
      message: "closed",
      after: idle.reading,
      note: "denied; Codex did not return to its prompt, so the reason was not sent",
    };
  }
  const r = await submitPrompt(io, classify, reason);
  sent.push("<reason>", "Enter");
  return r.ok
    ? {
        ok: true,
        outcome: "closed",
        keys: sent,
        message: "closed",
        after: r.reading,
        note: "the reason was sent as the next prompt",
      }
    : {
        ok: true,
        outcome: "closed",
        keys: sent,
        message: "closed",
        after: r.reading,
        note: "denied; the reason was typed but not submitted",
      };
}
