// Sending answer keys so that they cannot land on the wrong prompt: re-read the screen, check it is
// the same request, move the cursor by meaning, check where it is, commit, then check that the dialog
// closed or moved on. Never press again blindly.
import { setTimeout as sleep } from "node:timers/promises";
import type { ParsedPrompt, ScreenReading } from "../../api/types.js";
import type { KeyPlan, KeyResult, PaneIO } from "../agent.js";
import { movesTo } from "../kit/choose.js";
import { type Classify, pollScreen } from "../kit/poll.js";

/** A dialog can be drawn before it takes keys (docs/claude-code.md, "Settle time before keys"): let it sit this long first. */
export const SETTLE_MS = 1000;

const poll = pollScreen;

const isSame = (same: (p: ParsedPrompt) => boolean) => (r: ScreenReading) =>
  !!r.prompt && !r.prompt.optionsPending && same(r.prompt);

/** Move the cursor to row `index` and confirm it is there. */
async function moveTo(io: PaneIO, classify: Classify, prompt: ParsedPrompt, index: number, sent: string[]) {
  const moves = movesTo(prompt, index);
  if (moves.length) {
    await io.keys(...moves);
    sent.push(...moves);
  }
  return poll(io, classify, (r) => !!r.prompt && r.prompt.options[index]?.highlighted === true, 1500);
}

export async function executeKeys(
  io: PaneIO,
  classify: Classify,
  same: (p: ParsedPrompt) => boolean,
  start: ScreenReading,
  plan: KeyPlan,
  closeTimeoutMs = 5000,
): Promise<KeyResult> {
  const sent: string[] = [];
  const prompt = start.prompt!;
  const closed = (r: ScreenReading) => !r.prompt || !same(r.prompt);
  const cursorFail = (after: ScreenReading, what: string): KeyResult => ({
    ok: false,
    outcome: "cursor",
    keys: sent,
    message: `the cursor did not reach ${what}; nothing was selected`,
    after,
  });

  // The check after the last key: the dialog closed (or, for a multi-select, its Submit tab gone).
  const finish = async (done: (r: ScreenReading) => boolean = closed): Promise<KeyResult> => {
    const r = await poll(io, classify, done, closeTimeoutMs);
    return r.ok
      ? { ok: true, outcome: "closed", keys: sent, message: "closed", after: r.reading }
      : {
          ok: false,
          outcome: "stuck",
          keys: sent,
          message: "the dialog is still open after the answer",
          after: r.reading,
        };
  };

  if (plan.kind === "select") {
    const target = prompt.options[plan.index]!;
    if (target.key && !plan.reason) {
      // A dialog with no rows to move through: its footer names the key for each choice.
      await io.keys(target.key);
      sent.push(target.key);
      return finish();
    }
    const at = await moveTo(io, classify, prompt, plan.index, sent);
    if (!at.ok) return cursorFail(at.reading, `"${target.label}"`);
    if (!isSame(same)(at.reading)) return changed(at.reading, sent);
    if (plan.reason) {
      // "No" + Tab turns the row into a text field: type the reason there, then Enter.
      await io.keys("Tab");
      sent.push("Tab");
      const editing = await poll(
        io,
        classify,
        (r) => !!r.prompt && /tell claude|^no,/i.test(r.prompt.options[plan.index]?.label ?? ""),
        1500,
      );
      if (!editing.ok) return cursorFail(editing.reading, "the reason field");
      await io.type(plan.reason);
      sent.push("<reason>");
      await sleep(150);
    }
    await io.keys("Enter");
    sent.push("Enter");
    return finish();
  }

  const ap = plan.plan;
  if (ap.mode === "single") {
    const at = await moveTo(io, classify, prompt, ap.index, sent);
    if (!at.ok) return cursorFail(at.reading, `"${ap.option.label}"`);
    await io.keys("Enter");
    sent.push("Enter");
    return finish();
  }
  if (ap.mode === "text") {
    const at = await moveTo(io, classify, prompt, ap.index, sent);
    if (!at.ok) return cursorFail(at.reading, "the free-text row");
    await io.type(ap.text);
    sent.push("<text>");
    await sleep(150);
    await io.keys("Enter");
    sent.push("Enter");
    return finish();
  }
  // Multi-select: toggle each wanted row (Enter toggles the highlighted row), check the tick, then go to
  // the Submit tab with Right and submit there.
  let current = prompt;
  for (const index of ap.indexes) {
    const at = await moveTo(io, classify, current, index, sent);
    if (!at.ok || !at.reading.prompt) return cursorFail(at.reading, `option ${index + 1}`);
    if (at.reading.prompt.options[index]?.checked !== true) {
      await io.keys("Enter");
      sent.push("Enter");
      const ticked = await poll(io, classify, (r) => r.prompt?.options[index]?.checked === true, 1500);
      if (!ticked.ok || !ticked.reading.prompt) return cursorFail(ticked.reading, `a tick on option ${index + 1}`);
      current = ticked.reading.prompt;
    }
  }
  await io.keys("Right");
  sent.push("Right");
  const review = await poll(
    io,
    classify,
    (r) => !!r.prompt?.options.some((o) => /^submit answers/i.test(o.label)),
    1500,
  );
  if (!review.ok || !review.reading.prompt) return cursorFail(review.reading, "the Submit tab");
  const submitIndex = review.reading.prompt.options.findIndex((o) => /^submit answers/i.test(o.label));
  const at = await moveTo(io, classify, review.reading.prompt, submitIndex, sent);
  if (!at.ok) return cursorFail(at.reading, '"Submit answers"');
  await io.keys("Enter");
  sent.push("Enter");
  return finish((x) => !x.prompt || !/submit answers/i.test(x.prompt.options.map((o) => o.label).join("|")));
}

function changed(after: ScreenReading, sent: string[]): KeyResult {
  return { ok: false, outcome: "changed", keys: sent, message: "the prompt on screen changed", after };
}
