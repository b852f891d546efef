// Where notifications go: a list of targets, each "<channel>:<id>" with an optional "@<account>" (the form
// owners are already written in: "telegram:123456789", "whatsapp:+15551234567", "telegram:123@work").
// The list, in the contract's order (one source wins, lists are never merged):
//   1. config notify.targets, as written;
//   2. else config notify.to (a WhatsApp number, with notify.accountId);
//   3. else the owner who last wrote to Wingman, on any channel, if still an owner today;
//   4. else the first owner: the first `approvers` entry, then the first `channels.<ch>.allowFrom` entry.
// Never anyone else: `allowFrom: ["*"]` names no one, and a local channel (the gateway's web chat) has no one
// to send to.
import type { WingmanConfig } from "../../config.js";
import type { Wingman } from "../../core/wingman.js";
import type { HostConfig } from "./api-types.js";
import { isOwner, ownersOf, parseApprover, phoneKey } from "./owners.js";

export interface Target {
  /** Lower case: telegram, whatsapp, slack, … */
  channel: string;
  /** The id on that channel, as the channel's sender takes it (a WhatsApp number as +digits). */
  to: string;
  accountId?: string;
}

/** "telegram:123@work" → { channel: "telegram", to: "123", accountId: "work" }; null when it names no one. */
export function parseTarget(s: string): Target | null {
  const m = /^\s*([A-Za-z][A-Za-z0-9_-]*):(.+?)\s*$/.exec(s);
  if (!m) return null;
  const channel = m[1]!.toLowerCase();
  let rest = m[2]!.trim();
  let accountId: string | undefined;
  // An account is the last "@word"; a WhatsApp JID ("…@s.whatsapp.net") is an id, not an account.
  const at = /^(.*)@([A-Za-z0-9_-]+)$/.exec(rest);
  if (at?.[1] && !rest.endsWith("@s.whatsapp.net")) {
    rest = at[1];
    accountId = at[2];
  }
  const o = parseApprover(`${channel}:${rest}`);
  if (!o) return null;
  return { channel, to: sendable(o.channel, o.id), ...(accountId ? { accountId } : {}) };
}

/** How a target is written in logs and records: the owners' form. */
export function targetKey(t: Target): string {
  return `${t.channel}:${t.to}${t.accountId ? `@${t.accountId}` : ""}`;
}

/** A phone channel's id as the host's sender takes it (+digits); every other id as written. */
function sendable(channel: string, id: string): string {
  if (channel !== "whatsapp" && channel !== "signal" && channel !== "sms") return id;
  const digits = phoneKey(id);
  return digits ? `+${digits}` : id;
}

export async function notifyTargets(
  api: { config?: HostConfig },
  config: WingmanConfig,
  w: Pick<Wingman, "readRegistry">,
): Promise<Target[]> {
  if (config.notify.targets?.length) {
    return config.notify.targets.map(parseTarget).filter((t): t is Target => t !== null);
  }
  const accountId = config.notify.accountId;
  const withAccount = (t: Target): Target => (t.channel === "whatsapp" && accountId ? { ...t, accountId } : t);
  if (config.notify.to) return [withAccount({ channel: "whatsapp", to: sendable("whatsapp", config.notify.to) })];
  const local = (ch: string) => config.localChannels.some((l) => l.trim().toLowerCase() === ch);
  const owners = ownersOf(api.config, config).filter((o) => !local(o.channel));
  const last = (await w.readRegistry()).lastOwner;
  const lo = last ? parseApprover(last) : null;
  if (lo && !local(lo.channel) && owners.length && isOwner(lo.id, lo.channel, api.config, config)) {
    return [withAccount({ channel: lo.channel, to: sendable(lo.channel, lo.id) })];
  }
  // ownersOf lists allowFrom entries first; the contract puts `approvers` first.
  const approvers = config.approvers.map(parseApprover).filter((o) => o !== null && !local(o.channel));
  const first = approvers[0] ?? owners[0];
  return first ? [withAccount({ channel: first.channel, to: sendable(first.channel, first.id) })] : [];
}
