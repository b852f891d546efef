// Bringing an exited session back: the agent starts again in the same tmux session name and folder with
// its own resume flag, so the conversation goes on; the record (history, approvals, prompts) is kept.
import { stat } from "node:fs/promises";
import { errorMessage, notFound, WingmanError } from "../../api/errors.js";
import type { Actor, Outcome, SessionView } from "../../api/types.js";
import { mayAct } from "../approvals/authorize.js";
import type { Core } from "../context.js";
import { quote } from "../store/names.js";
import { sessionName } from "./checks.js";
import { hasConversation } from "./conversation.js";
import { startAgentPane } from "./spawn.js";

/** An agent's conversation id goes into argv: it must look like one (a registry or hook file is hostile). */
const RESUME_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** How long a resumed agent gets to show it is running (an agent's first frame comes within about 1 s). */
const STARTED_WAIT_MS = 15_000;

const wrongState = (message: string) => new WingmanError("wrong_state", message);

export async function resumeSession(core: Core, session: string, actor: Actor): Promise<Outcome<SessionView>> {
  mayAct(actor, "resume sessions");
  const name = sessionName(session);
  const rec = (await core.registry.read()).sessions[name];
  if (!rec) throw notFound(`no session ${name}: \`wingman status\` lists sessions`);
  const [view] = await core.refresh(name);
  if (view && view.state !== "exited") {
    throw wrongState(`${name} is still running (${view.state}): nothing to resume; \`wingman kill ${name}\` ends it`);
  }
  const id = rec.agentSessionId;
  if (!id || !hasConversation(rec)) throw wrongState(`${name} has no conversation to resume (no turn was recorded): start it again with spawn`);
  if (!RESUME_ID.test(id)) throw wrongState(`${name}'s recorded conversation id ${quote(id, 40)} is not one an agent writes; not resumed`);
  if (!rec.host) {
    // Another machine's folder is checked there: tmux refuses to start in a folder that is gone.
    const folder = await stat(rec.workdir).catch(() => null);
    if (!folder?.isDirectory()) {
      throw wrongState(rec.worktree ? `${name}'s worktree ${quote(rec.worktree.path, 80)} was removed; not resumed (its branch ${rec.worktree.branch} is kept: spawn ${name} ${rec.worktree.repo} checks it out again)` : `${name}'s folder ${quote(rec.workdir, 80)} is gone; not resumed`);
    }
  }

  const agent = core.agentOf(rec);
  const host = core.fleet.get(rec.host);
  const deadPane = await host.panes.hasSession(name);
  const info = await startAgentPane(core, { name, workdir: rec.workdir, agentId: rec.agent, host, deadPane, resumeId: id });
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
    for (const k of ["endedAt", "endReason", "stateReason", "resumeCommand", "resolvedSeq", "promptClosedAt", "answering", "queuedPrompt", "screenHash"] as const) {
      delete r[k];
    }
  });
  await core.journal.history({ session: name, event: "resumed", by: actor.id });
  // An agent that cannot continue the conversation exits at once: say so rather than report a resume.
  const after = await core.waitForState(name, (v) => v.state !== "starting" && v.state !== "unknown", STARTED_WAIT_MS);
  if (after?.state === "exited") {
    throw new WingmanError("failed", `${name} was started again but its agent exited at once (${after.stateReason ?? "no reason given"}): ${after.detail || "see `wingman output`"}`.trim());
  }
  return { ok: true, message: `▶ ${name} resumed in ${rec.workdir} (${agent.resumeCommand(id)})`, data: after ?? (await core.refresh(name))[0] };
}

/** Every exited session that has a conversation to resume; each outcome is reported, one failure stops none. */
export async function resumeAll(core: Core, actor: Actor): Promise<Outcome<SessionView[]>> {
  mayAct(actor, "resume sessions");
  const views = await core.refresh();
  const records = (await core.registry.read()).sessions;
  const candidates = views.filter((v) => v.state === "exited" && records[v.name] && hasConversation(records[v.name]!));
  if (!candidates.length) return { ok: true, message: "nothing to resume: no exited session has a conversation to continue", data: [] };
  const lines: string[] = [];
  const resumed: SessionView[] = [];
  let failures = 0;
  for (const v of candidates) {
    try {
      const r = await resumeSession(core, v.name, actor);
      lines.push(r.message);
      if (r.data) resumed.push(r.data);
    } catch (e) {
      failures++;
      lines.push(`✗ ${v.name}: ${errorMessage(e)}`);
    }
  }
  if (failures === candidates.length) throw new WingmanError("failed", lines.join("\n"));
  return { ok: true, message: lines.join("\n"), data: resumed };
}
