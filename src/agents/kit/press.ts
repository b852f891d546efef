// Pressing the answer to a dialog so that it cannot land on the wrong prompt, for the agents that pick one
// option and take a deny reason as the next prompt (Codex, Gemini CLI, OpenCode): re-read the screen, check
// it is the same request, then either press the option's own key (Codex's letters, Gemini's digits) or move
// the cursor by meaning, check that it landed, and Enter; then check that the dialog closed. A deny with a
// reason waits for the session to come back idle with an empty input box and sends the reason as the next
// prompt (contract, "Agents"). What differs per agent is in `PressRules`; the order of looks, keys and
// checks is this file's alone (test/unit/key-sequences.test.ts pins it for each agent).
import type { ParsedPrompt, PromptOption, ScreenReading } from "../../api/types.js";
import type { KeyPlan, KeyResult, PaneIO } from "../agent.js";
import { type Classify, pollScreen as poll } from "./poll.js";

/** How long a moved cursor has to be seen on its row before the plan gives up (nothing pressed). */
const CURSOR_MS = 1500;
/** How long a dialog has to close after its answer before it is reported stuck. */
const CLOSE_MS = 5000;

export interface PressRules {
  /** The agent's name in a note ("denied; Codex did not return to its prompt, …"). */
  name: string;
  /** The key that picks the option where it stands (Codex's `y`, Gemini's digit); none: move, then Enter. */
  ownKey?: (o: PromptOption) => string | null | undefined;
  /** The keys from the highlighted row to row `index`; null when no row is seen highlighted. */
  moves: (p: ParsedPrompt, index: number) => string[] | null;
  /** The refusal when `moves` found no highlighted row. */
  unseen?: string;
  /** The refusal when the cursor did not reach row `index`: `asked` is the option as first read, `shown` the dialog before the move. */
  missed: (asked: PromptOption, shown: ParsedPrompt, index: number) => string;
  /** How long a deny with a reason waits for the session to be back at its prompt. */
  idleMs: number;
  /**
   * The other two waits, CURSOR_MS and CLOSE_MS unless set. Only the traces of test/unit/key-sequences.test.ts
   * shorten them (with `idleMs`): what reaches the pane, and in which order, does not depend on how long a wait is.
   */
  cursorMs?: number;
  closeMs?: number;
  submit: (io: PaneIO, classify: Classify, text: string) => Promise<{ ok: boolean; reading: ScreenReading }>;
  /**
   * A step of the agent's own between the first Enter and the check that the dialog closed (OpenCode's
   * "Always allow" confirmation): a result ends the plan there; null goes on as for any answer.
   */
  afterPick?: (step: PickStep) => Promise<KeyResult | null>;
}

/** What `afterPick` gets: the dialog as first read, the option picked, and the plan's own helpers. */
export interface PickStep {
  io: PaneIO;
  classify: Classify;
  same: (p: ParsedPrompt) => boolean;
  prompt: ParsedPrompt;
  target: PromptOption;
  fail: (outcome: KeyResult["outcome"], message: string, after: ScreenReading) => KeyResult;
  /** Move to `index` on `shown`, check it landed while `still` holds (else refuse with `missed`), Enter. */
  pick: (shown: ParsedPrompt, index: number, still: (p: ParsedPrompt) => boolean, missed: string) => Promise<Picked>;
  closed: (after: ScreenReading) => KeyResult;
  /** How long a dialog has to close (or the next one to open) after a key: the plan's `closeMs`. */
  closeMs: number;
}

type Picked = { ok: true } | { ok: false; reading: ScreenReading; why: string };

/** An agent's key plan: press `plan` on the dialog read in `start`, checking with `same` and `classify`. */
export type ExecuteKeys = (
  io: PaneIO,
  classify: Classify,
  same: (p: ParsedPrompt) => boolean,
  start: ScreenReading,
  plan: KeyPlan,
) => Promise<KeyResult>;

/** An agent's key plan (its `executeKeys`): `pressAnswer` by its own rules. */
export function pressWith(rules: PressRules): ExecuteKeys {
  return (io, classify, same, start, plan) => pressAnswer(rules, io, classify, same, start, plan);
}

/** Press the answer `plan` on the dialog read in `start`, by `rules`; every key is recorded in the result. */
export async function pressAnswer(
  rules: PressRules,
  io: PaneIO,
  classify: Classify,
  same: (p: ParsedPrompt) => boolean,
  start: ScreenReading,
  plan: KeyPlan,
): Promise<KeyResult> {
  const sent: string[] = [];
  const prompt = start.prompt!;
  const cursorMs = rules.cursorMs ?? CURSOR_MS;
  const closeMs = rules.closeMs ?? CLOSE_MS;
  const fail = (outcome: KeyResult["outcome"], message: string, after: ScreenReading): KeyResult => ({
    ok: false,
    outcome,
    keys: sent,
    message,
    after,
  });
  const closed = (after: ScreenReading): KeyResult => ({
    ok: true,
    outcome: "closed",
    keys: sent,
    message: "closed",
    after,
  });
  // One option only: a multi-select or a free-text answer is not these agents' (planAnswer never makes one).
  const index = plan.kind === "select" ? plan.index : plan.plan.mode === "single" ? plan.plan.index : -1;
  const target = prompt.options[index];
  if (!target) return fail("changed", "this dialog takes one choice", start);
  const now = classify(await io.capture());
  if (!now.prompt || now.prompt.optionsPending || !same(now.prompt))
    return fail("changed", "the prompt on screen changed", now);

  const pick = async (
    shown: ParsedPrompt,
    to: number,
    still: (p: ParsedPrompt) => boolean,
    missed: string,
  ): Promise<Picked> => {
    const moves = rules.moves(shown, to);
    if (!moves)
      return { ok: false, reading: classify(await io.capture()), why: rules.unseen ?? "no row is seen selected" };
    if (moves.length) {
      await io.keys(...moves);
      sent.push(...moves);
    }
    const at = await poll(
      io,
      classify,
      (r) => !!r.prompt && still(r.prompt) && r.prompt.options[to]?.highlighted === true,
      cursorMs,
    );
    if (!at.ok) return { ok: false, reading: at.reading, why: missed };
    await io.keys("Enter");
    sent.push("Enter");
    return { ok: true };
  };

  const key = rules.ownKey?.(target);
  if (key) {
    await io.keys(key);
    sent.push(key);
  } else {
    const first = await pick(now.prompt, index, same, rules.missed(target, now.prompt, index));
    if (!first.ok) return fail("cursor", first.why, first.reading);
  }
  const own = await rules.afterPick?.({ io, classify, same, prompt, target, fail, pick, closed, closeMs });
  if (own) return own;

  const gone = await poll(io, classify, (r) => !r.prompt || !same(r.prompt), closeMs);
  if (!gone.ok) return fail("stuck", "the dialog is still open after the answer", gone.reading);
  const reason = plan.kind === "select" ? plan.reason : undefined;
  if (!reason) return closed(gone.reading);

  // The deny ended the turn; once the input box is back, empty and the session idle, the reason is the next prompt.
  const idle = await poll(
    io,
    classify,
    (r) => !r.prompt && (r.state === "idle" || r.state === "error") && !r.inputText,
    rules.idleMs,
  );
  const done = (after: ScreenReading, note: string): KeyResult => ({ ...closed(after), note });
  if (!idle.ok)
    return done(idle.reading, `denied; ${rules.name} did not return to its prompt, so the reason was not sent`);
  const r = await rules.submit(io, classify, reason);
  sent.push("<reason>", "Enter");
  return r.ok
    ? done(r.reading, "the reason was sent as the next prompt")
    : done(r.reading, "denied; the reason was typed but not submitted");
}
