// Adopting a running agent a person started by hand in their own tmux (docs/adopt.md): list the panes whose
// foreground program is a known agent, register one under a name, and let go of it again. An adopted
// session is read from its screen alone (no hooks can be given to a running agent), answered with the same
// id, fingerprint and risk checks as any other, and never killed: the pane and its tmux session stay the
// person's. Only this machine, this wave.
import { realpath } from "node:fs/promises";
import type { Agent } from "../../agents/agent.js";
import { AGENTS } from "../../agents/index.js";
import { type AdoptablePane, type AdoptOutcome, done, type ReleaseOutcome, refusedWith } from "../../api/outcomes.js";
import { redactSecrets } from "../../api/redact.js";
import type { Actor } from "../../api/types.js";
import type { WorktreeInfo } from "../../api/workspaces.js";
import { Git } from "../../workspaces/git.js";
import { foregroundCommands, listUserPanes, socketWord, type UserPane, userSocketPath } from "../../hosts/index.js";
import { ownerRule } from "../approvals/authorize.js";
import type { Core } from "../context.js";
import type { SessionRecord } from "../store/registry.js";
import { noControlChars, sessionName } from "./checks.js";

/** A target as `adopt` prints it: `[socket:]session:window.pane`, read from the right (a socket path may hold `:`). */
const TARGET = /^(?:(.+):)?([^:]+):(\d+)\.(\d+)$/s;

export interface ParsedTarget {
  /** The socket as written (`default`, a `-L` name, a path), or undefined for the default server. */
  socket?: string;
  /** `session:window.pane` on that server. */
  place: string;
}

/** Read a target from the right, keeping its case; null when it is not one. */
export function parseTarget(target: string): ParsedTarget | null {
  const m = TARGET.exec(target);
  if (!m) return null;
  const [, socket, session, window, pane] = m;
  return { ...(socket ? { socket } : {}), place: `${session}:${Number(window)}.${Number(pane)}` };
}

/** Which known agent, if any, runs in the foreground of a pane; else what runs there. */
async function agentInPane(pane: UserPane): Promise<{ agent: Agent } | { saw: string }> {
  const commands = pane.dead ? [] : await foregroundCommands(pane.pid);
  for (const argv of commands) {
    const agent = AGENTS.find((a) => a.matchesProcess?.(argv));
    if (agent) return { agent };
  }
  // What was seen, for the refusal: the foreground command line, redacted and cut (it may carry a token).
  const first = commands[0];
  const saw = pane.dead ? "nothing (the pane is dead)" : first ? first.join(" ") : pane.currentCommand || "?";
  return { saw: redactSecrets(saw).slice(0, 120) };
}

/** The adopted record of a pane, if one is live. */
function adopterOf(records: Record<string, SessionRecord>, socket: string, paneId: string): string | null {
  const r = Object.values(records).find(
    (s) => s.adopted?.socket === socket && s.adopted.paneId === paneId && s.lastState !== "exited",
  );
  return r?.name ?? null;
}

/** `adopt` with no target: the panes of one of the person's tmux servers that run a known agent. */
export async function listAdoptable(core: Core, socket: string | undefined, actor: Actor): Promise<AdoptOutcome> {
  const no = ownerRule(actor, "adopt sessions");
  if (no) return refusedWith("not_owner", no);
  if (socket !== undefined) noControlChars(socket, "folder");
  const path = userSocketPath(socket, core.env);
  if (path === core.ownSocket) return refusedWith("refused", { why: "own_socket", socket: path });
  const word = socketWord(path, core.env);
  const records = (await core.registry.read()).sessions;
  const panes: AdoptablePane[] = [];
  let others = 0;
  for (const p of await listUserPanes(path)) {
    const found = await agentInPane(p);
    if (!("agent" in found)) {
      others++;
      continue;
    }
    panes.push({
      target: `${word}:${p.place}`,
      agent: found.agent.id,
      label: found.agent.label,
      workdir: p.currentPath,
      adoptedAs: adopterOf(records, path, p.paneId),
    });
  }
  return done("adoptable", { socket: word, panes, others });
}

/** `adopt TARGET NAME`: register the pane's agent as session NAME, read from its screen alone. */
export async function adoptPane(core: Core, target: string, session: string, actor: Actor): Promise<AdoptOutcome> {
  const no = ownerRule(actor, "adopt sessions");
  if (no) return refusedWith("not_owner", no);
  const name = sessionName(session);
  noControlChars(target, "folder");
  const parsed = parseTarget(target);
  if (!parsed) return refusedWith("usage", { why: "bad_target", target: target.slice(0, 120) });
  const socket = userSocketPath(parsed.socket, core.env);
  if (socket === core.ownSocket) return refusedWith("refused", { why: "own_socket", socket });
  const shown = `${socketWord(socket, core.env)}:${parsed.place}`;
  const pane = (await listUserPanes(socket)).find((p) => p.place === parsed.place);
  if (!pane) return refusedWith("not_found", { why: "no_pane", target: shown, socket });
  const found = await agentInPane(pane);
  if (!("agent" in found))
    return refusedWith("refused", {
      why: "not_an_agent",
      target: shown,
      saw: found.saw,
      known: AGENTS.filter((a) => a.matchesProcess).map((a) => a.id),
    });
  const agent = found.agent;
  const workdir = await realpath(pane.currentPath).catch(() => pane.currentPath);
  const since = await gitSince(core, workdir);

  const now = new Date().toISOString();
  const refused = await core.registry.update((d) => {
    const existing = d.sessions[name];
    // A name is never taken over from a live session, nor from one whose worktree still holds work.
    if (existing && (existing.lastState !== "exited" || existing.worktree))
      return refusedWith("refused", { why: "name_known", session: name, state: existing.lastState ?? null });
    const by = adopterOf(d.sessions, socket, pane.paneId);
    if (by) return refusedWith("refused", { why: "already_adopted", target: shown, session: by });
    d.sessions[name] = {
      name,
      workdir,
      agent: agent.id,
      host: null,
      createdAt: now,
      createdBy: actor.id,
      lastActivityAt: now,
      paneId: pane.paneId,
      panePid: pane.pid,
      prompts: [],
      hook: agent.initialState() as Record<string, unknown>,
      pending: null,
      approvals: 0,
      autoApproved: 0,
      worktree: null,
      adopted: { socket, paneId: pane.paneId, target: shown, ...(since ? { since } : {}) },
    };
    return null;
  });
  if (refused) return refused;
  // No signal program writes for it: an old folder of that name must not be read as its signals.
  await core.files.removeSignals(name).catch(() => {});
  await core.journal.history({ session: name, event: "adopted", workdir, by: actor.id, detail: shown });
  const [view] = await core.refresh(name);
  return done("adopted", { session: name, target: shown, agent: agent.label, workdir, view: view ?? null });
}

/**
 * Where `changes` reads an adopted session from: the repository's top, its branch and the commit it was at
 * when adopted (so the agent's commits since then and what is uncommitted show); null outside a repository
 * or on a detached HEAD. Wingman's own git argv, never a shell (workspaces/git.ts).
 */
async function gitSince(core: Core, workdir: string): Promise<WorktreeInfo | null> {
  const git = new Git(core.files.run, workdir);
  const top = await git.line(["rev-parse", "--show-toplevel"]);
  if (!top) return null;
  const [branch, commit] = await Promise.all([git.at(top).currentBranch(), git.at(top).commitOf("HEAD")]);
  if (!branch || !commit) return null;
  return { repo: top, path: top, branch, base: commit, baseCommit: commit };
}

/** `release NAME`: forget an adopted session; its pane runs on, untouched. */
export async function releaseSession(core: Core, session: string, actor: Actor): Promise<ReleaseOutcome> {
  const no = ownerRule(actor, "release sessions");
  if (no) return refusedWith("not_owner", no);
  const name = sessionName(session);
  const rec = (await core.registry.read()).sessions[name];
  if (!rec) return refusedWith("not_found", { why: "no_session", session: name });
  if (!rec.adopted) return refusedWith("wrong_state", { why: "not_adopted", session: name });
  const running = await core.fleet
    .forRecord(rec)
    .panes.hasSession(name)
    .catch(() => false);
  const target = rec.adopted.target;
  await core.registry.update((d) => {
    if (d.sessions[name]?.adopted) delete d.sessions[name];
  });
  await core.files.removeSignals(name).catch(() => {});
  core.screens.delete(name);
  await core.journal.history({ session: name, event: "released", by: actor.id, detail: target });
  return done("unadopted", { session: name, target, running });
}
