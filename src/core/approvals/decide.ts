// Whether an answer may be pressed, decided in one pure step: from the session's record and view as read
// under the registry lock, the request and who asks, to a plan of keys or a refusal. No I/O: the rules (the
// owner rule every operation shares, the text rule, the id, the prompt as drawn, the choice by meaning,
// risk and confirm) are tested on recorded screens without tmux (test/unit/core/approvals/decide.test.ts).
import type { Agent, KeyPlan } from "../../agents/agent.js";
import { isWingmanError } from "../../api/errors.js";
import type { RefusalFacts, Refused } from "../../api/outcomes.js";
import type { Actor, PendingPrompt, RespondRequest, SessionView } from "../../api/types.js";
import { agentText } from "../sessions/text.js";
import { ownerRule } from "./authorize.js";
import type { StoredPending } from "./pending.js";

/** What decide needs of the registry: the session's stored prompt (unredacted), ids used, what this actor was shown. */
export interface AnswerRecord {
  stored: StoredPending | null;
  usedIds: readonly string[];
  /** The prompt id this actor was last shown for this session (an id-less answer means that one). */
  shownId: string | undefined;
}

/** What decide needs of the agent: choosing by meaning, and how long a drawn dialog must stand. */
export type AnswerAgent = Pick<Agent, "choose" | "planAnswer" | "settleMs">;

/** An answer that may be pressed: the keys, the prompt as drawn and as shown, and what was chosen. */
export interface Plan {
  session: string;
  action: RespondRequest["action"];
  /** The prompt as drawn (unredacted): the keys and the screen checks use it. */
  stored: StoredPending;
  /** The prompt as the view shows it (redacted): every reply and record uses it. */
  prompt: PendingPrompt;
  keys: KeyPlan;
  /** The option chosen, as shown (a label, or the answer's text). */
  option: string | null;
  /** For `always`: what it grants. */
  scope: string | null;
  reason: string | null;
  /** Keys wait until the dialog has stood this long (ms since epoch). */
  settleAt: number;
}

export type Decision =
  | { kind: "plan"; plan: Plan }
  /** The hook announced the prompt, its dialog is not drawn yet: read again shortly. */
  | { kind: "wait"; id: string }
  /** `markShown`: the actor has now been shown this prompt id (an id-less answer names it next time). */
  | { kind: "refuse"; refusal: Refused<RefusalFacts>; markShown?: string };

const refuse = (error: Refused["error"], facts: RefusalFacts, markShown?: string): Decision => ({
  kind: "refuse",
  refusal: { ok: false, error, facts },
  ...(markShown ? { markShown } : {}),
});

/**
 * `waitingFor`: the id an earlier read said was announced but not drawn (its going away is "went away
 * before drawn", not a stale id). `now`: ms since epoch.
 */
export function decide(
  record: AnswerRecord,
  view: SessionView | null,
  asked: RespondRequest,
  actor: Actor,
  agent: AnswerAgent | null,
  o: { now: number; waitingFor?: string },
): Decision {
  const no = ownerRule(actor, "answer prompts");
  if (no) return refuse("not_owner", no);
  // Text bound for the agent (a deny reason, a free-text answer) is checked before anything is pressed.
  let req = asked;
  try {
    if (req.reason !== undefined) req = { ...req, reason: agentText(req.reason, "the deny reason") };
    if (req.text !== undefined) req = { ...req, text: agentText(req.text, "the answer") };
    if (req.choices) req = { ...req, choices: req.choices.map((c) => agentText(c, "the answer")) };
  } catch (e) {
    if (isWingmanError(e) && e.facts) return refuse(e.code, e.facts);
    throw e;
  }
  const name = req.session;
  if (!view || !agent) return refuse("not_found", { why: "no_session", session: name });
  const p = view.pending;
  if (o.waitingFor && p?.id !== o.waitingFor) {
    return refuse("stale_id", {
      why: "went_away",
      session: name,
      id: o.waitingFor,
      pending: p,
      state: view.state,
      before: "drawn",
    });
  }
  if (!p) {
    if (req.id && record.usedIds.includes(req.id))
      return refuse("stale_id", { why: "answered_already", session: name, id: req.id, state: view.state });
    return refuse("wrong_state", { why: "nothing_pending", session: name, state: view.state });
  }
  if (req.id && req.id !== p.id)
    return refuse("stale_id", { why: "not_on_screen", session: name, id: req.id, pending: p });
  if (!req.id && record.shownId !== p.id)
    return refuse("stale_id", { why: "say_which", session: name, pending: p }, p.id);
  if (p.optionsPending) return { kind: "wait", id: p.id };
  const stored = record.stored;
  if (!stored || stored.id !== p.id) {
    return refuse("stale_id", {
      why: "went_away",
      session: name,
      id: p.id,
      pending: null,
      state: view.state,
      before: "read",
    });
  }

  // Choose by meaning; refuse what does not fit the prompt. Matching uses the prompt as drawn (`stored`,
  // unredacted: a label the person typed is compared with what is on screen); everything said back uses
  // the view `p` (redacted), at the same option index.
  const settleAt = (stored.drawnAt ? Date.parse(stored.drawnAt) : o.now) + agent.settleMs;
  const base = { session: name, action: req.action, stored, prompt: p, settleAt, scope: null, reason: null };
  if (req.action === "answer") {
    const choices = req.choices?.length ? req.choices : null;
    const text = req.text ?? (req.choices ?? []).join(" ");
    const ap = agent.planAnswer(stored, choices, text);
    if (!ap.ok) {
      const said = agent.planAnswer(p, choices, text);
      return refuse("refused", {
        why: "no_such_choice",
        session: name,
        pending: p,
        problem: said.ok ? ap.message : said.message,
      });
    }
    const keys: KeyPlan = { kind: "answer", plan: ap };
    return { kind: "plan", plan: { ...base, keys, option: answerText(keys, p) } };
  }
  if (req.action === "trust" && p.kind !== "trust")
    return refuse("refused", { why: "not_trust", session: name, pending: p });
  const c = agent.choose(stored, req.action);
  if (!c.ok) {
    const said = agent.choose(p, req.action);
    return refuse("refused", {
      why: "no_such_choice",
      session: name,
      pending: p,
      problem: said.ok ? c.message : said.message,
    });
  }
  if (p.risk === "high" && req.action === "always")
    return refuse("needs_confirm", { why: "always_high_risk", session: name, pending: p });
  if (p.risk === "high" && req.action === "approve" && !req.confirm)
    return refuse("needs_confirm", { why: "needs_confirm", session: name, pending: p });
  const reason = req.action === "deny" ? req.reason?.trim() || null : null;
  const chosen = p.options[c.index];
  return {
    kind: "plan",
    plan: {
      ...base,
      keys: { kind: "select", index: c.index, reason: reason ?? undefined },
      option: chosen?.label ?? null,
      scope: chosen?.scope ?? null,
      reason,
    },
  };
}

/** What an answer plan chooses, in the view's (redacted) words, at the indexes chosen on the prompt as drawn. */
function answerText(plan: Extract<KeyPlan, { kind: "answer" }>, p: PendingPrompt): string {
  const ap = plan.plan;
  if (ap.mode === "text") return `"${ap.text}"`;
  if (ap.mode === "multi") return ap.indexes.map((i) => p.options[i]?.label ?? "?").join(", ");
  return p.options[ap.index]?.label ?? "?";
}
