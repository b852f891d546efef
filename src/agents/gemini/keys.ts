// Sending answer keys so that they cannot land on the wrong prompt: re-read the screen, check it is the
// same request, press the option's own digit (Gemini selects a numbered row on its digit), then check that
// the dialog closed. A deny with a reason is Codex's way, since Gemini's "No, suggest changes" takes no
// text: No cancels the request and ends the turn, then the reason goes in as the next prompt.
import type { ParsedPrompt, ScreenReading } from "../../api/types.js";
import type { KeyPlan, KeyResult, PaneIO } from "../agent.js";
import { movesTo } from "../kit/choose.js";
import { type Classify, pollScreen as poll } from "../kit/poll.js";
import { optionKey } from "./prompt.js";
import { submitPrompt } from "./submit.js";

/** A dialog can be drawn a moment before it takes keys: let it stand this long first. */
export const SETTLE_MS = 400;

export async function executeKeys(
  io: PaneIO,
  classify: Classify,
  same: (p: ParsedPrompt) => boolean,
  start: ScreenReading,
  plan: KeyPlan,
): Promise<KeyResult> {
  const sent: string[] = [];
  const fail = (outcome: KeyResult["outcome"], message: string, after: ScreenReading): KeyResult => ({
    ok: false,
    outcome,
    keys: sent,
    message,
    after,
  });
  const prompt = start.prompt!;
  const index = plan.kind === "select" ? plan.index : plan.plan.mode === "multi" ? -1 : plan.plan.index;
  const target = prompt.options[index];
  if (!target || (plan.kind === "answer" && plan.plan.mode !== "single"))
    return fail("changed", "this dialog takes one choice", start);
  const now = classify(await io.capture());
  if (!now.prompt || now.prompt.optionsPending || !same(now.prompt))
    return fail("changed", "the prompt on screen changed", now);

  const key = optionKey(target);
  if (key) {
    await io.keys(key);
    sent.push(key);
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

  // No cancelled the request; once the input box is back and idle, the reason is the next prompt.
  const idle = await poll(
    io,
    classify,
    (r) => !r.prompt && (r.state === "idle" || r.state === "error") && !r.inputText,
    10_000,
  );
  const done = (after: ScreenReading, note: string): KeyResult => ({
    ok: true,
    outcome: "closed",
    keys: sent,
    message: "closed",
    after,
    note,
  });
  if (!idle.ok) return done(idle.reading, "denied; Gemini did not return to its prompt, so the reason was not sent");
  const r = await submitPrompt(io, classify, reason);
  sent.push("<reason>", "Enter");
  return r.ok
    ? done(r.reading, "the reason was sent as the next prompt")
    : done(r.reading, "denied; the reason was typed but not submitted");
}
