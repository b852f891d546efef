// The Wingman core: one object that implements WingmanApi for every front door. It owns the registry
// and the tmux controller; everything Claude-Code-specific comes from the agent adapter.
import { access, constants, realpath, rm, stat } from "node:fs/promises";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { claudeCode } from "../agents/claude-code/index.js";
import { expandHome, resolveStateDir, type WingmanConfig } from "../config.js";
import { cleanOutput } from "../format/output.js";
import { type PaneInfo, paneTarget, TmuxController } from "../hosts/local-tmux.js";
import type { AuditEntry, HistoryEntry, SendOptions, SessionSummary, SpawnRequest, WingmanApi } from "../api/wingman-api.js";
import { errorMessage, isWingmanError, notFound, refused, unavailable, usage, WingmanError } from "../api/errors.js";
import { ensurePrivateDir, withFileLock } from "./store/files.js";
import { Journal } from "./store/journal.js";
import { assertValidName, isValidName, quote } from "./store/names.js";
import { type Logger, silentLogger } from "../api/notify.js";
import { publicPending, reconcilePending, type StoredPending } from "./approvals/pending.js";
import { parseTestProgress } from "./sessions/progress.js";
import { redactPrompt, redactSecrets } from "./sessions/redact.js";
import { type RegistryData, Registry, type SessionRecord } from "./store/registry.js";
import { respondTo } from "./approvals/respond.js";
import { agentText, codePointName, findControlChar } from "./sessions/text.js";
import type { Actor, Outcome, PendingPrompt, RespondRequest, ScreenReading, SessionView } from "../api/types.js";

export interface WingmanOptions {
  config: WingmanConfig;
  /** Resolved state dir; when absent it is resolved from config/env (contract.md "Where state lives"). */
  stateDir?: string;
  /** The host's own state dir, when running inside a host. */
  hostStateDir?: string;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

export interface Wingman extends WingmanApi {
  readonly stateDir: string;
  readonly tmux: TmuxController;
  readonly config: WingmanConfig;
  /** Names of sessions Wingman knows (for plain-text claiming). */
  knownSessions(): Promise<Set<string>>;
  /** Ids of prompts pending now (for plain-text claiming). */
  knownPromptIds(): Promise<Set<string>>;
  /** Re-read sessions; `only` limits to one session; `panes` reuses a list-panes result. */
  refresh(only?: string, opts?: RefreshOptions): Promise<SessionView[]>;
  readRegistry(): Promise<RegistryData>;
  updateRegistry<T>(fn: (d: RegistryData) => T | Promise<T>): Promise<T>;
}

export interface RefreshOptions {
  /** A list-panes result to reuse (null: tmux did not answer). */
  panes?: PaneInfo[] | null;
  /** Skip capturing this session's screen (nothing changed); `cached` supplies the last reading. */
  skipCapture?: (name: string) => boolean;
  cached?: (name: string) => ScreenReading | undefined;
  /** Called with each fresh reading (the monitor keeps them for skipped captures). */
  onReading?: (name: string, reading: ScreenReading) => void;
}

export function createWingman(opts: WingmanOptions): Wingman {
  return new WingmanCore(opts);
}

const MAX_TEXT = 8000;
/** How long after Wingman starts pressing keys a dialog's closing counts as Wingman's answer. */
const ANSWER_MARK_MS = 15_000;
const SYSTEM: Actor = { id: "wingman", channel: "system", authorized: true };

export class WingmanCore implements Wingman {
  readonly stateDir: string;
  readonly config: WingmanConfig;
  readonly tmux: TmuxController;
  readonly registry: Registry;
  readonly journal: Journal;
  readonly logger: Logger;
  readonly env: NodeJS.ProcessEnv;
  readonly agent = claudeCode;

  constructor(opts: WingmanOptions) {
    this.env = opts.env ?? process.env;
    this.config = opts.config;
    this.logger = opts.logger ?? silentLogger;
    this.stateDir =
      opts.stateDir ?? resolveStateDir({ configStateDir: opts.config.stateDir, hostStateDir: opts.hostStateDir }, this.env);
    this.tmux = new TmuxController(this.config.tmuxSocket ?? join(this.stateDir, "tmux.sock"));
    this.registry = new Registry(this.stateDir, this.logger);
    this.journal = new Journal(this.stateDir);
  }

  readRegistry() {
    return this.registry.read();
  }

  updateRegistry<T>(fn: (d: RegistryData) => T | Promise<T>) {
    return this.registry.update(fn);
  }

  // ---------------------------------------------------------------- spawn

  async spawn(asked: SpawnRequest, actor: Actor): Promise<Outcome<SessionView>> {
    let req = asked;
    return this.guard(async () => {
      mayAct(actor, "start sessions");
      const name = assertValidNameRefused(req.session);
      if (!req.workdir?.trim()) throw usage("spawn needs a folder: spawn NAME DIR [TEXT]");
      if (req.prompt !== undefined) req = { ...req, prompt: checkText(req.prompt) };
      const workdir = await this.checkWorkdir(req.workdir);

      const existing = (await this.registry.read()).sessions[name];
      const panes = await this.tmux.listPanes();
      const pane = panes.find((p) => p.session === name);
      if (existing && pane && !pane.dead) {
        if (existing.workdir !== workdir) {
          throw refused(
            `session ${name} already runs in ${existing.workdir}, not ${workdir}: pick another name, or kill ${name} first`,
          );
        }
        if (req.prompt) return this.send(name, req.prompt, {}, actor);
        const [view] = await this.refresh(name);
        return { ok: true, message: `${name} is already running in ${workdir}`, data: view };
      }
      if (pane && !pane.dead && !existing) {
        throw refused(`a tmux session named ${name} already exists on Wingman's socket: kill ${name} first`);
      }
      await this.checkAgentCommand();
      if (pane) await this.tmux.killSession(name); // a dead pane left by remain-on-exit

      const eventsDir = this.agent.eventsDir(this.stateDir, name);
      await ensurePrivateDir(this.stateDir);
      await rm(eventsDir, { recursive: true, force: true });
      await ensurePrivateDir(eventsDir);
      const settingsFile = await this.agent.writeHookSettings(this.stateDir);
      const plan = this.agent.launchPlan({ config: this.config, session: name, settingsFile, eventsDir, env: this.env });
      let info: PaneInfo;
      try {
        info = await this.tmux.newSession({
          name,
          workdir,
          argv: plan.argv,
          env: plan.env,
          width: this.config.paneWidth,
          height: this.config.paneHeight,
        });
      } catch (e) {
        if (/duplicate session/i.test(errorMessage(e))) throw refused(`session ${name} was just started by someone else`);
        throw e;
      }
      const now = new Date().toISOString();
      await this.registry.update((d) => {
        d.sessions[name] = {
          name,
          workdir,
          agent: "claude-code",
          createdAt: now,
          createdBy: actor.id,
          lastActivityAt: now,
          paneId: info.paneId,
          panePid: info.pid,
          prompts: [],
          hook: {},
          pending: null,
          approvals: 0,
          autoApproved: 0,
        };
      });
      await this.journal.history({ session: name, event: "spawned", workdir, by: actor.id });

      let note = "";
      if (this.autoTrusted(workdir)) note = await this.autoTrust(name);
      if (req.prompt) note += await this.deliverFirstPrompt(name, req.prompt, actor);
      const [view] = await this.refresh(name);
      return { ok: true, message: `✅ ${name} started in ${workdir}${note}`, data: view };
    });
  }

  private async checkWorkdir(dir: string): Promise<string> {
    const home = this.env.HOME;
    noControlChars(dir, "folder");
    const expanded = expandHome(dir.trim(), home || undefined);
    const abs = isAbsolute(expanded) ? expanded : resolve(expanded);
    const st = await stat(abs).catch(() => null);
    if (!st) throw refused(`folder ${quote(dir, 80)} does not exist`);
    if (!st.isDirectory()) throw refused(`${quote(dir, 80)} is not a folder`);
    const real = await realpath(abs);
    noControlChars(real, "folder"); // a symlink can lead to a name the typed path did not show
    // The agent works in its folder: that must not be Wingman's own state (socket, registry, events).
    const state = await realpath(this.stateDir).catch(() => this.stateDir);
    if (real === state || real.startsWith(`${state}/`)) {
      throw refused(`folder ${quote(dir, 80)} is inside Wingman's state dir: pick the project's own folder`);
    }
    return real;
  }

  /** Fail early, with what to do, when the agent program cannot be found. */
  private async checkAgentCommand(): Promise<void> {
    const cmd = this.config.claude.command;
    // The agent is started as `env -u … -- CMD …`: a CMD with `=` would be read by env as a variable.
    if (cmd.includes("=") || findControlChar(cmd)) throw refused(`the Claude Code command ${quote(cmd)} may not contain "=" or control characters`);
    const candidates = cmd.includes("/")
      ? [resolve(expandHome(cmd))]
      : (this.env.PATH ?? "").split(delimiter).filter(Boolean).map((d) => join(d, cmd));
    for (const c of candidates) {
      if (await access(c, constants.X_OK).then(() => true, () => false)) return;
    }
    throw unavailable(
      `Claude Code (${quote(cmd)}) was not found${cmd.includes("/") ? "" : " on PATH"}: install it (npm i -g @anthropic-ai/claude-code) or set WINGMAN_CLAUDE_COMMAND`,
    );
  }

  private autoTrusted(workdir: string): boolean {
    return this.config.autoTrust.some((g) => globMatch(resolve(expandHome(g, this.env.HOME || undefined)), workdir));
  }

  /** A configured folder: answer the trust prompt by its text, as `trust` would, and say so. */
  private async autoTrust(name: string): Promise<string> {
    const view = await this.waitForState(name, (v) => v.state !== "starting" && v.state !== "unknown", 20_000);
    if (view?.state !== "trust_prompt" || !view.pending) return "";
    const r = await this.respond({ session: name, action: "trust", id: view.pending.id }, SYSTEM);
    return r.ok ? " · folder trusted (autoTrust)" : ` · autoTrust failed: ${r.message}`;
  }

  /** Send the first prompt once the agent is ready; if a dialog stands first, keep it for later. */
  private async deliverFirstPrompt(name: string, text: string, actor: Actor): Promise<string> {
    const view = await this.waitForState(name, (v) => v.state !== "starting" && v.state !== "unknown", 30_000);
    if (view && (view.state === "idle" || view.state === "error")) {
      const r = await this.send(name, text, {}, actor);
      return r.ok ? " · prompt sent" : ` · prompt not sent: ${r.message}`;
    }
    await this.registry.update((d) => {
      const rec = d.sessions[name];
      if (rec) rec.queuedPrompt = { text, by: actor.id };
    });
    if (view?.pending) {
      return ` · the prompt will be sent once this is answered: ${view.pending.question || view.state} (${replyHint(name, view.pending)})`;
    }
    return ` · the prompt is kept and will be sent when ${name} is ready (now: ${view?.state ?? "unknown"})`;
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

  // ---------------------------------------------------------------- send

  async send(session: string, text: string, opts: SendOptions, actor: Actor): Promise<Outcome<SessionView>> {
    return this.guard(async () => {
      mayAct(actor, "send prompts to sessions");
      const name = assertValidNameRefused(session);
      text = checkText(text);
      if (!text.trim()) throw usage("nothing to send: tell NAME TEXT");
      return this.withSessionLock(name, async () => {
        const [view] = await this.refresh(name);
        if (!view) throw notFound(`no session ${name}: \`wingman status\` lists sessions`);
        const why = sendRefusal(view, !!opts.force);
        if (why) throw refused(why);
        const r = await this.agent.submitPrompt(this.paneIO(name), this.agent.classify, text);
        await this.registry.update((d) => {
          const rec = d.sessions[name];
          if (!rec) return;
          rec.prompts.push({ at: new Date().toISOString(), text, by: actor.id });
          rec.lastActivityAt = new Date().toISOString();
        });
        await this.journal.history({ session: name, event: "prompt", detail: text.slice(0, 200), by: actor.id });
        const [after] = await this.refresh(name);
        if (!r.ok) {
          const what = r.reading.prompt || r.reading.permissionPending ? "a dialog opened" : "the text is still in the input box";
          return { ok: false, error: "failed", message: `typed into ${name} but not confirmed submitted (${what}); check with \`wingman output ${name}\``, data: after };
        }
        return { ok: true, message: `✓ sent to ${name}`, data: after };
      });
    });
  }

  // ---------------------------------------------------------------- status & refresh

  async status(session?: string): Promise<SessionView[]> {
    if (session !== undefined) {
      const name = assertValidNameRefused(session);
      const views = await this.refresh(name);
      if (!views.length) throw notFound(`no session ${name}: \`wingman status\` lists sessions`);
      return views;
    }
    return this.refresh();
  }

  async refresh(only?: string, opts: RefreshOptions = {}): Promise<SessionView[]> {
    let panes: PaneInfo[] | null = opts.panes ?? null;
    if (opts.panes === undefined) {
      try {
        panes = await this.tmux.listPanes();
      } catch (e) {
        if (isWingmanError(e) && e.code === "unavailable") throw e;
        this.logger.warn(`tmux did not answer: ${errorMessage(e)}`);
        panes = null;
      }
    }
    const byName = new Map((panes ?? []).map((p) => [p.session, p]));
    const snapshot = await this.registry.read();
    const names = new Set(only ? [only] : Object.keys(snapshot.sessions));
    // Re-adopt live panes the registry does not know (a lost or corrupt registry): they are ours.
    const adopt = only ? [] : [...byName.keys()].filter((n) => !snapshot.sessions[n] && isValidName(n));
    for (const n of adopt) names.add(n);

    // Capture outside the registry lock: tmux calls are the slow part.
    const readings = new Map<string, ScreenReading>();
    await Promise.all(
      [...names].map(async (n) => {
        const pane = byName.get(n);
        if (!pane) return;
        const cached = opts.skipCapture?.(n) ? opts.cached?.(n) : undefined;
        if (cached) {
          readings.set(n, cached);
          return;
        }
        try {
          const reading = this.agent.classify(await this.tmux.capture(paneTarget(n)));
          readings.set(n, reading);
          opts.onReading?.(n, reading);
        } catch (e) {
          this.logger.warn(`could not read ${n}: ${errorMessage(e)}`);
        }
      }),
    );

    const now = new Date();
    const transitions: HistoryEntry[] = [];
    const closedElsewhere: AuditEntry[] = [];
    const prune: Array<[string, string]> = [];
    const views = await this.registry.update(async (d) => {
      for (const n of adopt) {
        const p = byName.get(n)!;
        if (d.sessions[n]) continue;
        d.sessions[n] = {
          name: n,
          workdir: p.currentPath || "",
          agent: "claude-code",
          createdAt: now.toISOString(),
          lastActivityAt: now.toISOString(),
          paneId: p.paneId,
          panePid: p.pid,
          prompts: [],
          hook: {},
          pending: null,
          approvals: 0,
          autoApproved: 0,
        };
        this.logger.info(`re-adopted live session ${n}`);
      }
      const used = new Set(d.usedIds);
      const out: SessionView[] = [];
      for (const n of names) {
        const rec = d.sessions[n];
        if (!rec) continue;
        const view = await this.refreshRecord(rec, byName.get(n) ?? null, readings.get(n) ?? null, panes !== null, used, now, transitions, closedElsewhere);
        if (rec.hook.cursor) prune.push([n, rec.hook.cursor]);
        if (this.expired(rec, now)) {
          delete d.sessions[n];
          continue;
        }
        out.push(view);
      }
      d.usedIds = [...used];
      return out;
    });
    for (const [n, cursor] of prune) await this.agent.pruneEvents(this.agent.eventsDir(this.stateDir, n), cursor);
    for (const t of transitions) await this.journal.history(t);
    for (const a of closedElsewhere) await this.journal.audit(a);
    return views.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /**
   * A drawn dialog left the screen. If Wingman was not pressing keys for it, it was answered at the
   * keyboard (attach) or by something else with access to the pane: the owner should be able to see that,
   * so it goes into the audit as `closed_elsewhere`. A session that exited took its dialog with it.
   */
  private noteClosed(rec: SessionRecord, stored: StoredPending, state: string, now: Date, out: AuditEntry[]): void {
    if (stored.optionsPending || state === "exited") return;
    const mine = rec.answering?.id === stored.id && now.getTime() - Date.parse(rec.answering.at) < ANSWER_MARK_MS;
    if (mine) return;
    out.push({
      at: now.toISOString(),
      actor: "unknown",
      channel: "tmux",
      session: rec.name,
      action: "closed",
      promptId: stored.id,
      fingerprint: stored.fingerprint,
      outcome: "closed_elsewhere",
      message: `${rec.name} ${stored.id}: the dialog (${redactSecrets(stored.tool ?? stored.kind)}${stored.detail ? ` ${redactSecrets(stored.detail).slice(0, 80)}` : ""}) closed without an answer from Wingman`,
    });
  }

  private expired(rec: SessionRecord, now: Date): boolean {
    if (!rec.endedAt) return false;
    return now.getTime() - Date.parse(rec.endedAt) > this.config.retentionHours * 3600_000;
  }

  /** Fold new hook events, fuse with the screen, name the pending prompt; mutates `rec`. */
  private async refreshRecord(
    rec: SessionRecord,
    pane: PaneInfo | null,
    reading: ScreenReading | null,
    tmuxAnswered: boolean,
    used: Set<string>,
    now: Date,
    transitions: HistoryEntry[],
    closedElsewhere: AuditEntry[] = [],
  ): Promise<SessionView> {
    const events = await this.agent.readNewEvents(this.agent.eventsDir(this.stateDir, rec.name), rec.hook.cursor);
    const fx = this.agent.foldEvents(rec.hook, events);
    if (fx.agentSessionId) rec.agentSessionId = fx.agentSessionId;
    if (fx.transcriptPath) rec.transcriptPath = fx.transcriptPath;
    if (fx.lastMessage) rec.lastMessage = fx.lastMessage;
    for (const out of fx.toolOutputs) {
      const tests = parseTestProgress(out);
      if (tests) rec.progress = { tests };
    }
    if (events.length) rec.lastActivityAt = events[events.length - 1]!.at;
    if (pane && pane.activity > 0) {
      const act = new Date(pane.activity * 1000).toISOString();
      if (act > rec.lastActivityAt) rec.lastActivityAt = act;
    }

    // A tmux server that did not answer tells nothing: keep the last known state rather than "exited".
    const fused =
      !tmuxAnswered && !pane
        ? { state: rec.lastState ?? "unknown", detail: "tmux did not answer", prompt: null, stateReason: rec.stateReason }
        : this.agent.fuse({
            pane,
            reading,
            hook: rec.hook,
            resolvedSeq: rec.resolvedSeq,
            promptClosedAt: rec.pending && !reading?.prompt && !reading?.permissionPending ? now.toISOString() : rec.promptClosedAt,
            createdAt: rec.createdAt,
            now,
          });

    const stored = rec.pending as StoredPending | null;
    const { pending } = reconcilePending({
      stored,
      seen: fused.prompt,
      hookSeq: "hookSeq" in fused ? fused.hookSeq : undefined,
      usedIds: used,
      workdir: rec.workdir,
      now,
    });
    if (pending && !pending.optionsPending && !pending.drawnAt) pending.drawnAt = now.toISOString();
    // A hook-born prompt that is gone without PostToolUse was denied or dismissed: do not revive it.
    if (stored?.hookSeq && (!pending || pending.id !== stored.id)) rec.resolvedSeq = Math.max(rec.resolvedSeq ?? 0, stored.hookSeq);
    if (stored && !pending) rec.promptClosedAt = now.toISOString();
    if (stored && (!pending || pending.id !== stored.id)) this.noteClosed(rec, stored, fused.state, now, closedElsewhere);
    rec.pending = pending;

    if (fused.state !== rec.lastState) {
      if (fused.state === "exited" && !rec.endedAt) {
        rec.endedAt = now.toISOString();
        rec.endReason = fused.stateReason;
        transitions.push({ at: rec.endedAt, session: rec.name, event: "exited", detail: fused.stateReason });
      } else if (fused.state === "error") {
        transitions.push({ at: now.toISOString(), session: rec.name, event: "error", detail: fused.stateReason });
      }
      if (fused.state !== "exited") {
        rec.endedAt = undefined;
        rec.endReason = undefined;
      }
      rec.lastState = fused.state;
      rec.lastStateAt = now.toISOString();
    }
    rec.stateReason = fused.stateReason;
    if ("resumeCommand" in fused && fused.resumeCommand) rec.resumeCommand = fused.resumeCommand;
    else if (rec.agentSessionId && !rec.resumeCommand && fused.state === "exited") {
      rec.resumeCommand = `claude --resume ${rec.agentSessionId}`;
    }
    return viewOf(rec, fused.detail);
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
      if (actor.channel === "whatsapp" && actor.authorized) d.lastOwner = actor.id;
    });
  }

  // ---------------------------------------------------------------- respond

  async respond(req: RespondRequest, actor: Actor): Promise<Outcome<{ pending?: PendingPrompt | null }>> {
    return this.guard(async () => {
      const name = assertValidNameRefused(req.session);
      return this.withSessionLock(name, () => respondTo(this, req, actor));
    });
  }

  /** Send a queued first prompt after its blocking dialog (trust) was answered. */
  async deliverQueued(name: string): Promise<string> {
    const rec = (await this.registry.read()).sessions[name];
    const queued = rec?.queuedPrompt;
    if (!queued) return "";
    const view = await this.waitForState(name, (v) => v.state !== "starting" && v.state !== "unknown" && v.state !== "working", 20_000);
    if (!view || (view.state !== "idle" && view.state !== "error")) return "";
    await this.registry.update((d) => {
      const r = d.sessions[name];
      if (r) r.queuedPrompt = undefined;
    });
    const r = await this.sendUnlocked(name, queued.text, queued.by);
    return r ? " · queued prompt sent" : " · queued prompt not confirmed submitted";
  }

  /** Type and submit (the caller holds the session lock and has checked the state). */
  async sendUnlocked(name: string, text: string, by?: string): Promise<boolean> {
    const r = await this.agent.submitPrompt(this.paneIO(name), this.agent.classify, text);
    await this.registry.update((d) => {
      d.sessions[name]?.prompts.push({ at: new Date().toISOString(), text, by });
    });
    await this.journal.history({ session: name, event: "prompt", detail: text.slice(0, 200), by });
    return r.ok;
  }

  paneIO(name: string) {
    const target = paneTarget(name);
    return {
      capture: () => this.tmux.capture(target),
      keys: (...k: string[]) => this.tmux.sendKeys(target, ...k),
      type: (t: string) => this.tmux.typeText(target, t),
    };
  }

  // ---------------------------------------------------------------- output, kill, history, audit

  async output(session: string, lines = 40): Promise<Outcome<string>> {
    return this.guard(async () => {
      const name = assertValidNameRefused(session);
      if (!Number.isInteger(lines) || lines < 1 || lines > 2000) throw usage("LINES must be a whole number from 1 to 2000");
      const rec = (await this.registry.read()).sessions[name];
      if (!rec) throw notFound(`no session ${name}: \`wingman status\` lists sessions`);
      const alive = await this.tmux.hasSession(name);
      if (!alive) throw refused(`${name} has no screen any more (it exited); \`wingman history\` shows what happened`);
      const text = await this.tmux.capture(paneTarget(name), { history: Math.max(lines * 3, 200) });
      // Redact the whole capture, then cut: a key whose BEGIN line is above the window is still a key.
      const cleaned = cleanOutput(redactSecrets(text), lines);
      return { ok: true, message: cleaned, data: cleaned };
    });
  }

  async kill(session: string, actor: Actor): Promise<Outcome> {
    return this.guard(async () => {
      mayAct(actor, "kill sessions");
      const name = assertValidNameRefused(session);
      // The tmux kill happens inside the locked registry update: a registry that cannot be locked or read
      // stops it before anything is killed; one that cannot be written afterwards is reported as such.
      const now = new Date().toISOString();
      let step = "registry" as "registry" | "tmux" | "killed";
      try {
        await this.registry.update(async (d) => {
          const r = d.sessions[name];
          step = "tmux";
          const killed = await this.tmux.killSession(name);
          if (killed) step = "killed";
          if (!r && !killed) throw notFound(`no session ${name}: \`wingman status\` lists sessions`);
          if (!r) return;
          r.endedAt ??= now;
          r.endReason = `killed by ${actor.id}`;
          r.lastState = "exited";
          r.pending = null;
        });
      } catch (e) {
        if (step === "killed") throw new WingmanError("failed", `killed the tmux session ${name} but could not record it: ${errorMessage(e)}`);
        if (step === "registry") throw new WingmanError("failed", `${name} not killed: the registry could not be updated: ${errorMessage(e)}`);
        throw e;
      }
      await rm(this.agent.eventsDir(this.stateDir, name), { recursive: true, force: true });
      await this.journal.history({ session: name, event: "killed", by: actor.id });
      return { ok: true, message: `⏹ ${name} killed` };
    });
  }

  async history(limit = 20): Promise<{ entries: HistoryEntry[]; sessions: SessionSummary[] }> {
    const reg = await this.registry.read();
    return { entries: await this.journal.readHistory(limit * 5), sessions: await this.journal.summaries(reg, limit) };
  }

  async audit(limit = 50): Promise<AuditEntry[]> {
    return this.journal.readAudit(limit);
  }

  // ---------------------------------------------------------------- helpers

  /** One answer or prompt at a time per session, across processes (CLI and monitor). */
  withSessionLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const dir = join(this.stateDir, "locks");
    return ensurePrivateDir(dir).then(() => withFileLock(join(dir, `${name}.lock`), fn, { timeoutMs: 20_000, staleMs: 60_000 }));
  }

  /** Turn thrown WingmanErrors into refusals; anything else is a failure with its message. */
  private async guard<T>(fn: () => Promise<Outcome<T>>): Promise<Outcome<T>> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof WingmanError) return { ok: false, error: e.code, message: e.message };
      this.logger.error(errorMessage(e));
      return { ok: false, error: "failed", message: errorMessage(e) };
    }
  }
}

function assertValidNameRefused(name: string): string {
  try {
    return assertValidName(String(name ?? ""));
  } catch (e) {
    throw refused(errorMessage(e));
  }
}

/** Every door decides who is asking; the core still refuses to act for anyone a door did not establish as an owner. */
function mayAct(actor: Actor, what: string): void {
  if (!actor.authorized) throw new WingmanError("not_owner", `only the owner can ${what} (${actor.channel}:${actor.id} is not one)`);
}

/** The text rule (core/text.ts) and a length bound, for every text typed into an agent. */
function checkText(text: string): string {
  if (typeof text !== "string") throw usage("text must be a string");
  if (text.length > MAX_TEXT) throw refused(`text too long (${text.length} characters; at most ${MAX_TEXT})`);
  return agentText(text);
}

/** Names and folders are never allowed control characters (a line feed in a folder name forged records). */
function noControlChars(s: string, what: string): void {
  let position = 0;
  for (const ch of s) {
    position++;
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
      throw new WingmanError("control_char", `${what} ${quote(s, 80)} contains a control character (${codePointName(cp)}) at position ${position}`);
    }
  }
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

export function replyHint(name: string, p: PendingPrompt): string {
  if (p.kind === "trust") return `reply: trust ${name}`;
  if (p.kind === "question") return `reply: answer ${name} ${p.id} CHOICE`;
  return `reply: approve ${name} ${p.id} · deny ${name} ${p.id}`;
}

export function viewOf(rec: SessionRecord, detail: string): SessionView {
  const last = rec.prompts[rec.prompts.length - 1];
  const running = rec.hook.runningTool;
  const view: SessionView = {
    name: rec.name,
    workdir: rec.workdir,
    agent: rec.agent,
    state: rec.lastState ?? "unknown",
    detail: detail ? redactSecrets(detail) : undefined,
    // Every text field of the prompt is redacted; id, fingerprint, risk, roles, numbers and order are kept, so
    // an answer chosen on this view picks the same row. The screen is checked against the stored prompt.
    pending: rec.pending ? redactPrompt(publicPending(rec.pending as StoredPending)!) : null,
    createdAt: rec.createdAt,
    lastActivityAt: rec.lastActivityAt,
  };
  if (rec.stateReason) view.stateReason = redactSecrets(rec.stateReason);
  if (rec.agentSessionId) view.agentSessionId = rec.agentSessionId;
  if (rec.resumeCommand) view.resumeCommand = redactSecrets(rec.resumeCommand);
  if (last) view.lastPrompt = redactSecrets(last.text);
  if (rec.lastMessage) view.lastMessage = redactSecrets(rec.lastMessage);
  if (running && view.state === "working") {
    const d = String(running.input.command ?? running.input.file_path ?? "");
    view.currentTool = redactSecrets(d ? `${running.tool}(${d})` : running.tool);
  }
  if (rec.progress) view.progress = rec.progress;
  if (rec.endedAt) view.endedAt = rec.endedAt;
  if (rec.createdBy) view.createdBy = rec.createdBy;
  if (rec.autoApproved) view.autoApproved = rec.autoApproved;
  return view;
}

/** Minimal glob for autoTrust: `*` within a path segment, `**` across segments. */
export function globMatch(glob: string, path: string): boolean {
  const re = glob
    .split("**")
    .map((part) => part.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]*"))
    .join(".*");
  return new RegExp(`^${re}/?$`).test(path);
}
