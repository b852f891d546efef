// Answering a pending prompt so that it cannot hit the wrong one, in three steps:
//   read + decide: one locked read of the registry with the screen (sessions/refresh.ts readLocked), and the
//     pure decide() on it: the id must be the one on screen now (or, without an id, the one this person was
//     last shown), the option is chosen by meaning, risk and confirm are checked. A plan is marked as an
//     answer in progress (store/answering.ts), so a refresh that sees the dialog close knows it was Wingman's.
//   press: keys only to a drawn, settled dialog that still reads as the same request (the agent checks
//     after each step and that the dialog closed at the end).
//   record: one write (pending cleared, counts), the history and the audit.
// The outcome is facts (api/outcomes.ts); format/ words it.
import { setTimeout as sleep } from "node:timers/promises";
import type { Agent, KeyResult, PaneIO } from "../../agents/agent.js";
import { promptLabel } from "../../api/labels.js";
import { done, type RespondOutcome, refusedWith } from "../../api/outcomes.js";
import type { Actor, ParsedPrompt, RespondRequest, ScreenReading } from "../../api/types.js";
import type { AuditEntry, RespondOptions } from "../../api/wingman-api.js";
import type { Core } from "../context.js";
import { readLocked } from "../sessions/refresh.js";
import { clearAnswering, markAnswering } from "../store/answering.js";
import type { AdoptedPaneRef } from "../store/registry.js";
import { type Decision, decide, type Plan } from "./decide.js";
import { sameRequest } from "./pending.js";

/**
 * How long an answer waits for a dialog the hook has announced but the agent has not drawn yet. Someone
 * who saw the id in `status` expects it to work; the dialog is usually drawn within ~100 ms of the hook.
 */
export const DRAW_WAIT_MS = 3000;

export async function respondTo(
  core: Core,
  req: RespondRequest,
  actor: Actor,
  opts: RespondOptions = {},
): Promise<RespondOutcome> {
  const name = req.session;
  const started = Date.now();
  const audit = (e: Partial<AuditEntry> & Pick<AuditEntry, "outcome" | "message">) =>
    core.journal.audit({
      actor: actor.id,
      channel: actor.channel,
      session: name,
      action: req.action,
      promptId: req.id,
      ...e,
    });
  if (!actor.authorized)
    core.logger.warn(`refused ${req.action} on ${name} from unauthorized ${actor.channel}:${actor.id}`);

  // Read + decide. An announced, not yet drawn dialog is read again (bounded) until it is drawn.
  let waitingFor: string | undefined;
  let decision: Decision;
  let reading: ScreenReading | null = null;
  let agent: Agent | null = null;
  let host: { host: string | null; adopted?: AdoptedPaneRef; panePid?: number } = { host: null };
  const drawUntil = Date.now() + DRAW_WAIT_MS;
  for (;;) {
    [decision, reading, agent, host] = await readLocked(core, name, (d, rec, view, read, now) => {
      const a = rec ? core.agentOf(rec) : null;
      const record = {
        stored: (rec?.pending ?? null) as Plan["stored"] | null,
        usedIds: d.usedIds,
        shownId: d.shown[actor.id]?.[name],
      };
      const dec = decide(record, view, req, actor, a, { now: now.getTime(), waitingFor });
      if (dec.kind === "refuse" && dec.markShown) {
        d.shown[actor.id] ??= {};
        d.shown[actor.id]![name] = dec.markShown;
      }
      return [
        dec,
        read,
        a,
        { host: rec?.host ?? null, ...(rec?.adopted ? { adopted: rec.adopted, panePid: rec.panePid } : {}) },
      ] as const;
    });
    if (decision.kind !== "wait") break;
    waitingFor = decision.id;
    if (Date.now() >= drawUntil) {
      decision = {
        kind: "refuse",
        refusal: refusedWith("not_drawn", { why: "not_drawn", session: name, id: decision.id, waitedMs: DRAW_WAIT_MS }),
      };
      break;
    }
    await sleep(100);
  }
  if (decision.kind === "refuse") {
    const r = decision.refusal;
    const entry = { outcome: "refused" as const, message: `${r.error}: ${r.facts.why}` };
    // A non-owner goes into the strangers' own capped log, never the owner's audit (store/journal.ts).
    if (r.facts.why === "not_owner") {
      await core.journal.refusedStranger({
        actor: actor.id,
        channel: actor.channel,
        session: name,
        action: req.action,
        promptId: req.id,
        ...entry,
      });
    } else if (r.facts.why !== "no_session") await audit(entry);
    return r;
  }
  const plan = decision.plan;
  if (!agent) throw new Error("a plan without an agent"); // decide plans only for a known session

  // Press. The mark first, so a refresh that sees the dialog close meanwhile knows it was Wingman's.
  await markAnswering(core.stateDir, name, plan.prompt.id);
  const io = core.paneIO(name, host, { escapes: agent.screenEscapes });
  const result = await press(io, agent, plan, reading);
  const label = promptLabel(plan.prompt);
  const base = { promptId: plan.prompt.id, fingerprint: plan.prompt.fingerprint, option: plan.option ?? "" };
  if (result === "changed") {
    // The dialog changed between the read and the keys (nothing pressed): not Wingman's doing; say what is there now.
    await clearAnswering(core.stateDir, name);
    const [now] = await core.refresh(name);
    const r = refusedWith("stale_id", {
      why: "went_away",
      session: name,
      id: plan.prompt.id,
      pending: now?.pending ?? null,
      state: now?.state ?? null,
      before: "answer",
    });
    await audit({ ...base, outcome: "refused", message: "stale_id: went_away" });
    return r;
  }
  if (!result.ok) {
    const stuck = result.outcome === "stuck";
    await audit({
      ...base,
      keys: result.keys,
      outcome: stuck ? "not_closed" : "refused",
      message: `failed: ${stuck ? "not_closed" : result.message}`,
      latencyMs: Date.now() - started,
    });
    return stuck
      ? refusedWith("failed", { why: "not_closed", session: name, pending: plan.prompt, option: plan.option ?? "" })
      : refusedWith("failed", { why: "keys_refused", session: name, pending: plan.prompt, problem: result.message });
  }

  // Record (the audit line is written beside the history line).
  const done = () =>
    audit({
      ...base,
      keys: result.keys,
      outcome: "done",
      message: `${plan.action}: ${label}`,
      latencyMs: Date.now() - started,
    });
  return record(core, agent, plan, result, actor, done, opts);
}

/**
 * Keys only to a dialog that is drawn and settled, and still the same request: the read's screen serves
 * when the dialog has stood its settle time by then; otherwise wait, and read it once more.
 */
export async function press(
  io: PaneIO,
  agent: Agent,
  plan: Plan,
  read: ScreenReading | null,
): Promise<KeyResult | "changed"> {
  const same = (q: ParsedPrompt) => sameRequest(plan.stored, q, undefined);
  const fits = (r: ScreenReading | null): r is ScreenReading =>
    !!r?.prompt && !r.prompt.optionsPending && same(r.prompt);
  let start = read;
  const wait = plan.settleAt - Date.now();
  if (wait > 0 || !fits(start)) {
    if (wait > 0) await sleep(wait);
    start = agent.classify(await io.capture());
  }
  if (!fits(start)) return "changed";
  return agent.answer(io, same, start, plan.keys);
}

/** One write: the prompt is answered (pending cleared, counted), then the history; a trust sends the queued prompt. */
async function record(
  core: Core,
  agent: Agent,
  plan: Plan,
  result: KeyResult,
  actor: Actor,
  audited: () => Promise<void>,
  opts: RespondOptions,
): Promise<Exclude<RespondOutcome, { ok: false }>> {
  const { session: name, prompt: p, stored } = plan;
  const action = plan.action;
  // The dialog is verified closed: every outcome but a trust's is known now, so a door may show it before the
  // files below are written.
  const known = action === "trust" ? null : outcomeOf(plan, result, agent);
  if (known) opts.answered?.(known);
  await core.registry.update((d) => {
    const rec = d.sessions[name];
    if (!rec) return;
    if (rec.pending?.id === p.id) {
      rec.pending = null;
      rec.promptClosedAt = new Date().toISOString();
    }
    rec.answering = undefined;
    if (action === "approve" || action === "always") rec.approvals++;
    if (stored.hookSeq) rec.resolvedSeq = Math.max(rec.resolvedSeq ?? 0, stored.hookSeq);
  });
  const event =
    action === "approve"
      ? "approved"
      : action === "always"
        ? "always"
        : action === "deny"
          ? "denied"
          : action === "trust"
            ? "trusted"
            : "answered";
  // Three files, none depending on another: written together.
  await Promise.all([
    clearAnswering(core.stateDir, name),
    core.journal.history({ session: name, event, detail: `${p.id} ${promptLabel(p)}`, by: actor.id }),
    audited(),
  ]);
  return known ?? done("trusted", { session: name, prompt: p, queued: await core.deliverQueued(name) });
}

/** The outcome of an answer whose dialog closed (a trust's is made where its queued prompt is sent). */
function outcomeOf(plan: Plan, result: KeyResult, agent: Agent): Exclude<RespondOutcome, { ok: false }> | null {
  const facts = { session: plan.session, prompt: plan.prompt };
  switch (plan.action) {
    case "approve":
      return done("approved", { ...facts, option: plan.option });
    case "always":
      return done("always_allowed", { ...facts, option: plan.option, scope: plan.scope });
    case "deny": {
      const note = result.note ?? null;
      // The reply never claims a reason was delivered when the agent's way of taking it did not complete.
      const told: "dialog" | "followup" | "not_delivered" | null = !plan.reason
        ? null
        : !note
          ? "dialog"
          : note.startsWith("the reason was sent")
            ? "followup"
            : "not_delivered";
      return done("denied", { ...facts, reason: plan.reason, agent: agent.label, told, note });
    }
    case "answer":
      return done("answered", { ...facts, answer: plan.option ?? "" });
    case "trust":
      return null;
  }
}
