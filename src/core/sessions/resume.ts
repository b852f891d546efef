// Bringing an exited session back: the agent starts again in the same tmux session name and folder with
// its own resume flag, so the conversation goes on; the record (history, approvals, prompts) is kept.
import { stat } from "node:fs/promises";
import { errorMessage, isWingmanError } from "../../api/errors.js";
import { done, type ResumeAllOutcome, type ResumeItem, type ResumeOutcome, refusedWith } from "../../api/outcomes.js";
import type { Actor, SessionView } from "../../api/types.js";
import { ownerRule } from "../approvals/authorize.js";
import type { Core } from "../context.js";
import { sessionName } from "./checks.js";
import { hasConversation } from "./conversation.js";
import { startAgentPane } from "./spawn.js";

/** An agent's conversation id goes into argv: it must look like one (a registry or hook file is hostile). */
const RESUME_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** How long a resumed agent gets to show it is running (an agent's first frame comes within about 1 s). */
const STARTED_WAIT_MS = 15_000;

export async function resumeSession(core: Core, session: string, actor: Actor): Promise<ResumeOutcome> {
  const no = ownerRule(actor, "resume sessions");
  if (no) return refusedWith("not_owner", no);
  const name = sessionName(session);
  const rec = (await core.registry.read()).sessions[name];
  if (!rec) return refusedWith("not_found", { why: "no_session", session: name });
  // Wingman did not start it and cannot start it again in a pane it does not own.
  if (rec.adopted)
    return refusedWith("refused", { why: "adopted", session: name, op: "resume", target: rec.adopted.target });
  const [view] = await core.refresh(name);
  if (view && view.state !== "exited")
    return refusedWith("wrong_state", { why: "still_running", session: name, state: view.state });
  const id = rec.agentSessionId;
  if (!id || !hasConversation(rec)) return refusedWith("wrong_state", { why: "no_conversation", session: name });
  if (!RESUME_ID.test(id))
    return refusedWith("wrong_state", { why: "bad_conversation_id", session: name, id: id.slice(0, 80) });
  if (!rec.host) {
    // Another machine's folder is checked there: tmux refuses to start in a folder that is gone.
    const folder = await stat(rec.workdir).catch(() => null);
    if (!folder?.isDirectory()) {
      const w = rec.worktree;
      return refusedWith("wrong_state", {
        why: "folder_gone",
        session: name,
        workdir: rec.workdir,
        ...(w ? { worktree: { path: w.path, branch: w.branch, repo: w.repo } } : {}),
      });
    }
  }

  const agent = core.agentOf(rec);
  const host = core.fleet.get(rec.host);
  const deadPane = await host.panes.hasSession(name);
  const info = await startAgentPane(core, {
    name,
    workdir: rec.workdir,
    agentId: rec.agent,
    host,
    deadPane,
    resumeId: id,
    ...(rec.model !== undefined ? { model: rec.model } : {}),
  });
  const now = new Date().toISOString();
  await core.registry.update((d) => {
    const r = d.sessions[name];
    if (!r) return;
    Object.assign(r, {
      paneId: info.paneId,
      panePid: info.pid,
      resumedAt: now,
      lastActivityAt: now,
      hook: agent.initialState() as Record<string, unknown>,
      pending: null,
      lastState: "starting",
      lastStateAt: now,
    });
    for (const k of [
      "endedAt",
      "endReason",
      "stateReason",
      "resumeCommand",
      "resolvedSeq",
      "promptClosedAt",
      "answering",
      "queue",
      "screenHash",
    ] as const) {
      delete r[k];
    }
  });
  await core.journal.history({ session: name, event: "resumed", by: actor.id });
  // An agent that cannot continue the conversation exits at once: say so rather than report a resume.
  const after = await core.waitForState(name, (v) => v.state !== "starting" && v.state !== "unknown", STARTED_WAIT_MS);
  if (after?.state === "exited") {
    return refusedWith("failed", {
      why: "exited_at_once",
      session: name,
      reason: after.stateReason ?? null,
      detail: after.detail ?? null,
    });
  }
  const view2 = after ?? (await core.refresh(name))[0] ?? null;
  return done("resumed", { session: name, workdir: rec.workdir, resumeCommand: agent.resumeCommand(id), view: view2 });
}

/** Every exited session that has a conversation to resume; each outcome is reported, one failure stops none. */
export async function resumeAll(core: Core, actor: Actor): Promise<ResumeAllOutcome> {
  const no = ownerRule(actor, "resume sessions");
  if (no) return refusedWith("not_owner", no);
  const views = await core.refresh();
  const records = (await core.registry.read()).sessions;
  const candidates = views.filter(
    (v) => v.state === "exited" && records[v.name] && !records[v.name]!.adopted && hasConversation(records[v.name]!),
  );
  if (!candidates.length) return done("nothing_to_resume", {});
  const results: ResumeItem[] = [];
  const resumed: SessionView[] = [];
  for (const v of candidates) {
    let r: ResumeOutcome;
    try {
      r = await resumeSession(core, v.name, actor);
    } catch (e) {
      r = refusedWith(
        isWingmanError(e) ? e.code : "failed",
        isWingmanError(e) && e.facts ? e.facts : { why: "error", text: errorMessage(e) },
      );
    }
    if (r.ok) {
      results.push({ session: v.name, ok: true, workdir: r.facts.workdir, resumeCommand: r.facts.resumeCommand });
      if (r.facts.view) resumed.push(r.facts.view);
    } else results.push({ session: v.name, ok: false, error: r.error, facts: r.facts });
  }
  if (results.every((x) => !x.ok)) return refusedWith("failed", { why: "all_failed", results });
  return done("resumed_all", { results, views: resumed });
}
