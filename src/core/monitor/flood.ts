// The flood cap: at most 6 notifications per session and 20 in all in any minute (sliding windows). What
// passes the cap goes out as it is; the rest is held and goes out as ONE `digest`, at most one digest a
// minute, when the minute has room for it (so a session that keeps chattering costs its 6, plus a digest). A prompt is never lost: a held prompt's id is in that digest (and its reminders still run),
// so an agent (or anything that can write hook events) that makes its session chatter cannot bury the
// owner's phone, nor push a real prompt out of sight.
import type { Notification } from "../../api/notify.js";
import type { SessionView } from "../../api/types.js";

export const FLOOD_LIMITS = { perSession: 6, total: 20, windowMs: 60_000 } as const;

export type FloodLimits = { perSession: number; total: number; windowMs: number };

/** Notification types that carry a pending prompt someone must answer. */
const PROMPT_TYPES = new Set<Notification["type"]>([
  "approval_needed",
  "question",
  "trust_prompt",
  "dialog",
  "reminder",
]);

export interface Held {
  n: Notification;
  view?: SessionView;
}

export class FloodGate {
  /** When each notification that went out was sent, and for which session. */
  private sent: Array<{ at: number; session?: string }> = [];
  private held: Held[] = [];
  private lastDigestAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly limits: FloodLimits = FLOOD_LIMITS) {}

  private trim(now: number): void {
    const from = now - this.limits.windowMs;
    while (this.sent.length && this.sent[0]!.at <= from) this.sent.shift();
  }

  private roomFor(session: string | undefined, now: number): boolean {
    this.trim(now);
    if (this.sent.length >= this.limits.total) return false;
    if (session === undefined) return true;
    return this.sent.filter((s) => s.session === session).length < this.limits.perSession;
  }

  /** True: send `n` now (it is counted). False: it is held for the next digest. */
  admit(n: Notification, now: number, view?: SessionView): boolean {
    // Another session's news is not held back because one session chatters: only what is over a cap waits.
    if (this.roomFor(n.session, now)) {
      this.sent.push({ at: now, ...(n.session === undefined ? {} : { session: n.session }) });
      return true;
    }
    this.held.push({ n, ...(view ? { view } : {}) });
    return false;
  }

  /** What is held, once the minute has room for one more notification (the digest, counted); else null. */
  release(now: number): Held[] | null {
    if (!this.held.length || now - this.lastDigestAt < this.limits.windowMs || !this.roomFor(undefined, now))
      return null;
    this.sent.push({ at: now });
    this.lastDigestAt = now;
    const out = this.held;
    this.held = [];
    return out;
  }

  get holding(): number {
    return this.held.length;
  }
}

/** The ids of the prompts a set of held notifications carried (a held digest's own ids included), once each. */
export function heldPromptIds(held: Held[]): string[] {
  const ids: string[] = [];
  for (const { n } of held) {
    if (PROMPT_TYPES.has(n.type) && n.id) ids.push(n.id);
    if (n.type === "digest") ids.push(...(n.ids ?? []));
  }
  return [...new Set(ids)];
}
