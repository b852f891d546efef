// Buttons on a prompt's notification, and what a press does. Out: Approve / Always (only when the prompt
// offers it) / Deny, each carrying `wm:<action>:<session>:<id>` (Telegram allows 64 bytes; names are at most
// 32 characters, so the longest is 48). In: a press is an answer from (channel, the presser's sender id) and
// goes through the same core path as `/wm approve NAME ID`: owner check, id and fingerprint check, audit.
// Refused with nothing pressed: a payload that does not parse, or that does not match the prompt its message
// was sent for (SentNotices), a stranger's press (the core's owner check; nothing is edited), a press on a
// prompt already answered or gone (the core's id check; the message is edited to say what happened), and a
// Confirm without the same person's Approve… on that prompt within 2 minutes.
import type { ActOutcome } from "../../api/outcomes.js";
import type { Notification } from "../../api/notify.js";
import type { Actor, RespondRequest } from "../../api/types.js";
import type { WingmanConfig } from "../../config.js";
import type { Wingman } from "../../core/wingman.js";
import { isPromptId, isValidName } from "../../core/store/names.js";
import {
  type ButtonAction,
  buttonLabel,
  confirmExpiredFacts,
  confirmText,
  pressedLine,
  pressedText,
} from "../../format/buttons.js";
import type { HostConfig, HostLogger } from "./api-types.js";
import { actorFor } from "./owners.js";
import type { SentNotices } from "./sent-notices.js";

export const NAMESPACE = "wm";
const ACTIONS: readonly ButtonAction[] = ["approve", "always", "deny", "confirm"];
/** How long a high-risk Approve… waits for the same person's Confirm. */
export const CONFIRM_WINDOW_MS = 120_000;
const DATA_MAX_BYTES = 64;

export interface Button {
  label: string;
  /** The callback data, namespace included. */
  value: string;
}

export function callbackData(action: ButtonAction, session: string, id: string): string {
  return `${NAMESPACE}:${action}:${session}:${id}`;
}

/** A press's payload (the host strips the namespace): null for anything Wingman did not write. */
export function parsePayload(payload: string): { action: ButtonAction; session: string; id: string } | null {
  const parts = payload.split(":");
  if (parts.length !== 3) return null;
  const [action, session, id] = parts as [string, string, string];
  if (!(ACTIONS as readonly string[]).includes(action) || !isValidName(session) || !isPromptId(id)) return null;
  return { action: action as ButtonAction, session, id };
}

/** The prompt notifications that carry buttons: a permission dialog whose options are drawn. */
export function promptButtons(n: Notification): Button[] | null {
  const p = n.pending;
  const s = n.session;
  if (!p || !s || !["approval_needed", "dialog", "reminder"].includes(n.type)) return null;
  if (p.optionsPending || p.kind === "question" || p.kind === "trust") return null;
  const roles = new Set(p.options.map((o) => o.role));
  const high = p.risk === "high";
  const out: Button[] = [];
  if (roles.has("once")) out.push({ label: buttonLabel("approve", high), value: callbackData("approve", s, p.id) });
  if (roles.has("always") && !high) out.push({ label: buttonLabel("always"), value: callbackData("always", s, p.id) });
  if (roles.has("no")) out.push({ label: buttonLabel("deny"), value: callbackData("deny", s, p.id) });
  if (!out.length || out.some((b) => Buffer.byteLength(b.value) > DATA_MAX_BYTES)) return null;
  return out;
}

/** A press as the channel hands it over (Telegram's interactive context, reduced to what Wingman reads). */
export interface Press {
  channel: string;
  senderId?: string;
  /** How the presser is named in the edited message ("@ana"); else their actor id. */
  senderName?: string;
  hostAuthorized?: boolean;
  /** The payload after the namespace. */
  payload: string;
  messageId: string;
  chatId: string;
  messageText?: string;
  edit(text: string, buttons: Button[]): Promise<void>;
  reply(text: string, buttons: Button[]): Promise<void>;
}

export class ButtonPresses {
  /** A high-risk Approve… by one person on one prompt: when, waiting for that person's Confirm. */
  private readonly firstPress = new Map<string, number>();

  constructor(
    private readonly deps: {
      wingman: () => Pick<Wingman, "respond">;
      sent: () => SentNotices;
      hostConfig: () => HostConfig | undefined;
      config: WingmanConfig;
      log: HostLogger;
      now?: () => number;
    },
  ) {}

  async handle(p: Press): Promise<void> {
    const now = this.deps.now?.() ?? Date.now();
    const b = parsePayload(p.payload);
    if (!b) {
      this.deps.log.warn(`button press refused: a payload Wingman did not write (${p.channel}:${p.senderId ?? "?"})`);
      return;
    }
    const actor = actorFor(
      { senderId: p.senderId, channel: p.channel, hostAuthorized: p.hostAuthorized },
      this.deps.hostConfig(),
      this.deps.config,
    );
    const key = `${actor.id}|${b.session}|${b.id}`;
    let req: RespondRequest;
    if (b.action === "confirm") {
      // The Confirm message is the host's reply to the press (no id comes back): what makes it genuine is the
      // same person's recorded Approve… on this prompt, used once.
      const at = this.firstPress.get(key);
      this.firstPress.delete(key);
      if (at === undefined || now - at > CONFIRM_WINDOW_MS) {
        if (!actor.authorized) return this.stranger(p, actor);
        const o: ActOutcome = { ok: false, error: "needs_confirm", facts: confirmExpiredFacts(b.session, b.id) };
        await p.edit(pressedText(p.messageText, pressedLine(o, "", new Date(now))), []);
        return;
      }
      req = { session: b.session, action: "approve", id: b.id, confirm: true };
    } else {
      const sent = await this.deps.sent().find(p.channel, p.messageId, p.chatId);
      if (!sent || sent.session !== b.session || sent.promptId !== b.id) {
        this.deps.log.warn(
          `button press refused: ${b.action} ${b.session} ${b.id} does not match the notification it came on (${actor.id})`,
        );
        return;
      }
      req = { session: b.session, action: b.action, id: b.id };
    }
    // The edit goes out as soon as the core has seen the dialog close, while it writes its records.
    const presser = p.senderName ?? actor.id;
    let early: Promise<void> | null = null;
    const o = await this.deps.wingman().respond(req, actor, {
      answered: (done) => {
        early = p.edit(pressedText(p.messageText, pressedLine(done, presser, new Date(now))), []);
        early.catch(() => {}); // awaited below; this only keeps it from counting as unhandled meanwhile
      },
    });
    if (early) return await early;
    if (!o.ok && o.error === "not_owner") return this.stranger(p, actor);
    if (!o.ok && o.facts.why === "needs_confirm" && b.action === "approve") {
      this.firstPress.set(key, now);
      for (const [k, t] of this.firstPress) if (now - t > CONFIRM_WINDOW_MS) this.firstPress.delete(k);
      await p.reply(confirmText(b.session, o.facts.pending, CONFIRM_WINDOW_MS / 60_000), [
        { label: buttonLabel("confirm"), value: callbackData("confirm", b.session, b.id) },
      ]);
      return;
    }
    const line = pressedLine(o, presser, new Date(now));
    // Answered, or the prompt is gone: the buttons go. Anything else (not drawn yet, keys refused) keeps them.
    const final = o.ok || ["stale_id", "wrong_state", "not_found", "needs_confirm"].includes(o.error);
    if (final) await p.edit(pressedText(p.messageText, line), []);
    else await p.reply(line, []);
  }

  private stranger(p: Press, actor: Actor): void {
    this.deps.log.warn(`button press refused: ${actor.id} is not an owner (message ${p.messageId} left as it is)`);
  }
}

/** Telegram's inline keyboard from Wingman's buttons: one row. */
export function telegramKeyboard(buttons: Button[]): Array<Array<{ text: string; callback_data: string }>> {
  return buttons.length ? [buttons.map((b) => ({ text: b.label, callback_data: b.value }))] : [];
}
