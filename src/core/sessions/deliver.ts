// Delivering text to a session: only when it is idle or in error (or forced while it works), never into a
// dialog, through the one text rule (checks.ts), submitted by the agent's own plan, and recorded.
import { notFound, usage, WingmanError } from "../../api/errors.js";
import type { Actor, Outcome, SessionView } from "../../api/types.js";
import type { SendOptions } from "../../api/wingman-api.js";
import { mayAct } from "../approvals/authorize.js";
import type { Core } from "../context.js";
import { checkText, sessionName } from "./checks.js";
import { replyHint } from "./view.js";

export async function sendToSession(core: Core, session: string, asked: string, opts: SendOptions, actor: Actor): Promise<Outcome<SessionView>> {
  mayAct(actor, "send prompts to sessions");
  const name = sessionName(session);
  const text = checkText(asked);
  if (!text.trim()) throw usage("nothing to send: tell NAME TEXT");
  return core.withSessionLock(name, async () => {
    const [view] = await core.refresh(name);
    if (!view) throw notFound(`no session ${name}: \`wingman status\` lists sessions`);
    const why = sendRefusal(view, !!opts.force);
    if (why) throw new WingmanError("wrong_state", why);
    const agent = core.agentOf(view);
    const r = await agent.submit(core.paneIO(name), text);
    await core.registry.update((d) => {
      const rec = d.sessions[name];
      if (!rec) return;
      rec.prompts.push({ at: new Date().toISOString(), text, by: actor.id });
      rec.lastActivityAt = new Date().toISOString();
    });
    await core.journal.history({ session: name, event: "prompt", detail: text.slice(0, 200), by: actor.id });
    const [after] = await core.refresh(name);
    if (!r.ok) {
      const what = r.reading.prompt || r.reading.permissionPending ? "a dialog opened" : "the text is still in the input box";
      return { ok: false, error: "failed", message: `typed into ${name} but not confirmed submitted (${what}); check with \`wingman output ${name}\``, data: after };
    }
    return { ok: true, message: `✓ sent to ${name}`, data: after };
  });
}

/** Type and submit (the caller holds the session lock and has checked the state). */
export async function sendUnlocked(core: Core, name: string, text: string, by?: string): Promise<boolean> {
  const rec = (await core.registry.read()).sessions[name];
  if (!rec) return false;
  const r = await core.agentOf(rec).submit(core.paneIO(name), text);
  await core.registry.update((d) => {
    d.sessions[name]?.prompts.push({ at: new Date().toISOString(), text, by });
  });
  await core.journal.history({ session: name, event: "prompt", detail: text.slice(0, 200), by });
  return r.ok;
}

/** Send a queued first prompt after its blocking dialog (trust) was answered. */
export async function deliverQueued(core: Core, name: string): Promise<string> {
  const rec = (await core.registry.read()).sessions[name];
  const queued = rec?.queuedPrompt;
  if (!queued) return "";
  const view = await core.waitForState(name, (v) => v.state !== "starting" && v.state !== "unknown" && v.state !== "working", 20_000);
  if (!view || (view.state !== "idle" && view.state !== "error")) return "";
  await core.registry.update((d) => {
    const r = d.sessions[name];
    if (r) r.queuedPrompt = undefined;
  });
  const ok = await core.sendUnlocked(name, queued.text, queued.by);
  return ok ? " · queued prompt sent" : " · queued prompt not confirmed submitted";
}

/** Why a prompt may not be typed now, or null. A dialog is never typed into, even with force. */
export function sendRefusal(v: SessionView, force: boolean): string | null {
  if (v.state === "idle" || v.state === "error") return null;
  if (v.state === "exited") return `${v.name} has exited: spawn it again to start a new conversation`;
  if (v.pending) {
    return `${v.name} is waiting on a dialog (${v.pending.question || v.state}, id ${v.pending.id}); nothing typed: ${replyHint(v.name, v.pending)}`;
  }
  if (force && (v.state === "working" || v.state === "starting" || v.state === "unknown")) return null;
  return `${v.name} is ${v.state.replace("_", " ")}; nothing typed: wait until it is idle, or use tell! ${v.name} … to queue it now`;
}
