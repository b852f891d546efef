// Notifications to the owners' chats through the host: each target (targets.ts) through that channel's sender.
// - OpenClaw 2026.9.6: `runtime.channel.outbound.loadAdapter(channel)`; a channel whose adapter renders
//   buttons (`presentationCapabilities.buttons`, Telegram) gets a prompt's buttons as a presentation block
//   (`sendPayload`), every other one the text (`sendText`); "finished" goes out silently (`silent`).
// - clawdbot/moltbot: the runtime's per-channel send functions (`sendMessageWhatsApp`, `sendMessageTelegram`,
//   …), text only.
// The message id each send returns is recorded (sent-notices.ts): buttons and quoted replies are checked
// against it. A target that fails (channel missing, not linked, down) is logged once until it works again and
// kept for retry, and never holds up the others: send() throws only after trying every target, and a retry
// sends only to the targets still missing, so nobody gets a notification twice.
import type { Notification, Notifier } from "../../api/notify.js";
import type { WingmanConfig } from "../../config.js";
import type { Wingman } from "../../core/wingman.js";
import type { HostApi, HostLogger, OutboundAdapter } from "./api-types.js";
import { promptButtons } from "./buttons.js";
import type { SentNotices } from "./sent-notices.js";
import { notifyTargets, type Target, targetKey } from "./targets.js";

const LIMIT = 4000;

export function chunk(text: string, limit = LIMIT): string[] {
  if (text.length <= limit) return [text];
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf("\n", limit);
    if (cut < limit / 2) cut = limit;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  if (rest) out.push(rest);
  return out;
}

/** clawdbot's runtime: the send function of each channel it has, all `(to, text, opts) → { messageId }`. */
const CLAWDBOT_SENDERS: Record<string, string> = {
  whatsapp: "sendMessageWhatsApp",
  telegram: "sendMessageTelegram",
  discord: "sendMessageDiscord",
  slack: "sendMessageSlack",
  signal: "sendMessageSignal",
  imessage: "sendMessageIMessage",
};

/** An error the notifier has logged itself (once per failing target): the outbox need not log it again. */
export class NotDelivered extends Error {
  readonly logged = true;
}

export class ChannelNotifier implements Notifier {
  /** Per notification (while it is being retried): the targets that already have it. */
  private readonly delivered = new WeakMap<Notification, Set<string>>();
  /** Per target: the last failure logged (logged again only after a success, or when the reason changes). */
  private readonly failing = new Map<string, string>();

  constructor(
    private readonly api: HostApi,
    private readonly config: WingmanConfig,
    private readonly w: Pick<Wingman, "readRegistry">,
    /** Where message ids are recorded (none: nothing can be answered by button or reply). */
    private readonly sent?: () => SentNotices,
    private readonly log: HostLogger = { info() {}, warn() {}, error() {} },
  ) {}

  async send(n: Notification): Promise<void> {
    const targets = await notifyTargets(this.api, this.config, this.w);
    if (!targets.length)
      throw new Error("no notification target: set notify.targets (or notify.to), or name an owner in approvers");
    const done = this.delivered.get(n) ?? new Set<string>();
    this.delivered.set(n, done);
    const failed: Array<{ key: string; why: string }> = [];
    await Promise.all(
      targets.map(async (t) => {
        const key = targetKey(t);
        if (done.has(key)) return;
        try {
          // The send and the record of its ids as one piece: a press that arrives meanwhile waits for it.
          const store = this.sent?.();
          const work = this.sendOne(t, n).then(async (ids) => {
            if (store) for (const messageId of ids) await this.remember(store, t, n, key, messageId);
          });
          await (store ? store.sending(work) : work);
          done.add(key);
          if (this.failing.delete(key)) this.log.info(`notifications reach ${key} again`);
        } catch (e) {
          const why = (e as Error).message;
          if (this.failing.get(key) !== why) {
            this.failing.set(key, why);
            this.log.warn(`notification not delivered to ${key} (kept for retry): ${why}`);
          }
          failed.push({ key, why });
        }
      }),
    );
    if (failed.length)
      throw new NotDelivered(`not delivered to ${failed.map((f) => `${f.key} (${f.why})`).join(", ")}`);
  }

  /** Records one message id sent (a failure to record is logged, not a failed delivery). */
  private async remember(store: SentNotices, t: Target, n: Notification, key: string, messageId: string) {
    await store
      .add({
        channel: t.channel,
        to: t.to,
        ...(t.accountId ? { accountId: t.accountId } : {}),
        messageId,
        type: n.type,
        ...(n.session ? { session: n.session } : {}),
        ...(n.pending ? { promptId: n.pending.id } : n.id ? { promptId: n.id } : {}),
        at: new Date().toISOString(),
      })
      .catch((e: Error) => this.log.warn(`could not record the message id sent to ${key}: ${e.message}`));
  }

  /** One target; the message ids the channel returned (the last part carries the buttons). */
  private async sendOne(t: Target, n: Notification): Promise<string[]> {
    const split = this.api.runtime?.channel?.text?.chunkText;
    const parts = split ? split(n.text, LIMIT) : chunk(n.text);
    const account = t.accountId ? { accountId: t.accountId } : {};
    const ids: string[] = [];
    const channel = this.api.runtime?.channel;
    const legacy = channel?.[CLAWDBOT_SENDERS[t.channel] ? t.channel : ""] as Record<string, unknown> | undefined;
    const legacySend = legacy?.[CLAWDBOT_SENDERS[t.channel] ?? ""];
    const load = channel?.outbound?.loadAdapter;
    if (typeof legacySend === "function" && !load) {
      const fn = legacySend as (to: string, text: string, o: Record<string, unknown>) => Promise<unknown>;
      for (const p of parts) ids.push(...messageIdOf(await fn(t.to, p, { verbose: false, ...account })));
      return ids;
    }
    if (!load) throw new Error(`this host offers no way to send to ${t.channel}`);
    const adapter = (await load(t.channel)) as OutboundAdapter | undefined;
    if (!adapter?.sendText && !adapter?.sendPayload)
      throw new Error(`${t.channel} is not set up in this host (no outbound adapter): install and link that channel`);
    // OpenClaw's adapters refuse to send without the resolved runtime config (`cfg`), measured on 2026.9.6.
    const cfg = this.api.runtime?.config?.current?.() ?? this.api.config;
    const silent = n.type === "finished" ? { silent: true } : {};
    const buttons = adapter.presentationCapabilities?.buttons && adapter.sendPayload ? promptButtons(n) : null;
    for (const [i, p] of parts.entries()) {
      const last = i === parts.length - 1;
      const base = { cfg, to: t.to, ...account, ...silent };
      const r =
        last && buttons && adapter.sendPayload
          ? await adapter.sendPayload({
              ...base,
              text: p,
              payload: { text: p, presentation: { blocks: [{ type: "buttons", buttons }] } },
            })
          : adapter.sendText
            ? await adapter.sendText({ ...base, text: p })
            : await adapter.sendPayload!({ ...base, text: p, payload: { text: p } });
      ids.push(...messageIdOf(r));
    }
    return ids;
  }
}

/** The notifier under its former name (WhatsApp was its only channel). */
export { ChannelNotifier as WhatsAppNotifier };

function messageIdOf(r: unknown): string[] {
  const id = (r as { messageId?: unknown } | null | undefined)?.messageId;
  return typeof id === "string" || typeof id === "number" ? [String(id)] : [];
}
