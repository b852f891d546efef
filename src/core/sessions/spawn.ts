// Starting a session: check the name, the folder and the agent's program, start the agent in its own pane
// on Wingman's tmux server with none of Wingman's handles in its environment, record it, then answer a
// configured trust prompt and deliver the first prompt once the agent is ready.
import { realpath, stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { errorMessage, refusal } from "../../api/errors.js";
import { done, refusedWith, type SpawnNotes, type SpawnOutcome } from "../../api/outcomes.js";
import type { Actor, PaneStatus } from "../../api/types.js";
import { checkFirstScreen, inWorktreeOf, undoWorktree, worktreeFor } from "./spawn-worktree.js";
import { MODEL_MAX, MODEL_NAME, type SpawnRequest } from "../../api/wingman-api.js";
import { agentById, agentIds } from "../../agents/index.js";
import { agentSettings, expandHome } from "../../config.js";
import { ownerRule } from "../approvals/authorize.js";
import type { Core } from "../context.js";
import type { SessionHost } from "../fleet.js";
import { checkText, noControlChars, sessionName } from "./checks.js";
import { autoTrust, autoTrusted } from "./auto-trust.js";
import { launchThroughFile } from "./launcher.js";
import { holdSpawnIfSpent } from "../usage/hold-spawn.js";
import { findControlChar } from "./text.js";

/**
 * What the agent must never see: Wingman's own variables (they name the state dir, the tmux socket and the
 * config: a handle on Wingman) and tmux's (TMUX names the socket: `tmux send-keys Enter` from a command the
 * agent runs would answer its own next dialog). tmux sets TMUX and TMUX_PANE in every pane itself and a
 * pane inherits the server's environment, so the launcher removes these right before the agent runs.
 */
export { globMatch } from "./auto-trust.js";

export const AGENT_UNSET = ["TMUX", "TMUX_PANE", "WINGMAN_STATE_DIR", "WINGMAN_TMUX_SOCKET", "WINGMAN_CONFIG"] as const;

export async function spawnSession(core: Core, asked: SpawnRequest, actor: Actor): Promise<SpawnOutcome> {
  const no = ownerRule(actor, "start sessions");
  if (no) return refusedWith("not_owner", no);
  const name = sessionName(asked.session);
  if (!asked.workdir?.trim()) return refusedWith("usage", { why: "needs_folder" });
  const prompt = asked.prompt === undefined ? undefined : checkText(asked.prompt);
  const agentId = asked.agent ?? core.config.defaultAgent;
  const known = agentById(agentId);
  if (!known) return refusedWith("usage", { why: "unknown_agent", agent: agentId.slice(0, 40), known: agentIds() });
  if (asked.model !== undefined) {
    if (!isModelName(asked.model)) return refusedWith("usage", { why: "bad_model", model: asked.model.slice(0, 80) });
    if (!known.modelArgs) return refusedWith("usage", { why: "model_unsupported", agent: known.label });
  }
  const hostName = asked.host ?? null;
  const host = core.fleet.get(hostName);
  const workdir =
    hostName === null ? await checkWorkdir(core, asked.workdir) : await checkRemoteWorkdir(host, asked.workdir);

  const existing = (await core.registry.read()).sessions[name];
  // An adopted session's name stays its own until it is released (its pane is on another server).
  if (existing?.adopted)
    return refusedWith("refused", { why: "name_known", session: name, state: existing.lastState ?? null });
  // Names are unique across the fleet: a live session of this name elsewhere is never shadowed.
  if (existing && (existing.host ?? null) !== hostName && existing.lastState !== "exited") {
    return refusedWith("refused", { why: "name_taken", session: name, by: "host", host: existing.host ?? null });
  }
  const panes = await host.panes.listPanes();
  const pane = panes.find((p) => p.session === name);
  if (existing && pane && !pane.dead) {
    if (existing.agent !== agentId && asked.agent !== undefined) {
      return refusedWith("refused", {
        why: "name_taken",
        session: name,
        by: "agent",
        agent: core.agentOf(existing).label,
        wanted: core.agentOf({ agent: agentId }).label,
      });
    }
    if (existing.workdir !== workdir && !inWorktreeOf(existing.worktree, workdir)) {
      return refusedWith("refused", {
        why: "name_taken",
        session: name,
        by: "folder",
        workdir: existing.workdir,
        wanted: workdir,
      });
    }
    if (prompt) return core.send(name, prompt, {}, actor);
    const [view] = await core.refresh(name);
    return done("already_running", { session: name, workdir, view: view ?? null });
  }
  if (pane && !pane.dead && !existing) return refusedWith("refused", { why: "name_taken", session: name, by: "tmux" });
  // Past the day's budget a new start is held as a prompt of its own (usage/budget.ts); a tool cannot confirm.
  const held = await holdSpawnIfSpent(core, name, { ...asked, workdir }, actor);
  if (held) return held;
  const agent = core.agentOf({ agent: agentId });
  const wt = await worktreeFor(core, host, name, asked, workdir);
  const agentDir = wt.kind === "worktree" ? wt.workdir : workdir;
  let info: PaneStatus;
  try {
    info = await startAgentPane(core, {
      name,
      workdir: agentDir,
      agentId,
      host,
      deadPane: !!pane,
      ...(asked.model !== undefined ? { model: asked.model } : {}),
    });
  } catch (e) {
    if (wt.kind === "worktree" && wt.created) await undoWorktree(host, wt.info, wt.madeBranch);
    throw e;
  }
  const now = new Date().toISOString();
  await core.registry.update((d) => {
    d.sessions[name] = {
      name,
      workdir: agentDir,
      worktree: wt.kind === "worktree" ? wt.info : null,
      agent: agentId,
      ...(asked.model !== undefined ? { model: asked.model } : {}),
      host: hostName,
      createdAt: now,
      createdBy: actor.id,
      lastActivityAt: now,
      paneId: info.paneId,
      panePid: info.pid,
      prompts: [],
      hook: agent.initialState() as Record<string, unknown>,
      pending: null,
      approvals: 0,
      autoApproved: 0,
    };
  });
  await core.journal.history({ session: name, event: "spawned", workdir: agentDir, by: actor.id });

  const notes: SpawnNotes = {};
  await checkFirstScreen(
    core,
    name,
    host,
    wt.kind === "worktree" && wt.created ? { info: wt.info, madeBranch: wt.madeBranch } : null,
  );
  if (wt.kind === "worktree") {
    const { path, branch, base, repo } = wt.info;
    notes.worktree = {
      path,
      branch,
      base,
      repo,
      made: !wt.created ? "reused" : wt.madeBranch ? "new" : "branch_again",
      mainChanges: wt.mainChanges,
    };
  }
  // A worktree is trusted only where its main checkout would be.
  if (autoTrusted(core, workdir)) {
    const trust = await autoTrust(core, name);
    if (trust) notes.trust = trust;
  }
  if (prompt) notes.prompt = await deliverFirstPrompt(core, name, prompt, actor);
  const [view] = await core.refresh(name);
  return done("started", { session: name, workdir: agentDir, agent: agent.label, notes, view: view ?? null });
}

/**
 * Start the agent in a fresh pane named `name` (a dead pane of that name is replaced), with fresh signal
 * files; `resumeId` continues that conversation of the agent's. Shared by spawn and resume.
 */
export async function startAgentPane(
  core: Core,
  o: {
    name: string;
    workdir: string;
    agentId: string;
    host: SessionHost;
    deadPane: boolean;
    resumeId?: string;
    /** The model chosen at spawn (checked there, and by the registry's validation on resume). */
    model?: string;
  },
): Promise<PaneStatus> {
  const { name, workdir, host } = o;
  const agent = core.agentOf({ agent: o.agentId });
  const settings = agentSettings(core.config, o.agentId, host.name);
  await checkAgentCommand(host, settings.command, agent.label, agent.installHint);
  if (o.deadPane) await host.panes.killSession(name); // a dead pane left by remain-on-exit

  await host.files.resetSignals(name);
  await host.files.writeFiles(agent.setupFiles(host.files.agentDir));
  // Another machine's agent gets that host's configured variables, never this machine's environment.
  const env = host.name === null ? agentEnv(core.env) : { ...(core.config.hosts[host.name]?.env ?? {}) };
  const plan = agent.launch({
    session: name,
    settings,
    signalsDir: host.files.signalsDir(name),
    agentDir: host.files.agentDir,
    env,
    ...(o.resumeId ? { resumeId: o.resumeId } : {}),
  });
  // The model flag goes right after the program, before any subcommand the agent's argv may hold.
  let argv = plan.argv;
  if (o.model !== undefined) {
    if (!agent.modelArgs || !isModelName(o.model))
      throw refusal("usage", { why: "model_unsupported", agent: agent.label });
    argv = [argv[0]!, ...agent.modelArgs(o.model), ...argv.slice(1)];
  }
  // The environment goes through a 0600 file and the shipped launcher, never onto a command line (launcher.ts).
  const launch = launchThroughFile({
    agentDir: host.files.agentDir,
    session: name,
    argv,
    env: plan.env,
    unset: [...AGENT_UNSET, ...(plan.unset ?? [])],
    local: host.name === null,
  });
  await host.files.writeFiles(launch.files);
  try {
    return await host.panes.newSession({
      name,
      workdir,
      argv: launch.argv,
      width: core.config.paneWidth,
      height: core.config.paneHeight,
    });
  } catch (e) {
    if (/duplicate session/i.test(errorMessage(e)))
      throw refusal("refused", { why: "name_taken", session: name, by: "race" });
    throw e;
  }
}

/** Wingman's environment for the agent, less Wingman's own variables and tmux's. */
function agentEnv(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    if (k.startsWith("WINGMAN_") || k === "TMUX" || k === "TMUX_PANE") continue;
    out[k] = v;
  }
  return out;
}

export async function checkWorkdir(core: Core, dir: string): Promise<string> {
  noControlChars(dir, "folder");
  const expanded = expandHome(dir.trim(), core.env.HOME || undefined);
  const abs = isAbsolute(expanded) ? expanded : resolve(expanded);
  const st = await stat(abs).catch(() => null);
  if (!st) throw refusal("refused", { why: "no_folder", folder: dir.slice(0, 200), host: null });
  if (!st.isDirectory()) throw refusal("refused", { why: "not_a_folder", folder: dir.slice(0, 200) });
  const real = await realpath(abs);
  noControlChars(real, "folder"); // a symlink can lead to a name the typed path did not show
  // The agent works in its folder: that must not be Wingman's own state (socket, registry, events).
  const state = await realpath(core.stateDir).catch(() => core.stateDir);
  if (real === state || real.startsWith(`${state}/`)) {
    throw refusal("refused", { why: "state_folder", folder: dir.slice(0, 200) });
  }
  return real;
}

/** A folder on another machine: absolute or `~/…`, no control characters, and a folder there. */
async function checkRemoteWorkdir(host: SessionHost, dir: string): Promise<string> {
  noControlChars(dir, "folder");
  const d = dir.trim();
  if (!d.startsWith("/") && d !== "~" && !d.startsWith("~/"))
    throw refusal("usage", { why: "folder_not_absolute", folder: d.slice(0, 200), host: host.name ?? "" });
  const real = await host.files.realFolder(d);
  if (!real) throw refusal("refused", { why: "no_folder", folder: d.slice(0, 200), host: host.name });
  noControlChars(real, "folder");
  return real;
}

/** Fail early, with what to do, when the agent's program cannot be found. */
async function checkAgentCommand(host: SessionHost, cmd: string, label: string, installHint: string): Promise<void> {
  // A CMD with `=` reads as an assignment to env and to shells (and no real program is named so): refused.
  if (cmd.includes("=") || findControlChar(cmd))
    throw refusal("refused", { why: "bad_command", agent: label, command: cmd.slice(0, 200) });
  if (await host.files.hasProgram(cmd)) return;
  throw refusal("unavailable", {
    why: "no_program",
    agent: label,
    command: cmd.slice(0, 200),
    onPath: !cmd.includes("/"),
    host: host.name,
    hint: installHint,
  });
}

/** Send the first prompt once the agent is ready; if a dialog stands first, keep it for later. */
async function deliverFirstPrompt(
  core: Core,
  name: string,
  text: string,
  actor: Actor,
): Promise<NonNullable<SpawnNotes["prompt"]>> {
  const view = await core.waitForState(name, (v) => v.state !== "starting" && v.state !== "unknown", 30_000);
  if (view && (view.state === "idle" || view.state === "error")) {
    const r = await core.send(name, text, {}, actor);
    return r.ok ? { status: "sent" } : { status: "not_sent", refusal: r.facts };
  }
  await core.registry.update((d) => {
    const rec = d.sessions[name];
    // The first prompt is item 0 of the session's queue: before any follow-up queued meanwhile.
    if (rec) rec.queue = [{ text, by: actor.id, at: new Date().toISOString() }, ...(rec.queue ?? [])];
  });
  if (view?.pending) return { status: "kept_for_dialog", pending: view.pending, state: view.state };
  return { status: "kept", state: view?.state ?? null };
}

/** A model name Wingman passes to an agent's argv (api/wingman-api.ts: MODEL_NAME). */
export function isModelName(model: string): boolean {
  return typeof model === "string" && model.length <= MODEL_MAX && MODEL_NAME.test(model);
}
