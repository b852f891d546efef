// Starting a session: check the name, the folder and the agent's program, start the agent in its own pane
// on Wingman's tmux server with none of Wingman's handles in its environment, record it, then answer a
// configured trust prompt and deliver the first prompt once the agent is ready.
import { realpath, stat } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { errorMessage, refused, unavailable, usage } from "../../api/errors.js";
import type { Actor, Outcome, PaneStatus, SessionView } from "../../api/types.js";
import type { SpawnRequest } from "../../api/wingman-api.js";
import { agentById, agentIds } from "../../agents/index.js";
import { agentSettings, expandHome } from "../../config.js";
import { mayAct } from "../approvals/authorize.js";
import { type Core, SYSTEM } from "../context.js";
import type { SessionHost } from "../fleet.js";
import { quote } from "../store/names.js";
import { checkText, noControlChars, sessionName } from "./checks.js";
import { launchThroughFile } from "./launcher.js";
import { findControlChar } from "./text.js";
import { replyHint } from "./view.js";

/**
 * What the agent must never see: Wingman's own variables (they name the state dir, the tmux socket and the
 * config: a handle on Wingman) and tmux's (TMUX names the socket: `tmux send-keys Enter` from a command the
 * agent runs would answer its own next dialog). tmux sets TMUX and TMUX_PANE in every pane itself and a
 * pane inherits the server's environment, so the launcher removes these right before the agent runs.
 */
export const AGENT_UNSET = ["TMUX", "TMUX_PANE", "WINGMAN_STATE_DIR", "WINGMAN_TMUX_SOCKET", "WINGMAN_CONFIG"] as const;

export async function spawnSession(core: Core, asked: SpawnRequest, actor: Actor): Promise<Outcome<SessionView>> {
  mayAct(actor, "start sessions");
  const name = sessionName(asked.session);
  if (!asked.workdir?.trim()) throw usage("spawn needs a folder: spawn NAME DIR [TEXT]");
  const prompt = asked.prompt === undefined ? undefined : checkText(asked.prompt);
  const agentId = asked.agent ?? core.config.defaultAgent;
  if (!agentById(agentId)) {
    throw usage(`unknown agent ${quote(agentId.slice(0, 40))}: Wingman runs ${agentIds().join(", ")}`);
  }
  const hostName = asked.host ?? null;
  const host = core.fleet.get(hostName);
  const workdir = hostName === null ? await checkWorkdir(core, asked.workdir) : await checkRemoteWorkdir(host, asked.workdir);

  const existing = (await core.registry.read()).sessions[name];
  // Names are unique across the fleet: a live session of this name elsewhere is never shadowed.
  if (existing && (existing.host ?? null) !== hostName && existing.lastState !== "exited") {
    throw refused(`session ${name} already runs on ${whereIs(existing.host)}: pick another name, or kill ${name} first`);
  }
  const panes = await host.panes.listPanes();
  const pane = panes.find((p) => p.session === name);
  if (existing && pane && !pane.dead) {
    if (existing.agent !== agentId && asked.agent !== undefined) {
      throw refused(`session ${name} already runs ${core.agentOf(existing).label}, not ${core.agentOf({ agent: agentId }).label}: pick another name, or kill ${name} first`);
    }
    if (existing.workdir !== workdir) {
      throw refused(`session ${name} already runs in ${existing.workdir}, not ${workdir}: pick another name, or kill ${name} first`);
    }
    if (prompt) return core.send(name, prompt, {}, actor);
    const [view] = await core.refresh(name);
    return { ok: true, message: `${name} is already running in ${workdir}`, data: view };
  }
  if (pane && !pane.dead && !existing) {
    throw refused(`a tmux session named ${name} already exists on Wingman's socket: kill ${name} first`);
  }
  const agent = core.agentOf({ agent: agentId });
  const info = await startAgentPane(core, { name, workdir, agentId, host, deadPane: !!pane });
  const now = new Date().toISOString();
  await core.registry.update((d) => {
    d.sessions[name] = {
      name,
      workdir,
      agent: agentId,
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
  await core.journal.history({ session: name, event: "spawned", workdir, by: actor.id });

  let note = "";
  if (autoTrusted(core, workdir)) note = await autoTrust(core, name);
  if (prompt) note += await deliverFirstPrompt(core, name, prompt, actor);
  const [view] = await core.refresh(name);
  return { ok: true, message: `✅ ${name} started in ${workdir}${note}`, data: view };
}

/**
 * Start the agent in a fresh pane named `name` (a dead pane of that name is replaced), with fresh signal
 * files; `resumeId` continues that conversation of the agent's. Shared by spawn and resume.
 */
export async function startAgentPane(
  core: Core,
  o: { name: string; workdir: string; agentId: string; host: SessionHost; deadPane: boolean; resumeId?: string },
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
  // The environment goes through a 0600 file and the shipped launcher, never onto a command line (launcher.ts).
  const launch = launchThroughFile({ agentDir: host.files.agentDir, session: name, argv: plan.argv, env: plan.env, unset: AGENT_UNSET, local: host.name === null });
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
    if (/duplicate session/i.test(errorMessage(e))) throw refused(`session ${name} was just started by someone else`);
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
  if (!st) throw refused(`folder ${quote(dir, 80)} does not exist`);
  if (!st.isDirectory()) throw refused(`${quote(dir, 80)} is not a folder`);
  const real = await realpath(abs);
  noControlChars(real, "folder"); // a symlink can lead to a name the typed path did not show
  // The agent works in its folder: that must not be Wingman's own state (socket, registry, events).
  const state = await realpath(core.stateDir).catch(() => core.stateDir);
  if (real === state || real.startsWith(`${state}/`)) {
    throw refused(`folder ${quote(dir, 80)} is inside Wingman's state dir: pick the project's own folder`);
  }
  return real;
}

/** A folder on another machine: absolute or `~/…`, no control characters, and a folder there. */
async function checkRemoteWorkdir(host: SessionHost, dir: string): Promise<string> {
  noControlChars(dir, "folder");
  const d = dir.trim();
  if (!d.startsWith("/") && d !== "~" && !d.startsWith("~/")) throw usage(`a folder on ${host.name} must be absolute or start with ~/: ${quote(d, 80)}`);
  const real = await host.files.realFolder(d);
  if (!real) throw refused(`folder ${quote(d, 80)} does not exist on ${host.name}`);
  noControlChars(real, "folder");
  return real;
}

function whereIs(host: string | null | undefined): string {
  return host ? `host ${host}` : "this machine";
}

/** Fail early, with what to do, when the agent's program cannot be found. */
async function checkAgentCommand(host: SessionHost, cmd: string, label: string, installHint: string): Promise<void> {
  // A CMD with `=` reads as an assignment to env and to shells (and no real program is named so): refused.
  if (cmd.includes("=") || findControlChar(cmd)) throw refused(`the ${label} command ${quote(cmd)} may not contain "=" or control characters`);
  if (await host.files.hasProgram(cmd)) return;
  throw unavailable(`${label} (${quote(cmd)}) was not found${cmd.includes("/") ? "" : " on PATH"}${host.name ? ` on ${host.name}` : ""}: ${installHint}`);
}

function autoTrusted(core: Core, workdir: string): boolean {
  return core.config.autoTrust.some((g) => globMatch(resolve(expandHome(g, core.env.HOME || undefined)), workdir));
}

/** A configured folder: answer the trust prompt by its text, as `trust` would, and say so. */
async function autoTrust(core: Core, name: string): Promise<string> {
  const view = await core.waitForState(name, (v) => v.state !== "starting" && v.state !== "unknown", 20_000);
  if (view?.state !== "trust_prompt" || !view.pending) return "";
  const r = await core.respond({ session: name, action: "trust", id: view.pending.id }, SYSTEM);
  return r.ok ? " · folder trusted (autoTrust)" : ` · autoTrust failed: ${r.message}`;
}

/** Send the first prompt once the agent is ready; if a dialog stands first, keep it for later. */
async function deliverFirstPrompt(core: Core, name: string, text: string, actor: Actor): Promise<string> {
  const view = await core.waitForState(name, (v) => v.state !== "starting" && v.state !== "unknown", 30_000);
  if (view && (view.state === "idle" || view.state === "error")) {
    const r = await core.send(name, text, {}, actor);
    return r.ok ? " · prompt sent" : ` · prompt not sent: ${r.message}`;
  }
  await core.registry.update((d) => {
    const rec = d.sessions[name];
    if (rec) rec.queuedPrompt = { text, by: actor.id };
  });
  if (view?.pending) {
    return ` · the prompt will be sent once this is answered: ${view.pending.question || view.state} (${replyHint(name, view.pending)})`;
  }
  return ` · the prompt is kept and will be sent when ${name} is ready (now: ${view?.state ?? "unknown"})`;
}

/** Minimal glob for autoTrust: `*` within a path segment, `**` across segments. */
export function globMatch(glob: string, path: string): boolean {
  const re = glob
    .split("**")
    .map((part) => part.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*"))
    .join(".*");
  return new RegExp(`^${re}/?$`).test(path);
}
