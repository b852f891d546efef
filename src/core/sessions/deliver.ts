// Delivering text to a session: only when it is idle or in error (or forced while it works), never into a
// dialog, through the one text rule (checks.ts), submitted by the agent's own plan, and recorded. A follow-up
// for a busy session goes to its queue when a monitor runs (queue.ts), to be typed once the session is idle.
import { done, type RefusalFacts, refusedWith, type SendOutcome } from "../../api/outcomes.js";
import type { Actor, SessionView } from "../../api/types.js";
import type { SendOptions } from "../../api/wingman-api.js";
import { ownerRule } from "../approvals/authorize.js";
import type { Core } from "../context.js";
import { checkText, sessionName } from "./checks.js";
import { budgetStand, hold } from "../usage/budget.js";
import { queueFollowUp } from "./queue.js";

export async function sendToSession(
  core: Core,
  session: string,
  asked: string,
  opts: SendOptions,
  actor: Actor,
): Promise<SendOutcome> {
  const no = ownerRule(actor, "send prompts to sessions");
  if (no) return refusedWith("not_owner", no);
  const name = sessionName(session);
  const text = checkText(asked);
  if (!text.trim()) return refusedWith("usage", { why: "nothing_to_send" });
  return core.withSessionLock(name, async (): Promise<SendOutcome> => {
    const [view] = await core.refresh(name);
    if (!view) return refusedWith("not_found", { why: "no_session", session: name });
    // A spent budget holds the text as a prompt of its own, whatever the session is doing (not queued, not typed);
    // an assistant's tool cannot confirm past it. A session that exited is refused as usual below.
    const stand = await budgetStand(core, name);
    if (view.state !== "exited" && stand.kind === "over" && !(opts.confirm && actor.channel !== "tool")) {
      const held = await hold(core, name, text, actor.id, stand.crossing);
      if (held)
        return refusedWith("needs_confirm", {
          why: "over_budget",
          session: name,
          id: held.id,
          scope: held.scope,
          costUsd: held.costUsd,
          limitUsd: held.limitUsd,
          ...(actor.channel === "tool" ? { door: "tool" as const } : {}),
        });
    }
    // `tell!` keeps its meaning (now); a plain tell to a busy session is queued, or refused saying why not.
    if (!opts.force) {
      const q = await queueFollowUp(core, view, text, actor);
      if (!("notQueued" in q)) return q;
      if (q.notQueued) return refusedWith("wrong_state", q.notQueued);
    }
    const why = sendRefusal(view, !!opts.force);
    if (why) return refusedWith("wrong_state", why);
    const agent = core.agentOf(view);
    const r = await agent.submit(core.paneIO(name, undefined, { escapes: agent.screenEscapes }), text);
    await core.registry.update((d) => {
      const rec = d.sessions[name];
      if (!rec) return;
      rec.prompts.push({ at: new Date().toISOString(), text, by: actor.id });
      rec.lastActivityAt = new Date().toISOString();
    });
    await core.journal.history({ session: name, event: "prompt", detail: text.slice(0, 200), by: actor.id });
    const [after] = await core.refresh(name);
    if (!r.ok) {
      const dialogOpened = !!(r.reading.prompt || r.reading.permissionPending);
      return refusedWith("failed", { why: "not_submitted", session: name, dialogOpened, view: after ?? null });
    }
    return done("sent", {
      session: name,
      view: after ?? null,
      ...(stand.kind === "unpriced" ? { unpriced: stand.models } : {}),
    });
  });
}

/** Type and submit (the caller holds the session lock and has checked the state). */
export async function sendUnlocked(core: Core, name: string, text: string, by?: string): Promise<boolean> {
  const rec = (await core.registry.read()).sessions[name];
  if (!rec) return false;
  const agent = core.agentOf(rec);
  const r = await agent.submit(core.paneIO(name, undefined, { escapes: agent.screenEscapes }), text);
  await core.registry.update((d) => {
    d.sessions[name]?.prompts.push({ at: new Date().toISOString(), text, by });
  });
  await core.journal.history({ session: name, event: "prompt", detail: text.slice(0, 200), by });
  return r.ok;
}

/**
 * Send the first queued item (a spawn's first prompt) after its blocking dialog (trust) was answered: sent, not
 * confirmed, or none. The rest of the queue waits for the monitor, one at a time (queue.ts).
 */
export async function deliverQueued(core: Core, name: string): Promise<"sent" | "not_submitted" | null> {
  const rec = (await core.registry.read()).sessions[name];
  if (!rec?.queue?.length) return null;
  const view = await core.waitForState(
    name,
    (v) => v.state !== "starting" && v.state !== "unknown" && v.state !== "working",
    20_000,
  );
  if (!view || (view.state !== "idle" && view.state !== "error")) return null;
  const queued = await core.registry.update((d) => {
    const r = d.sessions[name];
    const first = r?.queue?.shift();
    if (r && !r.queue?.length) delete r.queue;
    return first;
  });
  if (!queued) return null;
  const ok = await core.sendUnlocked(name, checkText(queued.text), queued.by);
  return ok ? "sent" : "not_submitted";
}

/** Why a prompt may not be typed now, or null. A dialog is never typed into, even with force. Pure. */
export function sendRefusal(v: SessionView, force: boolean): RefusalFacts | null {
  if (v.state === "idle" || v.state === "error") return null;
  if (v.state === "exited") return { why: "exited", session: v.name };
  if (v.pending) return { why: "in_dialog", session: v.name, state: v.state, pending: v.pending };
  if (force && (v.state === "working" || v.state === "starting" || v.state === "unknown")) return null;
  return { why: "busy", session: v.name, state: v.state };
}
