// Answers by replying (OpenClaw's `before_dispatch`, which names the quoted message: `replyToId`): a reply counts
// only when it quotes a notification Wingman sent and recorded (sent-notices.ts) in the same chat, and comes
// from an owner. To a prompt: `yes|ok|approve` (high risk: `yes confirm`), `always`, `no|deny [REASON…]`, or the
// number shown beside an option (contract: digits are the option numbers as displayed, so on Claude Code's
// four-option prompt `3` is "switch to auto mode", which no answer picks, and `4` is No);
// to a question, an option's number(s) or label. To a "finished" notification: a follow-up (`tell`). Then the
// same phrase path as `/wm approve NAME ID …` (requests.ts): owner check, id and fingerprint check, audit.
// clawdbot has no before_dispatch, so no quoted replies there.
import { quotedHint } from "../../format/buttons.js";
import { optionShownAs } from "../../api/option-numbers.js";
import type { PromptOption } from "../../api/types.js";
import type { Intent } from "../phrases/grammar.js";
import type { SentNotice } from "./sent-notices.js";

/** The hook event's fields Wingman reads (OpenClaw 2026.9.6). */
export interface QuotedEvent {
  channel: string;
  senderId: string;
  replyToId: string;
  content: string;
}

export type QuotedReading = { intent: Intent } | { hint: string } | null;

const YES = /^(?:yes|ok|approve|y|1)(?:\s+(confirm))?[.!]?$/i;
const ALWAYS = /^(?:always|2)[.!]?$/i;
const NO = /^(?:no|deny|n|3)(?:[\s,:.-]+([\s\S]+))?$/i;
/** A number first, then what may follow it: `confirm` for once, a reason for no. */
const NUMBER = /^(\d{1,2})(?:[\s,:.-]+([\s\S]+))?$/;

/**
 * What a quoted reply means for the notice it quotes. `kind` is the prompt's kind at the time of the reply
 * (the notice records only its id: the core checks the id again). null: not Wingman's (the text goes on).
 */
export function readQuoted(
  notice: SentNotice,
  text: string,
  pendingKind: "question" | "prompt" | null,
  highRisk: boolean,
  /** The pending prompt's options as drawn: a digit names the option shown with that number. */
  options?: readonly Pick<PromptOption, "number" | "role">[],
): QuotedReading {
  const s = notice.session;
  const t = text.trim();
  if (!s || !t) return null;
  if (notice.type === "finished") return { intent: { verb: "tell", session: s, text: t, force: false } };
  const id = notice.promptId;
  if (!id) return null;
  if (pendingKind === "question") {
    const nums = t.split(/[\s,]+/).filter(Boolean);
    const choices = nums.every((x) => /^\d{1,2}$/.test(x)) ? nums : null;
    return { intent: { verb: "answer", session: s, id, choices, text: t } };
  }
  const num = options ? NUMBER.exec(t) : null;
  if (num && options) {
    const role = options[optionShownAs(options, Number(num[1]))]?.role;
    const rest = num[2]?.trim();
    if (role === "once" && (!rest || /^confirm$/i.test(rest)))
      return { intent: { verb: "approve", session: s, id, confirm: !!rest } };
    if (role === "always" && !rest) return { intent: { verb: "always", session: s, id } };
    if (role === "no") return { intent: { verb: "deny", session: s, id, ...(rest ? { reason: rest } : {}) } };
    return { hint: quotedHint("prompt", highRisk) }; // no such number, or one no answer picks (auto mode)
  }
  const yes = YES.exec(t);
  if (yes) return { intent: { verb: "approve", session: s, id, confirm: !!yes[1] } };
  if (ALWAYS.test(t)) return { intent: { verb: "always", session: s, id } };
  const no = NO.exec(t);
  if (no) {
    const reason = no[1]?.trim();
    return { intent: { verb: "deny", session: s, id, ...(reason ? { reason } : {}) } };
  }
  return { hint: quotedHint("prompt", highRisk) };
}
