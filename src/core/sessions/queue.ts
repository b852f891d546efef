// Follow-ups that never bounce: a `tell` while the session works (or starts, or waits on a dialog) is kept in
// its record's queue, oldest first, at most MAX_QUEUED, and the monitor types the items one at a time when the
// session is idle (never into a dialog; they wait while it is in error). Queuing needs a running monitor:
// without one nothing would ever type them, so `tell` refuses as it always did. `kill` and `resume` drop the
// queue; `queue NAME` lists it, `unqueue NAME` drops it. The text rule is applied when an item is queued and
// again when it is typed (the registry file is hostile until checked).
import { join } from "node:path";
import {
  done,
  type QueueOutcome,
  type RefusalFacts,
  refusedWith,
  type SendOutcome,
  type UnqueueOutcome,
} from "../../api/outcomes.js";
import { redactSecrets } from "../../api/redact.js";
import type { Actor, SessionState, SessionView } from "../../api/types.js";
import { ownerRule } from "../approvals/authorize.js";
import type { Core } from "../context.js";
import { processLockHolder } from "../store/locks.js";
import { MAX_QUEUED } from "../store/registry.js";
import { checkText, sessionName } from "./checks.js";

export { MAX_QUEUED } from "../store/registry.js";

/** States in which a follow-up waits for the session (contract: starting, working, waiting_*). */
const QUEUE_STATES: ReadonlySet<SessionState> = new Set(["starting", "working", "waiting_approval", "waiting_input"]);

/** The monitor's lock file (monitor/lock.ts takes it): held by a live process means a monitor runs. */
export function monitorLockFile(stateDir: string): string {
  return join(stateDir, "monitor.lock");
}

export async function monitorRuns(core: Core): Promise<boolean> {
  return (await processLockHolder(monitorLockFile(core.stateDir))) !== null;
}

/**
 * Whether a follow-up for this session goes to its queue rather than being typed now: the session is busy, or
 * (so the order holds) others already wait for it. Pure.
 */
export function goesToQueue(v: SessionView, waiting: number): boolean {
  if (QUEUE_STATES.has(v.state)) return true;
  return (v.state === "idle" || v.state === "error") && waiting > 0;
}

/**
 * Queue `text` (already through the text rule) for a session the caller has locked and read, or say why not.
 * Returns null when the text is not for the queue (typed now, or refused as before).
 */
export async function queueFollowUp(
  core: Core,
  view: SessionView,
  text: string,
  actor: Actor,
): Promise<SendOutcome | { notQueued: RefusalFacts | null }> {
  const name = view.name;
  const waiting = (await core.registry.read()).sessions[name]?.queue?.length ?? 0;
  if (!goesToQueue(view, waiting)) return { notQueued: null };
  if (!(await monitorRuns(core))) {
    // Nothing would type it later: refuse as before, and say why it was not kept. Items already waiting stay.
    if (view.state === "idle" || view.state === "error") return { notQueued: null };
    return {
      notQueued: view.pending
        ? { why: "in_dialog", session: name, state: view.state, pending: view.pending, monitor: false }
        : { why: "busy", session: name, state: view.state, monitor: false },
    };
  }
  const at = new Date().toISOString();
  const position = await core.registry.update((d) => {
    const rec = d.sessions[name];
    if (!rec) return 0;
    rec.queue ??= [];
    const q = rec.queue;
    if (q.length >= MAX_QUEUED) return -1;
    q.push({ text, by: actor.id, at });
    return q.length;
  });
  if (position === 0) return refusedWith("not_found", { why: "no_session", session: name });
  if (position < 0) return refusedWith("wrong_state", { why: "queue_full", session: name, max: MAX_QUEUED });
  await core.journal.history({ session: name, event: "queued", detail: text.slice(0, 200), by: actor.id });
  // Wake the monitor: the session may have gone idle between this look and the write.
  await (await core.hostOf(name)).files.nudge?.(name).catch(() => {});
  return done("queued", { session: name, position, state: view.state, view });
}

/** What the monitor did with a session's queue: typed its next item (submitted or not), or dropped a bad one. */
export interface QueueDelivery {
  session: string;
  outcome: "sent" | "not_submitted" | "dropped";
  /** Items still waiting. */
  left: number;
}

/**
 * Type the next queued item if the session is idle now (read again under its lock: never into a dialog, never
 * while it works or is in error). The item leaves the queue before it is typed: a crash in between loses one
 * follow-up rather than typing it twice.
 */
export async function typeNextQueued(core: Core, session: string): Promise<QueueDelivery | null> {
  const name = sessionName(session);
  return core.withSessionLock(name, async () => {
    const rec = (await core.registry.read()).sessions[name];
    if (!rec?.queue?.length) return null;
    const [view] = await core.refresh(name);
    if (view?.state !== "idle" || view.pending) return null;
    let item: { text: string; by?: string } | undefined;
    let left = 0;
    await core.registry.update((d) => {
      const r = d.sessions[name];
      if (!r?.queue) return;
      item = r.queue.shift();
      left = r.queue.length;
      if (!left) delete r.queue;
    });
    if (!item) return null;
    let text: string;
    try {
      text = checkText(item.text);
    } catch {
      core.logger.warn(`${name}: a queued follow-up broke the text rule (control character or too long); dropped`);
      return { session: name, outcome: "dropped", left };
    }
    const ok = await core.sendUnlocked(name, text, item.by);
    return { session: name, outcome: ok ? "sent" : "not_submitted", left };
  });
}

/** `queue NAME`: what waits for the session, oldest first (texts redacted, as every screen a reply shows). */
export async function listQueue(core: Core, session: string): Promise<QueueOutcome> {
  const name = sessionName(session);
  const rec = (await core.registry.read()).sessions[name];
  if (!rec) return refusedWith("not_found", { why: "no_session", session: name });
  const items = (rec.queue ?? []).map((q, i) => ({
    position: i + 1,
    text: redactSecrets(q.text),
    by: q.by ?? null,
    at: q.at,
  }));
  return done("queue", { session: name, state: rec.lastState ?? null, items, max: MAX_QUEUED });
}

/** `unqueue NAME`: drop every waiting follow-up (an owner's act, like `tell`). */
export async function dropQueue(core: Core, session: string, actor: Actor): Promise<UnqueueOutcome> {
  const no = ownerRule(actor, "send prompts to sessions");
  if (no) return refusedWith("not_owner", no);
  const name = sessionName(session);
  const dropped = await core.registry.update((d) => {
    const r = d.sessions[name];
    if (!r) return -1;
    const n = r.queue?.length ?? 0;
    delete r.queue;
    return n;
  });
  if (dropped < 0) return refusedWith("not_found", { why: "no_session", session: name });
  if (dropped) await core.journal.history({ session: name, event: "unqueued", detail: String(dropped), by: actor.id });
  return done("unqueued", { session: name, dropped });
}
