// Answering a pending prompt so that it cannot hit the wrong one: the id must be the one on screen now
// (or, without an id, the one this person was last shown), the option is chosen by meaning, keys go
// only to a drawn, settled dialog, and the result is checked and reported in one line.
import { setTimeout as sleep } from "node:timers/promises";
import type { AnswerPlan, KeyPlan, KeyResult } from "../../agents/agent.js";
import type { AuditEntry } from "../../api/wingman-api.js";
import type { WingmanErrorCode } from "../../api/errors.js";
import { redactSecrets } from "../../api/redact.js";
import { sameRequest, type StoredPending } from "./pending.js";
import { agentText } from "../sessions/text.js";
import type { Actor, Outcome, ParsedPrompt, PendingPrompt, PromptOption, RespondRequest, ScreenReading } from "../../api/types.js";
import type { Agent, PaneIO } from "../../agents/agent.js";
import type { Core } from "../context.js";
import { replyHint } from "../sessions/view.js";

type RespondOutcome = Outcome<{ pending?: PendingPrompt | null }>;

/** The one-line name of what a prompt asks, e.g. `Bash(rm -rf build)`. */
export function promptLabel(p: PendingPrompt): string {
  const d = redactSecrets((p.detail ?? "").replace(/\s+/g, " ").trim());
  const cut = d.length > 80 ? `${d.slice(0, 79)}…` : d;
  if (p.kind === "trust") return `trust ${cut || "folder"}`;
  if (p.tool) return cut ? `${p.tool}(${cut})` : p.tool;
  return p.question || p.kind;
}

/**
 * How long an answer waits for a dialog the hook has announced but the agent has not drawn yet. Someone
 * who saw the id in `status` expects it to work; the dialog is usually drawn within ~100 ms of the hook.
 */
export const DRAW_WAIT_MS = 3000;

export async function respondTo(core: Core, asked: RespondRequest, actor: Actor): Promise<RespondOutcome> {
  let req = asked;
  const name = req.session;
  const started = Date.now();
  const audit = (e: Partial<AuditEntry> & Pick<AuditEntry, "outcome" | "message">) =>
    core.journal.audit({ actor: actor.id, channel: actor.channel, session: name, action: req.action, promptId: req.id, ...e });
  const refuse = async (message: string, pending?: PendingPrompt | null, code: WingmanErrorCode = "refused"): Promise<RespondOutcome> => {
    await audit({ outcome: "refused", message });
    return { ok: false, error: code, message, data: { pending: pending ?? null } };
  };

  // The door decided who this is; the core still refuses anyone the door did not establish as an owner.
  if (!actor.authorized) {
    core.logger.warn(`refused ${req.action} on ${name} from unauthorized ${actor.channel}:${actor.id}`);
    const message = `✗ ${actor.id} may not answer prompts: only the owner or a configured approver can`;
    // Into the strangers' own capped log, never the owner's audit (store/journal.ts).
    await core.journal.refusedStranger({ actor: actor.id, channel: actor.channel, session: name, action: req.action, promptId: req.id, outcome: "refused", message });
    return { ok: false, error: "not_owner", message, data: { pending: null } };
  }
  // Text bound for the agent (a deny reason, a free-text answer) is checked before anything is read or pressed.
  try {
    if (req.reason !== undefined) req = { ...req, reason: agentText(req.reason, "the deny reason") };
    if (req.text !== undefined) req = { ...req, text: agentText(req.text, "the answer") };
    if (req.choices) req = { ...req, choices: req.choices.map((c) => agentText(c, "the answer")) };
  } catch (e) {
    return refuse(`✗ ${(e as Error).message}`, null, "control_char");
  }

  let [view] = await core.refresh(name);
  if (!view) return { ok: false, error: "not_found", message: `no session ${name}: \`wingman status\` lists sessions` };
  const agent = core.agentOf(view);
  let p = view.pending;
  let reg = await core.registry.read();

  if (!p) {
    if (req.id && reg.usedIds.includes(req.id)) {
      return refuse(`✗ ${name}: prompt ${req.id} is no longer pending (answered or gone); ${name} is ${view.state.replace("_", " ")}`, null, "stale_id");
    }
    return refuse(`✗ ${name} has no pending prompt (${view.state.replace("_", " ")}); nothing pressed`, null, "wrong_state");
  }
  const currentOf = (q: PendingPrompt) => `now pending on ${name}: ${q.id} · ${promptLabel(q)} (${replyHint(name, q)})`;
  if (req.id && req.id !== p.id) {
    return refuse(`✗ ${name}: prompt ${req.id} is not the one on screen; nothing pressed. ${currentOf(p)}`, p, "stale_id");
  }
  if (!req.id) {
    const shown = reg.shown[actor.id]?.[name];
    if (shown !== p.id) {
      await core.markShown(actor, [{ session: name, id: p.id }]);
      return refuse(`✗ ${name}: say which prompt; nothing pressed. ${currentOf(p)}`, p, "stale_id");
    }
  }
  // Announced by the hook, not drawn yet: wait (bounded) for the dialog, then act as usual.
  const drawUntil = Date.now() + DRAW_WAIT_MS;
  while (p.optionsPending && Date.now() < drawUntil) {
    await sleep(100);
    [view] = await core.refresh(name);
    const again = view?.pending;
    if (!again || again.id !== p.id) {
      const what = again ? currentOf(again) : `${name} is ${view?.state.replace("_", " ") ?? "gone"}`;
      return refuse(`✗ ${name}: prompt ${p.id} went away before its dialog was drawn; nothing pressed. ${what}`, again, "stale_id");
    }
    p = again;
  }
  if (p.optionsPending) {
    return refuse(`✗ ${name}: the dialog for ${p.id} is still not drawn after ${DRAW_WAIT_MS / 1000} s; nothing pressed. Try again in a moment`, p, "not_drawn");
  }
  reg = await core.registry.read();
  const stored = reg.sessions[name]?.pending as StoredPending | null;
  if (!stored || stored.id !== p.id) {
    return refuse(`✗ ${name}: prompt ${p.id} changed; nothing pressed`, null, "stale_id");
  }
  const current = currentOf(p);

  // Choose by meaning; refuse what does not fit the prompt. Matching uses the prompt as drawn (`stored`,
  // unredacted: a label the person typed is compared with what is on screen); everything said back uses
  // the view `p` (redacted), at the same option index.
  let plan: KeyPlan;
  let chosen: PromptOption | undefined;
  if (req.action === "answer") {
    const choices = req.choices?.length ? req.choices : null;
    const text = req.text ?? (req.choices ?? []).join(" ");
    const ap: AnswerPlan = agent.planAnswer(stored, choices, text);
    if (!ap.ok) {
      const hint = p.kind === "tool" ? ` (${replyHint(name, p)})` : "";
      const said = agent.planAnswer(p, choices, text);
      return refuse(`✗ ${name} ${p.id}: ${said.ok ? ap.message : said.message}${hint}; nothing pressed`, p);
    }
    plan = { kind: "answer", plan: ap };
    if (ap.mode === "single") chosen = p.options[ap.index];
  } else {
    if (req.action === "trust" && p.kind !== "trust") {
      return refuse(`✗ ${name}: the prompt is not a folder-trust question; nothing pressed. ${current}`, p);
    }
    const c = agent.choose(stored, req.action);
    if (!c.ok) {
      const hint = p.kind === "question" ? ` (answer ${name} ${p.id} CHOICE)` : p.kind === "trust" ? ` (trust ${name})` : "";
      const said = agent.choose(p, req.action);
      return refuse(`✗ ${name} ${p.id}: ${said.ok ? c.message : said.message}${hint}; nothing pressed`, p);
    }
    if (p.risk === "high" && req.action === "always") {
      return refuse(
        `✗ ${name} ${p.id}: "always" is refused for a high-risk prompt (${p.riskReasons.join(", ")}); approve it once with: approve ${name} ${p.id} confirm`,
        p,
        "needs_confirm",
      );
    }
    if (p.risk === "high" && req.action === "approve" && !req.confirm) {
      return refuse(
        `⚠️ ${name} ${p.id} is high risk (${p.riskReasons.join(", ")}): ${promptLabel(p)}. To run it, reply: approve ${name} ${p.id} confirm`,
        p,
        "needs_confirm",
      );
    }
    const reason = req.action === "deny" ? req.reason?.trim() : undefined;
    plan = { kind: "select", index: c.index, reason: reason || undefined };
    chosen = p.options[c.index];
  }

  // Keys only to a dialog that is drawn and settled, and still the same request.
  const io = core.paneIO(name);
  const drawnAt = stored.drawnAt ? Date.parse(stored.drawnAt) : Date.now();
  const same = (q: ParsedPrompt) => sameRequest(stored, q, undefined);
  const st = await settle(io, agent, same, drawnAt);
  if (!st.ok) {
    const [now] = await core.refresh(name);
    const np = now?.pending;
    const what = np ? `now pending: ${np.id} · ${promptLabel(np)} (${replyHint(name, np)})` : `${name} is ${now?.state ?? "gone"}`;
    return refuse(`✗ ${name}: prompt ${p.id} changed before the answer; nothing pressed. ${what}`, np, "stale_id");
  }
  // Mark the answer in progress, so a refresh that sees the dialog close meanwhile knows it was Wingman's.
  const answeredId = p.id;
  await core.registry.update((d) => {
    const rec = d.sessions[name];
    if (rec) rec.answering = { id: answeredId, at: new Date().toISOString() };
  });
  const result: KeyResult = await agent.answer(io, same, st.reading, plan);
  const latencyMs = Date.now() - started;
  const what = promptLabel(p);
  const optionText = chosen?.label ?? (plan.kind === "answer" ? describeAnswer(plan, p) : "");

  if (!result.ok) {
    const msg =
      result.outcome === "stuck"
        ? `⚠️ ${name} ${p.id}: keys sent (${optionText}) but the dialog did not close; nothing more pressed. Look with \`wingman output ${name}\``
        : `✗ ${name} ${p.id}: ${result.message}; nothing was chosen`;
    await audit({
      promptId: p.id,
      fingerprint: p.fingerprint,
      option: optionText,
      keys: result.keys,
      outcome: result.outcome === "stuck" ? "not_closed" : "refused",
      message: msg,
      latencyMs,
    });
    return { ok: false, error: "failed", message: msg, data: { pending: p } };
  }

  const line = successLine(name, req, p, chosen, plan, what, agent.label, result.note);
  const histEvent =
    req.action === "approve" ? "approved" : req.action === "always" ? "always" : req.action === "deny" ? "denied" : req.action === "trust" ? "trusted" : "answered";
  await core.registry.update((d) => {
    const rec = d.sessions[name];
    if (!rec) return;
    if (rec.pending?.id === p.id) {
      rec.pending = null;
      rec.promptClosedAt = new Date().toISOString();
    }
    rec.answering = undefined;
    if (req.action === "approve" || req.action === "always") rec.approvals++;
    if (stored.hookSeq) rec.resolvedSeq = Math.max(rec.resolvedSeq ?? 0, stored.hookSeq);
  });
  await core.journal.history({ session: name, event: histEvent, detail: `${p.id} ${what}`, by: actor.id });
  await audit({
    promptId: p.id,
    fingerprint: p.fingerprint,
    option: optionText,
    keys: result.keys,
    outcome: "done",
    message: line,
    latencyMs: Date.now() - started,
  });
  let extra = "";
  if (req.action === "trust") extra = await core.deliverQueued(name);
  const [after] = await core.refresh(name);
  return { ok: true, message: line + extra, data: { pending: after?.pending ?? null } };
}

function describeAnswer(plan: Extract<KeyPlan, { kind: "answer" }>, p: PendingPrompt): string {
  // Labels from the view `p` (redacted), at the indexes chosen on the prompt as drawn.
  const ap = plan.plan;
  if (ap.mode === "text") return `"${ap.text}"`;
  if (ap.mode === "multi") return ap.indexes.map((i) => p.options[i]?.label ?? "?").join(", ");
  return p.options[ap.index]?.label ?? "?";
}

function successLine(
  name: string,
  req: RespondRequest,
  p: PendingPrompt,
  chosen: PromptOption | undefined,
  plan: KeyPlan,
  what: string,
  agentLabel: string,
  /** How the agent took a deny reason, when not through the dialog itself (as the next prompt, or not at all). */
  note?: string,
): string {
  switch (req.action) {
    case "approve":
      // A dialog's "yes" may do more than run a tool (plan exit switches mode): quote what it does.
      return chosen && chosen.label !== "Yes" ? `✓ ${name}: approved · ${what} · "${chosen.label}"` : `✓ ${name}: approved once · ${what}`;
    case "always":
      return `✓ ${name}: always allowed · ${what} · "${chosen?.scope ?? chosen?.label ?? ""}"`;
    case "deny":
      if (!req.reason?.trim()) return `✗ ${name}: denied · ${what}`;
      // The reply never claims a reason was delivered when the agent's way of taking it did not complete.
      if (note && !note.startsWith("the reason was sent")) return `✗ ${name}: denied · ${what} · ${note}`;
      return `✗ ${name}: denied · ${what} · ${agentLabel} was told: "${req.reason.trim()}"${note ? ` (${note})` : ""}`;
    case "trust":
      return `✓ ${name}: folder trusted`;
    case "answer":
      return `✓ ${name}: answered "${plan.kind === "answer" ? describeAnswer(plan, p) : ""}"${p.question ? ` to "${p.question}"` : ""}`;
  }
}

/** Wait until the dialog has stood for the agent's settle time, then check it still reads as the same request. */
async function settle(io: PaneIO, agent: Agent, same: (p: ParsedPrompt) => boolean, drawnAt: number): Promise<{ ok: boolean; reading: ScreenReading }> {
  const wait = drawnAt + agent.settleMs - Date.now();
  if (wait > 0) await sleep(wait);
  const reading = agent.classify(await io.capture());
  return { ok: !!reading.prompt && !reading.prompt.optionsPending && same(reading.prompt), reading };
}
