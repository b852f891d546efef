// Longer than 300 lines: the facade implements every operation of the core API in one place, each a few lines that
// hand over to sessions/, approvals/ and workspaces/.
// The Wingman core: one object that implements the core API (api/wingman-api.ts) for every front door.
// It holds what the parts share (state dir, config, registry, journal, the pane host, the agents) and
// hands itself to them as their Core (context.ts); the work is in sessions/, approvals/ and store/.
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Agent, PaneIO } from "../agents/agent.js";
import { agentById } from "../agents/index.js";
import { errorMessage, refusal, WingmanError } from "../api/errors.js";
import { type Logger, silentLogger } from "../api/notify.js";
import type {
  ActOutcome,
  AdoptOutcome,
  ReleaseOutcome,
  KillOutcome,
  OutputOutcome,
  QueueOutcome,
  Refused,
  RefusalFacts,
  RespondOutcome,
  ResumeAllOutcome,
  ResumeOutcome,
  SendOutcome,
  SpawnOutcome,
  UnqueueOutcome,
} from "../api/outcomes.js";
import type { Actor, HostReport, RespondRequest, ScreenReading, SessionView } from "../api/types.js";
import type {
  AuditEntry,
  HistoryEntry,
  RespondOptions,
  SendOptions,
  SessionSummary,
  SpawnRequest,
  WingmanApi,
} from "../api/wingman-api.js";
import { resolveStateDir, type WingmanConfig } from "../config.js";
import type { HostFiles } from "../hosts/host.js";
import { createLocalHost, createRemoteHost } from "../hosts/index.js";
import { hostsReport } from "./sessions/hosts-report.js";
import { adoptPane, listAdoptable, releaseSession } from "./sessions/adopt.js";
import { respondTo } from "./approvals/respond.js";
import type { Core, RefreshOptions } from "./context.js";
import { sessionName } from "./sessions/checks.js";
import { deliverQueued, sendToSession, sendUnlocked } from "./sessions/deliver.js";
import { killSession, outputOf, screenOf } from "./sessions/lifecycle.js";
import { dropQueue, listQueue, type QueueDelivery, typeNextQueued } from "./sessions/queue.js";
import { resumeAll, resumeSession } from "./sessions/resume.js";
import { refreshSessions } from "./sessions/refresh.js";
import { refreshUsage, takeTurnUsage, type UsageRefresh } from "./usage/refresh.js";
import { usageReport, withUsage } from "./usage/report.js";
import { budgetStand, heldOf } from "./usage/budget.js";
import { releaseHeld } from "./usage/release.js";
import { heldSpawnOf, releaseHeldSpawn } from "./usage/hold-spawn.js";
import type { TurnUsage, UsageReport } from "../api/usage.js";
import { spawnSession } from "./sessions/spawn.js";
import {
  killAndClean,
  mergeSessionBranch,
  prSessionBranch,
  sessionChanges,
  sessionDiff,
} from "./sessions/workspace.js";
import type {
  ChangesOutcome,
  CleanOutcome,
  DiffOutcome,
  MergeMode,
  MergeOutcome,
  PatchOutcome,
  PrOutcome,
} from "../api/workspaces.js";
import { ensurePrivateDir, withFileLock } from "./store/files.js";
import { Journal } from "./store/journal.js";
import { type AdoptedPaneRef, type RegistryData, Registry } from "./store/registry.js";
import { LocalFiles } from "./store/local-files.js";
import { Fleet, type RemoteHostFactory, type SessionHost } from "./fleet.js";

/** Doors whose actors cannot be notified (a terminal, the web page, the assistant, the gateway's own chat). */
const NO_REPLY_CHANNELS = new Set(["cli", "web", "assistant", "tool", "webchat"]);
export type { RefreshOptions } from "./context.js";

export interface WingmanOptions {
  config: WingmanConfig;
  /** Resolved state dir; when absent it is resolved from config/env (docs/configuration.md, "Where state lives"). */
  stateDir?: string;
  /** The host's own state dir, when running inside a host. */
  hostStateDir?: string;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
  /** How to reach a configured host (default: over SSH). */
  remoteHost?: RemoteHostFactory;
}

/** What the front doors get: the core API plus what the plain-text door and the monitor need to know. */
export interface Wingman extends WingmanApi {
  readonly stateDir: string;
  readonly config: WingmanConfig;
  /** Names of sessions Wingman knows (for plain-text claiming). */
  knownSessions(): Promise<Set<string>>;
  /** Ids of prompts pending now (for plain-text claiming). */
  knownPromptIds(): Promise<Set<string>>;
  /** Re-read sessions; `only` limits to one session; `panes` reuses a list-panes result. */
  refresh(only?: string, opts?: RefreshOptions): Promise<SessionView[]>;
  readRegistry(): Promise<RegistryData>;
  updateRegistry<T>(fn: (d: RegistryData) => T | Promise<T>): Promise<T>;
  /** The argv that attaches a terminal to a session (`wingman attach`), on whichever machine it runs. */
  attachArgv(session: string): Promise<string[]>;
  /** Each machine sessions may run on: reachable, tmux and agents' versions, sessions (`wingman hosts`). */
  hosts(): Promise<HostReport[]>;
  /** The visible screen with its colours as SGR escapes, redacted (the web page). */
  screen(session: string): Promise<OutputOutcome>;
  /** `adopt`: list a person's tmux panes that run an agent; with TARGET and NAME, adopt one (docs/adopt.md). */
  adopt(req: { target?: string; session?: string; socket?: string }, actor: Actor): Promise<AdoptOutcome>;
  /** `release NAME`: forget an adopted session and leave its pane running. */
  release(session: string, actor: Actor): Promise<ReleaseOutcome>;
  /** Read the agents' records from their cursors (docs/usage.md); the budget lines crossed. */
  refreshUsage(only?: string[]): Promise<UsageRefresh>;
  turnUsage(session: string): Promise<TurnUsage | null>;
  usage(session?: string): Promise<UsageReport>;
  /** Whether a budget is spent for this session (the auto-approver pauses for it). */
  overBudget(session: string): Promise<boolean>;
  /** The monitor's part of the queue: type the session's next follow-up if it is idle now (sessions/queue.ts). */
  typeQueued(session: string): Promise<QueueDelivery | null>;
}

export function createWingman(opts: WingmanOptions): WingmanCore {
  return new WingmanCore(opts);
}

export class WingmanCore implements Wingman, Core {
  readonly stateDir: string;
  readonly config: WingmanConfig;
  readonly panes: ReturnType<typeof createLocalHost>;
  readonly ownSocket: string;
  readonly files: HostFiles;
  readonly fleet: Fleet;
  readonly registry: Registry;
  readonly journal: Journal;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  readonly screens = new Map<string, { text: string; agent: string; reading: ScreenReading }>();

  constructor(opts: WingmanOptions) {
    this.env = opts.env ?? process.env;
    this.config = opts.config;
    this.logger = opts.logger ?? silentLogger;
    this.stateDir =
      opts.stateDir ??
      resolveStateDir({ configStateDir: opts.config.stateDir, hostStateDir: opts.hostStateDir }, this.env);
    this.ownSocket = resolve(this.config.tmuxSocket ?? join(this.stateDir, "tmux.sock"));
    this.panes = createLocalHost(this.ownSocket);
    this.files = new LocalFiles(this.stateDir, this.env);
    this.fleet = new Fleet(
      { name: null, panes: this.panes, files: this.files, machine: this.panes },
      this.config.hosts,
      join(this.stateDir, "ssh"),
      opts.remoteHost ?? createRemoteHost,
    );
    this.registry = new Registry(this.stateDir, this.logger);
    this.journal = new Journal(this.stateDir, { rotate: this.config.audit });
  }

  /** This machine's tmux controller (tests and benchmarks; the front doors never touch it). */
  get tmux() {
    return this.panes.tmux;
  }

  agentOf(rec: { agent: string }): Agent {
    const agent = agentById(rec.agent);
    if (!agent) throw new WingmanError("refused", `this Wingman does not know the agent ${JSON.stringify(rec.agent)}`);
    return agent;
  }

  readRegistry() {
    return this.registry.read();
  }

  updateRegistry<T>(fn: (d: RegistryData) => T | Promise<T>) {
    return this.registry.update(fn);
  }

  async attachArgv(session: string): Promise<string[]> {
    const host = await this.hostOf(sessionName(session));
    await host.remote?.ready();
    return host.panes.attachArgv(sessionName(session));
  }

  hosts(): Promise<HostReport[]> {
    return hostsReport(this);
  }

  // ---------------------------------------------------------------- the API, each a part's function

  spawn(req: SpawnRequest, actor: Actor): Promise<SpawnOutcome> {
    return this.guard(() => spawnSession(this, req, actor));
  }

  send(session: string, text: string, opts: SendOptions, actor: Actor): Promise<SendOutcome> {
    return this.guard(() => sendToSession(this, session, text, opts, actor));
  }

  async status(session?: string): Promise<SessionView[]> {
    if (session !== undefined) {
      const name = sessionName(session);
      const views = await this.refresh(name);
      if (!views.length) throw refusal("not_found", { why: "no_session", session: name });
      return withUsage(this, views);
    }
    return withUsage(this, await this.refresh());
  }

  /** Read every session's record from its cursor (the monitor, `usage`): totals, day sums, budget lines crossed. */
  refreshUsage(only?: string[]): Promise<UsageRefresh> {
    return refreshUsage(this, only);
  }

  /** The turn that just ended: its part of the session's usage (the monitor's "finished" line). */
  turnUsage(session: string): Promise<TurnUsage | null> {
    return takeTurnUsage(this, session);
  }

  async overBudget(session: string): Promise<boolean> {
    return (await budgetStand(this, session)).kind === "over";
  }

  /** `usage [NAME]`: the records read now, then the sums per session, per agent and per day. */
  async usage(session?: string): Promise<UsageReport> {
    const name = session === undefined ? undefined : sessionName(session);
    if (name !== undefined && !(await this.registry.read()).sessions[name])
      throw refusal("not_found", { why: "no_session", session: name });
    await refreshUsage(this, name === undefined ? undefined : [name]);
    return usageReport(this, name);
  }

  refresh(only?: string, opts: RefreshOptions = {}): Promise<SessionView[]> {
    return refreshSessions(this, only, opts);
  }

  respond(req: RespondRequest, actor: Actor, opts: RespondOptions = {}): Promise<RespondOutcome> {
    return this.guard(async () => {
      const name = sessionName(req.session);
      const held = heldOf((await this.registry.read()).sessions[name]);
      if (held && req.id === held.id) return releaseHeld(this, name, held, req, actor);
      const start = req.id ? await heldSpawnOf(this, name) : null;
      if (start && req.id === start.id) return releaseHeldSpawn(this, name, start, req, actor);
      return this.withSessionLock(name, () => respondTo(this, req, actor, opts));
    });
  }

  output(session: string, lines = 40): Promise<OutputOutcome> {
    return this.guard(() => outputOf(this, session, lines));
  }

  screen(session: string): Promise<OutputOutcome> {
    return this.guard(() => screenOf(this, session));
  }

  kill(session: string, actor: Actor): Promise<KillOutcome> {
    return this.guard(() => killSession(this, session, actor));
  }

  resume(session: string, actor: Actor): Promise<ResumeOutcome> {
    return this.guard(() => resumeSession(this, session, actor));
  }

  resumeAll(actor: Actor): Promise<ResumeAllOutcome> {
    return this.guard(() => resumeAll(this, actor));
  }

  adopt(req: { target?: string; session?: string; socket?: string }, actor: Actor): Promise<AdoptOutcome> {
    return this.guard(() =>
      req.target === undefined
        ? listAdoptable(this, req.socket, actor)
        : adoptPane(this, req.target, req.session ?? "", actor),
    );
  }

  release(session: string, actor: Actor): Promise<ReleaseOutcome> {
    return this.guard(() => releaseSession(this, session, actor));
  }

  changes(session: string, file?: string): Promise<ChangesOutcome | PatchOutcome> {
    return sessionChanges(this, session, file);
  }

  fullDiff(session: string): Promise<DiffOutcome> {
    return sessionDiff(this, session);
  }

  merge(
    session: string,
    opts: { mode?: MergeMode; commit: boolean; confirm: boolean },
    actor: Actor,
  ): Promise<MergeOutcome> {
    return mergeSessionBranch(this, session, opts, actor);
  }

  pr(session: string, opts: { title?: string; commit: boolean }, actor: Actor): Promise<PrOutcome> {
    return prSessionBranch(this, session, opts, actor);
  }

  killClean(session: string, confirm: boolean, actor: Actor): Promise<CleanOutcome> {
    return killAndClean(this, session, confirm, actor);
  }

  queue(session: string): Promise<QueueOutcome> {
    return this.guard(() => listQueue(this, session));
  }

  unqueue(session: string, actor: Actor): Promise<UnqueueOutcome> {
    return this.guard(() => dropQueue(this, session, actor));
  }

  typeQueued(session: string): Promise<QueueDelivery | null> {
    return typeNextQueued(this, session);
  }

  async history(limit = 20): Promise<{ entries: HistoryEntry[]; sessions: SessionSummary[] }> {
    const reg = await this.registry.read();
    return { entries: await this.journal.readHistory(limit * 5), sessions: await this.journal.summaries(reg, limit) };
  }

  async audit(limit = 50): Promise<AuditEntry[]> {
    return this.journal.readAudit(limit);
  }

  async knownSessions(): Promise<Set<string>> {
    return new Set(Object.keys((await this.registry.read()).sessions));
  }

  async knownPromptIds(): Promise<Set<string>> {
    const d = await this.registry.read();
    return new Set(
      Object.values(d.sessions)
        .map((s) => s.pending?.id)
        .filter((x): x is string => !!x),
    );
  }

  async markShown(actor: Actor, prompts: Array<{ session: string; id: string }>): Promise<void> {
    if (!prompts.length) return;
    await this.registry.update((d) => {
      d.shown[actor.id] ??= {};
      const mine = d.shown[actor.id]!;
      for (const p of prompts) mine[p.session] = p.id;
      // The owner who last wrote, on a channel Wingman can write back to (doors/host/targets.ts checks it again).
      if (actor.authorized && actor.id.startsWith(`${actor.channel}:`) && !NO_REPLY_CHANNELS.has(actor.channel))
        d.lastOwner = actor.id;
    });
  }

  // ---------------------------------------------------------------- what the parts share (Core)

  deliverQueued(name: string): Promise<"sent" | "not_submitted" | null> {
    return deliverQueued(this, name);
  }

  sendUnlocked(name: string, text: string, by?: string): Promise<boolean> {
    return sendUnlocked(this, name, text, by);
  }

  async waitForState(name: string, ok: (v: SessionView) => boolean, timeoutMs: number): Promise<SessionView | null> {
    const until = Date.now() + timeoutMs;
    let last: SessionView | null = null;
    while (Date.now() < until) {
      [last = null] = await this.refresh(name);
      if (!last || ok(last)) return last;
      await sleep(150);
    }
    return last;
  }

  /** The host a session runs on, from its record (this machine for a session Wingman does not know). */
  async hostOf(name: string): Promise<SessionHost> {
    const rec = (await this.registry.read()).sessions[name];
    return rec ? this.fleet.forRecord(rec) : this.fleet.local;
  }

  paneIO(
    name: string,
    where?: { host?: string | null; adopted?: AdoptedPaneRef; panePid?: number },
    opts: { escapes?: boolean } = {},
  ): PaneIO {
    // The host is looked up once per IO (an answer's keys all go to the pane the prompt was read on);
    // a caller that has just read the record hands it over, and nothing is read again.
    let host: Promise<SessionHost> | undefined =
      where === undefined ? undefined : Promise.resolve(this.fleet.forRecord({ name, ...where }));
    const on = async () => {
      host ??= this.hostOf(name);
      return host;
    };
    // Keys from Wingman start work the agent may not signal (an agent without prompt hooks says nothing until its
    // turn ends): a nudge beside the signal folders wakes a monitor watching them, which then looks at the screen.
    const nudge = async (h: SessionHost) => h.files.nudge?.(name).catch(() => {});
    return {
      capture: async () => (await on()).panes.capture(name, opts.escapes ? { escapes: true } : undefined),
      keys: async (...k: string[]) => {
        const h = await on();
        await h.panes.sendKeys(name, ...k);
        // Not awaited: the file write took 20-120 ms under load (bench/buttons.ts), time the key plan's next look
        // at the screen (is the dialog closed?) need not wait for; nudge() swallows its own errors.
        void nudge(h);
      },
      type: async (t: string) => (await on()).panes.typeText(name, t),
    };
  }

  /** One answer or prompt at a time per session, across processes (CLI and monitor). */
  withSessionLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const dir = join(this.stateDir, "locks");
    return ensurePrivateDir(dir).then(() =>
      withFileLock(join(dir, `${name}.lock`), fn, { timeoutMs: 20_000, staleMs: 60_000 }),
    );
  }

  /**
   * Where the core's operations end: a refusal a check threw deep down becomes the outcome it carries, once;
   * a failure from below (a host, the registry) keeps its own words as `error` facts.
   */
  private async guard<T extends ActOutcome>(fn: () => Promise<T>): Promise<T | Refused<RefusalFacts>> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof WingmanError)
        return { ok: false, error: e.code, facts: e.facts ?? { why: "error", text: e.message } };
      this.logger.error(errorMessage(e));
      return { ok: false, error: "failed", facts: { why: "error", text: errorMessage(e) } };
    }
  }
}
