// Answering a prompt held by a budget (usage/budget.ts): approve sends its text (past the budget, through the
// ordinary send path and its checks), deny drops it. An assistant's tool can do neither: the owner decides.
import { done, refusedWith, type RespondOutcome } from "../../api/outcomes.js";
import type { Actor, RespondRequest } from "../../api/types.js";
import { ownerRule } from "../approvals/authorize.js";
import type { Core } from "../context.js";
import { sendRefusal, sendToSession } from "../sessions/deliver.js";
import { type HeldPrompt, takeHeld } from "./budget.js";

export async function releaseHeld(
  core: Core,
  name: string,
  held: HeldPrompt,
  req: RespondRequest,
  actor: Actor,
): Promise<RespondOutcome> {
  const no = ownerRule(actor, "send prompts to sessions");
  if (no) return refusedWith("not_owner", no);
  const facts = {
    why: "over_budget" as const,
    session: name,
    id: held.id,
    scope: held.scope,
    costUsd: held.costUsd,
    limitUsd: held.limitUsd,
  };
  if (actor.channel === "tool") return refusedWith("needs_confirm", { ...facts, door: "tool" });
  if (req.action === "deny") {
    const gone = await takeHeld(core, name, held.id);
    if (!gone) return refusedWith("stale_id", { why: "answered_already", session: name, id: held.id, state: "idle" });
    await core.journal.audit({
      actor: actor.id,
      channel: actor.channel,
      session: name,
      action: "deny",
      promptId: held.id,
      outcome: "done",
      message: `${name} ${held.id}: text held by the ${held.scope} budget dropped`,
    });
    return done("dropped", { session: name, id: held.id });
  }
  if (req.action !== "approve" && req.action !== "always") return refusedWith("needs_confirm", facts);
  // Typed now into an idle session, never queued (the queue waits while the budget is spent); the held text is
  // taken only when it went. A busy session keeps it held: approve again when it is idle.
  const [view] = await core.refresh(name);
  if (!view) return refusedWith("not_found", { why: "no_session", session: name });
  const why = sendRefusal(view, false);
  if (why) return refusedWith("wrong_state", why);
  const sent = await sendToSession(core, name, held.text, { confirm: true }, actor);
  if (!sent.ok) return sent;
  await takeHeld(core, name, held.id);
  await core.journal.audit({
    actor: actor.id,
    channel: actor.channel,
    session: name,
    action: "approve",
    promptId: held.id,
    outcome: "done",
    message: `${name} ${held.id}: text held by the ${held.scope} budget sent`,
  });
  return done("released", { session: name, id: held.id, view: sent.facts.view });
}
