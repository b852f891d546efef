// Notifications to the owner's WhatsApp through the host: clawdbot/moltbot's sendMessageWhatsApp, or
// OpenClaw's outbound adapter. The target: config notify.to, else the last WhatsApp owner seen in chat (checked
// again against today's owners: a record from an older version, or of someone no longer an owner, is skipped),
// else the first WhatsApp owner (channels.whatsapp.allowFrom, then `whatsapp:` approvers). Never anyone else:
// `allowFrom: ["*"]` names no one. A failed send throws: the monitor keeps the notification and retries with
// backoff, so nothing is lost and the gateway never crashes.
import type { WingmanConfig } from "../../config.js";
import type { Notification, Notifier } from "../../api/notify.js";
import type { Wingman } from "../../core/wingman.js";
import type { HostApi } from "./api-types.js";
import { isOwner, ownersOf, phoneKey } from "./owners.js";

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

export async function notifyTarget(
  api: Pick<HostApi, "config">,
  config: WingmanConfig,
  w: Pick<Wingman, "readRegistry">,
): Promise<string | undefined> {
  if (config.notify.to) return config.notify.to;
  const last = (await w.readRegistry()).lastOwner?.replace(/^whatsapp:/, "");
  if (last && isOwner(last, "whatsapp", api.config, config)) return last;
  const first = ownersOf(api.config, config).find((o) => o.channel === "whatsapp")?.id;
  if (!first) return undefined;
  const digits = phoneKey(first);
  return digits ? `+${digits}` : first;
}

export class WhatsAppNotifier implements Notifier {
  constructor(
    private readonly api: HostApi,
    private readonly config: WingmanConfig,
    private readonly w: Wingman,
  ) {}

  async send(n: Notification): Promise<void> {
    const to = await notifyTarget(this.api, this.config, this.w);
    if (!to) throw new Error("no WhatsApp target: set notify.to, channels.whatsapp.allowFrom or a whatsapp: approver");
    const split = this.api.runtime?.channel?.text?.chunkText;
    const parts = split ? split(n.text, LIMIT) : chunk(n.text);
    const accountId = this.config.notify.accountId;
    const wa = this.api.runtime?.channel?.whatsapp?.sendMessageWhatsApp;
    if (wa) {
      for (const p of parts) await wa(to, p, { verbose: false, ...(accountId ? { accountId } : {}) });
      return;
    }
    const load = this.api.runtime?.channel?.outbound?.loadAdapter;
    const adapter = load ? await load("whatsapp") : undefined;
    if (adapter?.sendText) {
      // OpenClaw's adapters refuse to send without the resolved runtime config (`cfg`), measured on 2026.9.6.
      const cfg = this.api.runtime?.config?.current?.() ?? this.api.config;
      for (const p of parts) await adapter.sendText({ cfg, to, text: p, ...(accountId ? { accountId } : {}) });
      return;
    }
    if (load)
      throw new Error(
        "WhatsApp is not set up in this host: install and link its WhatsApp channel (openclaw plugins install @openclaw/whatsapp)",
      );
    throw new Error("this host offers no WhatsApp sending API");
  }
}
