// Who may answer prompts from chat: the host's WhatsApp owners (channels.whatsapp.allowFrom) and the
// plugin's approvers. When no owner is configured at all, the host's local chat counts as the owner,
// as the host itself treats it (host-api.md §2, "Auth").
import type { WingmanConfig } from "../config.js";
import type { Actor } from "../core/types.js";
import type { HostConfig } from "./api-types.js";

const digits = (s: string) => s.replace(/[^\d+]/g, "");

export function ownersOf(host: HostConfig | undefined, config: WingmanConfig): string[] {
  const allow = (host?.channels?.whatsapp?.allowFrom ?? []).filter((x) => x && x !== "*");
  return [...allow, ...config.approvers].map(digits).filter(Boolean);
}

/** Messaging networks where anyone could write; every other channel (webchat, the gateway's own clients) is local. */
const REMOTE_CHANNELS = new Set(["whatsapp", "telegram", "discord", "slack", "signal", "imessage", "line", "msteams", "matrix", "sms"]);

export function isOwner(sender: string | undefined, channel: string | undefined, host: HostConfig | undefined, config: WingmanConfig): boolean {
  const owners = ownersOf(host, config);
  if (owners.length === 0) return !REMOTE_CHANNELS.has((channel ?? "").toLowerCase());
  return !!sender && owners.includes(digits(sender));
}

export function actorFor(o: { senderId?: string; channel?: string; hostAuthorized?: boolean }, host: HostConfig | undefined, config: WingmanConfig): Actor {
  const channel = o.channel ?? "unknown";
  const id = o.senderId ? `${channel}:${digits(o.senderId) || o.senderId}` : channel;
  // The host's own flag (requireAuth commands) already means "an owner"; plain text has no flag.
  const authorized = o.hostAuthorized === true || isOwner(o.senderId, channel, host, config);
  return { id, channel, authorized };
}
