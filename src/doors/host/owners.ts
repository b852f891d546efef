// Who may act from chat: owners, each a (channel, id) pair.
// - The host's `channels.<ch>.allowFrom` (minus "*") names owners on THAT channel only: a WhatsApp owner's
//   number proves nothing on Telegram or Signal.
// - The plugin's `approvers`, written "<channel>:<id>" ("whatsapp:+15551234567", "telegram:123"); a bare phone
//   number is WhatsApp (the form this setting had before it named channels).
// - `localChannels` (default ["webchat"], the gateway's own chat, which the host already authenticates) make
//   their senders owners only while no owner is configured at all, as the host itself treats its local chat.
//   Every other channel (googlechat, irc, a plugin's channel, none) is not an owner unless listed.
// Phone numbers match in every spelling on the phone channels (whatsapp, sms, signal); every other id is
// compared exactly, trimmed, with an optional "<channel>:" prefix on either side.
// The host's own flag (a command's isAuthorizedSender, a tool context's senderIsOwner) is required where the
// host gives it, and never enough alone: under `allowFrom: ["*"]` the host calls everyone authorized.
import type { WingmanConfig } from "../../config.js";
import type { Actor } from "../../api/types.js";
import type { HostConfig } from "./api-types.js";

export interface Owner {
  /** Lower case: whatsapp, telegram, webchat, … */
  channel: string;
  /** As written, trimmed, without a "<channel>:" prefix. */
  id: string;
}

/** Channels whose ids are phone numbers (matched by digits, in any spelling). */
const PHONE_CHANNELS = new Set(["whatsapp", "sms", "signal"]);
/** Other prefixes a host accepts for a channel's ids (OpenClaw normalizes `tg:` for Telegram). */
const PREFIXES: Record<string, string[]> = { telegram: ["telegram", "tg"] };

/**
 * A phone number as bare digits, however the host spells it: an owner "+1 555 000 1111", a sender
 * "+15550001111" or "whatsapp:+1555…", or a WhatsApp JID "15550001111:12@s.whatsapp.net" (OpenClaw's
 * WhatsApp plugin passes the JID when it has no E.164). Ids that are not phone numbers (`…@lid`, groups
 * `…@g.us`, "gateway-client") give "", which matches no owner.
 */
export function phoneKey(s: string): string {
  const bare = s.trim().replace(/^(whatsapp|sms|signal):/i, "");
  const at = bare.indexOf("@");
  if (at >= 0 && bare.slice(at) !== "@s.whatsapp.net") return "";
  const user = (at >= 0 ? bare.slice(0, at) : bare).split(":")[0] ?? "";
  return /\d/.test(user) && /^[\d\s+().-]+$/.test(user) ? user.replace(/\D/g, "") : "";
}

const norm = (channel: string | undefined) => (channel ?? "").trim().toLowerCase();

/** An id without the "<channel>:" prefix a host or a person may have written in front of it. */
function stripPrefix(channel: string, id: string): string {
  let s = id.trim();
  for (const p of PREFIXES[channel] ?? [channel]) {
    if (s.toLowerCase().startsWith(`${p}:`)) {
      s = s.slice(p.length + 1).trim();
      break;
    }
  }
  return s;
}

/** One approvers entry: "<channel>:<id>", or a bare phone number (WhatsApp). null when it names neither. */
export function parseApprover(entry: string): Owner | null {
  const s = entry.trim();
  const m = /^([A-Za-z][A-Za-z0-9_-]*):(.*)$/.exec(s);
  if (m) {
    const channel = m[1]!.toLowerCase();
    const id = stripPrefix(channel, m[2]!);
    return id ? { channel, id } : null;
  }
  return phoneKey(s) ? { channel: "whatsapp", id: s } : null;
}

/** Every owner the host config and Wingman's config name, channel by channel. */
export function ownersOf(host: HostConfig | undefined, config: WingmanConfig): Owner[] {
  const out: Owner[] = [];
  for (const [name, ch] of Object.entries(host?.channels ?? {})) {
    const channel = norm(name);
    const allow = ch && typeof ch === "object" && Array.isArray(ch.allowFrom) ? ch.allowFrom : [];
    for (const raw of allow) {
      if (raw === null || raw === undefined) continue;
      const id = stripPrefix(channel, String(raw));
      if (id && id !== "*") out.push({ channel, id });
    }
  }
  for (const a of config.approvers) {
    const o = parseApprover(a);
    if (o) out.push(o);
  }
  return out;
}

/** Whether `sender` on `channel` is this owner. */
function sameId(channel: string, owner: string, sender: string): boolean {
  if (PHONE_CHANNELS.has(channel)) {
    const a = phoneKey(owner);
    const b = phoneKey(sender);
    if (a || b) return a !== "" && a === b;
    // WhatsApp ids are phone numbers; anything else there (an @lid, a group) is no one's.
    if (channel === "whatsapp") return false;
  }
  return owner === sender;
}

export function isOwner(
  sender: string | undefined,
  channel: string | undefined,
  host: HostConfig | undefined,
  config: WingmanConfig,
): boolean {
  const ch = norm(channel);
  if (!ch) return false;
  const owners = ownersOf(host, config);
  if (owners.length === 0) return config.localChannels.some((l) => norm(l) === ch);
  const id = sender ? stripPrefix(ch, sender) : "";
  if (!id) return false;
  return owners.some((o) => o.channel === ch && sameId(ch, o.id, id));
}

/** The sender as an actor id: "whatsapp:+15550001111" for phone ids (the notifier writes back to it), else "<channel>:<id>". */
export function actorId(senderId: string | undefined, channel: string): string {
  if (!senderId?.trim()) return channel;
  const id = stripPrefix(norm(channel), senderId);
  const key = PHONE_CHANNELS.has(norm(channel)) ? phoneKey(id) : "";
  return `${channel}:${key ? `+${key}` : id}`;
}

/**
 * The actor for one message at a door. `hostAuthorized` is the host's own flag for this sender where the host
 * gives one (a command's isAuthorizedSender, a tool context's senderIsOwner): false refuses; true is not enough.
 */
export function actorFor(
  o: { senderId?: string; channel?: string; hostAuthorized?: boolean },
  host: HostConfig | undefined,
  config: WingmanConfig,
): Actor {
  const channel = norm(o.channel) || "unknown";
  const authorized = o.hostAuthorized !== false && isOwner(o.senderId, o.channel, host, config);
  return { id: actorId(o.senderId, channel), channel, authorized };
}
