// Who may answer prompts from chat: the host's WhatsApp owners (channels.whatsapp.allowFrom) and the
// plugin's approvers. When no owner is configured at all, the host's local chat counts as the owner,
// as the host itself treats it (host-api.md §2, "Auth").
import type { WingmanConfig } from "../config.js";
import type { Actor } from "../core/types.js";
import type { HostConfig } from "./api-types.js";

/**
 * A phone number as bare digits, however the host spells it: an owner "+1 555 000 1111", a sender
 * "+15550001111" or "whatsapp:+1555…", or a WhatsApp JID "15550001111:12@s.whatsapp.net" (OpenClaw's
 * WhatsApp plugin passes the JID when it has no E.164). Ids that are not phone numbers (`…@lid`, groups
 * `…@g.us`, "gateway-client") give "", which matches no owner.
 */
export function phoneKey(s: string): string {
  const bare = s.trim().replace(/^whatsapp:/i, "");
  const at = bare.indexOf("@");
  if (at >= 0 && bare.slice(at) !== "@s.whatsapp.net") return "";
  const user = (at >= 0 ? bare.slice(0, at) : bare).split(":")[0] ?? "";
  return /\d/.test(user) && /^[\d\s+().-]+$/.test(user) ? user.replace(/\D/g, "") : "";
}

export function ownersOf(host: HostConfig | undefined, config: WingmanConfig): string[] {
  const allow = (host?.channels?.whatsapp?.allowFrom ?? []).filter((x) => x && x !== "*");
  return [...allow, ...config.approvers].map(phoneKey).filter(Boolean);
}

/** Messaging networks where anyone could write; every other channel (webchat, the gateway's own clients) is local. */
const REMOTE_CHANNELS = new Set(["whatsapp", "telegram", "discord", "slack", "signal", "imessage", "line", "msteams", "matrix", "sms"]);

export function isOwner(sender: string | undefined, channel: string | undefined, host: HostConfig | undefined, config: WingmanConfig): boolean {
  const owners = ownersOf(host, config);
  if (owners.length === 0) return !REMOTE_CHANNELS.has((channel ?? "").toLowerCase());
  const key = sender ? phoneKey(sender) : "";
  return key !== "" && owners.includes(key);
}

export function actorFor(o: { senderId?: string; channel?: string; hostAuthorized?: boolean }, host: HostConfig | undefined, config: WingmanConfig): Actor {
  const channel = o.channel ?? "unknown";
  // A phone sender is kept as E.164 ("whatsapp:+1555…"): the notifier writes back to the last owner by it.
  const key = o.senderId ? phoneKey(o.senderId) : "";
  const id = o.senderId ? `${channel}:${key ? `+${key}` : o.senderId}` : channel;
  // The host's own flag (requireAuth commands) already means "an owner"; plain text has no flag.
  const authorized = o.hostAuthorized === true || isOwner(o.senderId, channel, host, config);
  return { id, channel, authorized };
}
