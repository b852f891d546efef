// Longer than 300 lines: one class runs the monitor's loop and the edge rules that share its timers and memory;
// its other parts (lock, memory, session edges, reminders, outbox, host edges, auto-approve, quiet hours) are
// modules of their own.
// The monitor: turns session changes into notifications. Hook event files wake it at once (signal-watch.ts), and
// so do other machines' change streams (host-watch.ts);
// a fallback poll (one list-panes for all sessions, captures only where something changed or a screen-
// only state waits) covers the rest and slows down when nothing changes. The same class runs as the
// host's plugin service and as `wingman monitor`.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { agentById } from "../../agents/index.js";
import type { WingmanConfig } from "../../config.js";
import type { PaneHost, WatchOptions } from "../../hosts/host.js";
import { ensurePrivateDir } from "../store/files.js";
import type { ChangesSummary, Logger, Notification, Notifier } from "../../api/notify.js";
import type { ScreenReading, SessionView } from "../../api/types.js";
import type { TurnUsage } from "../../api/usage.js";
import { autoApprove } from "./auto-approve.js";
import { type EdgeClocks, sessionEdges } from "./edges.js";
import { EventsLog } from "./events-log.js";
import { FloodGate, type FloodLimits, heldPromptIds } from "./flood.js";
import { hostEdges } from "./host-edges.js";
import { HostWatches } from "./host-watch.js";
import { MonitorLock } from "./lock.js";
import { SignalWatch } from "./signal-watch.js";
import { type MonitorState, MonitorMemory } from "./memory.js";
import { Outbox } from "./outbox.js";
import { dueReminders } from "./reminders.js";
import type { MonitorCore } from "./core.js";

export type { MonitorCore } from "./core.js";
export { commandMatches, urlMatches } from "./auto-approve.js";
export { inQuietHours } from "./quiet-hours.js";

/** The text of a notification as it goes to a person: the front door's formatter (format/notify.ts). */
export type Describe = (n: Notification, view?: SessionView, views?: SessionView[]) => string;

export interface MonitorOptions {
  wingman: MonitorCore;
  describe: Describe;
  notifier: Notifier;
  config: WingmanConfig;
  logger: Logger;
  /** For tests: the clock. */
  now?: () => Date;
  /** Other machines' change streams (host-watch.ts); `false` polls them every 500 ms instead (benchmarks' baseline). */
  watch?: false | WatchOptions;
  /** For tests: the flood cap (default 6 per session and 20 in all per minute). */
  flood?: FloodLimits;
}

/** How often the monitor reads the agents' records for usage (each read costs a look at each file when nothing is new). */
const USAGE_EVERY_MS = 5000;
/**
 * After typing a queued follow-up, the next one waits until the session has been seen busy with it; if it never
 * is (a turn shorter than one look), this long after the typing.
 */
const QUEUE_NEXT_FALLBACK_MS = 5000;

/** The longest wait between looks while a session's changes wake nothing here (see `unsignalled`). */
const UNSIGNALLED_POLL_MS = 500;

/**
 * A session whose next change no file here will announce: it runs on another machine (its hooks write there),
 * or its agent is working and announces no dialog before drawing it.
 */
const unsignalled = (v: SessionView) =>
  v.host !== null || v.adopted === true || (v.state === "working" && agentById(v.agent)?.announcesPrompts === false);

export class Monitor {
  private readonly w: MonitorCore;
  private readonly describe: Describe;
  private readonly config: WingmanConfig;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly lock: MonitorLock;
  private readonly memory: MonitorMemory;
  private state: MonitorState = { notifiedIds: [], lastState: {}, reminders: {}, stalledNotified: {} };
  private timer: NodeJS.Timeout | null = null;
  private watcher: SignalWatch | null = null;
  private running = false;
  private ticking: Promise<void> | null = null;
  private again = false;
  private quietTicks = 0;
  private readonly lastActivity = new Map<string, number>();
  private lastViews: SessionView[] | null = null;
  private usageReadAt = 0;
  private lastPaneSet = "";
  private eventKick = false;
  /** Sessions a signal named since the last look, and those named at the look before (see `tick`). */
  private signalled = new Set<string>();
  private lookAgain = new Set<string>();
  private readonly lastReading = new Map<string, ScreenReading>();
  /** What this monitor has seen, on its own clock (edges.ts): first sightings, and whether a turn showed on screen. */
  private readonly clocks: EdgeClocks = {
    undrawnSeenAt: new Map(),
    idleSeenAt: new Map(),
    vagueExitSeenAt: new Map(),
    screenBusy: new Set(),
    idleActivity: new Map(),
  };
  private readonly outbox: Outbox;
  /** Session → when this monitor last typed one of its queued follow-ups, until it is seen busy with it. */
  private readonly typedAt = new Map<string, number>();
  /** Follow-ups being typed now, by session: typed beside the looks, never inside one (see `typeQueued`). */
  private readonly typing = new Map<string, Promise<void>>();
  /** An idle session still has follow-ups queued: the next tick reads the registry even if nothing changed. */
  private queueWaiting = false;
  /** Streams of other machines' changes; null when polling them only. */
  readonly watches: HostWatches | null;
  private readonly flood: FloodGate;
  /** Sessions created after this are new to this monitor: their first sighting is an edge, not a baseline. */
  private sinceMs: number;

  constructor(opts: MonitorOptions) {
    this.w = opts.wingman;
    this.describe = opts.describe;
    this.outbox = new Outbox(opts.notifier, opts.logger, new EventsLog(this.w.stateDir, opts.logger));
    this.flood = new FloodGate(opts.flood);
    this.config = opts.config;
    this.log = opts.logger;
    this.now = opts.now ?? (() => new Date());
    this.lock = new MonitorLock(join(this.w.stateDir, "monitor.lock"));
    this.memory = new MonitorMemory(join(this.w.stateDir, "monitor-state.json"));
    this.sinceMs = this.now().getTime();
    this.watches = opts.watch === false ? null : new HostWatches(this.w.fleet, () => this.kick(), opts.watch || {});
  }

  /** A session that must be looked at every 500 ms: no file here announces it, and no stream reports it. */
  private needsPoll(v: SessionView): boolean {
    return unsignalled(v) && !this.watches?.covers(v);
  }

  /** Takes the per-state-dir lock; resolves false (and does nothing) if another monitor holds it. */
  async start(): Promise<boolean> {
    if (this.running) return true;
    await ensurePrivateDir(this.w.stateDir);
    const holder = await this.lock.take();
    if (holder !== null) {
      this.log.warn(`another monitor (pid ${holder}) already watches ${this.w.stateDir}; this one stands by`);
      return false;
    }
    this.running = true;
    this.sinceMs = this.now().getTime();
    this.state = await this.memory.load();
    const events = join(this.w.stateDir, "events");
    await mkdir(events, { recursive: true, mode: 0o700 });
    try {
      this.watcher = new SignalWatch(
        events,
        (session) => {
          this.eventKick = true;
          if (session) this.signalled.add(session);
          this.kick();
        },
        (m) => this.log.warn(m),
      );
      this.watcher.start();
    } catch (e) {
      this.log.warn(`event watch unavailable, polling only: ${(e as Error).message}`);
    }
    this.kick();
    return true;
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.watcher?.close();
    this.watcher = null;
    await this.ticking?.catch(() => {});
    await Promise.all(this.typing.values());
    await this.watches?.close();
    await this.outbox.logged();
    await this.memory.save(this.state).catch(() => {});
    await this.lock.release();
  }

  /** Run a tick now (coalesced with one in progress). */
  kick(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.ticking = this.tick()
      .catch((e) => this.log.error(`monitor tick failed: ${(e as Error).message}`))
      .finally(() => {
        this.ticking = null;
        if (!this.running) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else this.schedule();
      });
  }

  private nextDelayMs = 0;
  private schedule(): void {
    const base = this.config.pollSeconds * 1000;
    // Slow down when nothing changes (up to 8x: hook events, and a new session's events folder, wake the
    // monitor at once anyway), but come back fast while a dialog may be drawn.
    let delay = this.nextDelayMs || Math.min(base * 2 ** Math.min(this.quietTicks, 3), base * 8);
    if (this.lastViews?.some((v) => this.needsPoll(v))) delay = Math.min(delay, UNSIGNALLED_POLL_MS);
    this.nextDelayMs = 0;
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref();
  }

  /** One pass: read panes once, refresh sessions (capturing only where needed), notify what changed. */
  async tick(): Promise<void> {
    let panes: Awaited<ReturnType<PaneHost["listPanes"]>> | null;
    try {
      panes = await this.w.panes.listPanes();
    } catch (e) {
      this.log.warn(`tmux did not answer: ${(e as Error).message}`);
      panes = null;
    }
    // Sessions on other machines whose stream reported a change since the last look.
    const changed = this.watches?.take(this.lastViews ?? []) ?? new Set<string>();
    for (const p of panes ?? []) {
      if (this.lastActivity.get(p.session) !== p.activity) changed.add(p.session);
      this.lastActivity.set(p.session, p.activity);
    }
    // A session a signal named is read on screen at this look and the next (the 300 ms one below): what the signal
    // announced (a dialog) is often drawn just after it, and tmux's activity clock counts whole seconds, so a
    // screen redrawn within the second of the last look does not show as changed. Without this, a look woken by
    // a PermissionRequest reused the idle screen it had, the next look was quiet, and the prompt waited for the
    // slow look (test/integration/monitor-wake.test.ts).
    const signalled = this.signalled;
    this.signalled = new Set();
    for (const n of [...signalled, ...this.lookAgain]) changed.add(n);
    this.lookAgain = signalled;
    const screenOnly = (n: string) => {
      const st = this.state.lastState[n];
      // States hooks do not report, or that need the screen to complete: always look.
      return (
        !st ||
        st === "starting" ||
        st === "unknown" ||
        st === "trust_prompt" ||
        st === "waiting_input" ||
        st === "waiting_approval" ||
        st === "working"
      );
    };
    // A quiet tick: no pane changed, no hook event came, the same panes exist, and nothing waits on a
    // screen-only state. Nothing can have changed, so neither screens nor the registry are read again.
    const paneSet = (panes ?? [])
      .map((p) => `${p.session}:${p.dead}`)
      .sort()
      .join(",");
    // Another machine's sessions are not in this pane list: any of them that no stream covers means a look every
    // tick; so does an adopted pane (on a person's own tmux server, with no hooks to announce anything).
    const remote = new Set(
      (this.lastViews ?? [])
        .filter((v) => (v.host !== null && !this.watches?.covers(v)) || (v.adopted === true && v.state !== "exited"))
        .map((v) => v.name),
    );
    const quiet =
      panes !== null &&
      !this.eventKick &&
      changed.size === 0 &&
      paneSet === this.lastPaneSet &&
      remote.size === 0 &&
      !this.queueWaiting &&
      this.lastViews?.every((v) => !screenOnly(v.name)) === true;
    const kicked = this.eventKick;
    this.eventKick = false;
    this.lastPaneSet = paneSet;
    const views = quiet
      ? this.lastViews!
      : await this.w.refresh(undefined, {
          panes,
          skipCapture: (n) => !remote.has(n) && !changed.has(n) && !screenOnly(n) && this.lastReading.has(n),
          cached: (n) => this.lastReading.get(n),
          onReading: (n, r) => {
            this.lastReading.set(n, r);
            if (r.state !== "idle" || r.prompt) this.clocks.screenBusy.add(n);
          },
        });
    this.lastViews = views;
    this.watches?.sync(views);
    // Sessions whose turn end the Stop hook has confirmed need no debounce of the screen's idle.
    const after = quiet ? null : await this.w.readRegistry();
    const stopped = new Set(
      Object.values(after?.sessions ?? {})
        .filter((r) => agentById(r.agent)?.turnEnded(r.hook as never) === true)
        .map((r) => r.name),
    );
    const any = (await this.diff(views, stopped)) || this.hostEdges(views);
    if (after) await this.typeQueued(views, after.sessions);
    // Back off only after a tick that had nothing to look at: a session still working is read by its screen
    // alone once its hooks are quiet, and a 4-16 s backoff there delayed "finished" (seen in bench/agents.ts).
    this.quietTicks = any || changed.size || !quiet ? 0 : this.quietTicks + 1;
    // Its Stop hook came but the screen still draws the turn: the idle box is a moment away, look again soon.
    if (views.some((v) => stopped.has(v.name) && v.state === "working")) this.nextDelayMs ||= 250;
    // Woken by a signal or a nudge (keys Wingman sent): what it started may not be on screen yet; one more look.
    if (kicked) this.nextDelayMs ||= 300;
    await this.reminders(views);
    await this.usage();
    this.releaseHeld(views);
    await this.outbox.flush();
    await this.memory.save(this.state);
  }

  /** The session edges (edges.ts, pure) acted on in order: a new prompt is auto-approved or notified. */
  private async diff(views: SessionView[], hookConfirmed: Set<string> = new Set()): Promise<boolean> {
    const at = this.now();
    const r = sessionEdges({
      views,
      state: this.state,
      clocks: this.clocks,
      at: at.getTime(),
      sinceMs: this.sinceMs,
      hookConfirmed,
      activity: this.lastActivity,
      stalledMs: this.config.stalledSeconds * 1000,
    });
    if (r.nextDelayMs !== undefined) this.nextDelayMs = r.nextDelayMs;
    for (const step of r.steps) {
      const v = step.view;
      if (step.kind === "notify") {
        // A worktree session's "finished" carries its branch's changes in numbers (git is asked only then).
        const changes = step.note.type === "finished" && v.worktree ? await this.changesOf(v.name) : undefined;
        const turnUsage = step.note.type === "finished" ? await this.turnUsageOf(v.name) : undefined;
        this.enqueue({ ...step.note, ...(changes ? { changes } : {}), ...(turnUsage ? { turnUsage } : {}) }, v);
        continue;
      }
      if (step.kind === "unconfirmed") {
        this.log.warn(`${v.name}: its hooks say a turn ended, but its screen never showed one: no "finished" sent`);
        continue;
      }
      const p = v.pending!;
      if (step.update) {
        // The complete notification for one sent before the options were drawn: same id, `update: true`.
        this.enqueue({ type: step.type, session: v.name, id: p.id, pending: p, update: true }, v);
        continue;
      }
      // Past 100% of a budget nothing is approved on the owner's behalf: the prompt goes to a person.
      const paused = this.config.autoApprove.length > 0 && (await this.w.overBudget?.(v.name).catch(() => false));
      if (!paused && (await autoApprove(this.w, v, this.config.autoApprove, this.log))) continue;
      this.enqueue({ type: step.type, session: v.name, id: p.id, pending: p }, v);
      this.state.reminders[p.id] = {
        session: v.name,
        firstAt: at.toISOString(),
        count: 0,
        nextAt: new Date(at.getTime() + this.config.reminderSeconds * 1000).toISOString(),
      };
    }
    return r.any;
  }

  /**
   * Follow-ups (core/sessions/queue.ts): a session this monitor has seen settle to idle (its "finished" edge, not
   * a redraw) gets its next queued item typed, one per turn. The core reads the session again under its lock
   * and types only into an idle screen with no dialog; items wait while it works, asks or is in error.
   */
  private async typeQueued(views: SessionView[], records: Record<string, { queue?: unknown[] }>): Promise<void> {
    if (!this.w.typeQueued) return;
    const now = this.now().getTime();
    this.queueWaiting = false;
    for (const v of views) {
      if (v.state !== "idle") {
        if (v.state !== "unknown") this.typedAt.delete(v.name);
        continue;
      }
      if (v.pending || !records[v.name]?.queue?.length) continue;
      this.queueWaiting = true;
      const typed = this.typedAt.get(v.name);
      if (this.state.lastState[v.name] !== "idle" || (typed !== undefined && now - typed < QUEUE_NEXT_FALLBACK_MS)) {
        this.nextDelayMs ||= 500;
        continue;
      }
      if (this.typing.has(v.name)) continue;
      // Past 100% of a budget the queue waits (nothing is typed on the owner's behalf until they release it).
      if (await this.w.overBudget?.(v.name).catch(() => false)) continue;
      this.typing.set(v.name, this.typeOne(v.name));
    }
  }

  /**
   * Type one session's next follow-up beside the looks: typing (and waiting for the session's lock, which a `tell`
   * or an answer in this same process may hold for seconds) inside a look held every other session's news until
   * it ended, up to the lock's 20 s (test/integration/monitor-wake.test.ts). Its end wakes a look at that session.
   */
  private async typeOne(name: string): Promise<void> {
    const r = await this.w.typeQueued!(name).catch((e: Error) => {
      this.log.warn(`${name}: typing its queued follow-up failed: ${e.message}`);
      return null;
    });
    if (r) {
      this.typedAt.set(name, this.now().getTime());
      if (r.outcome !== "sent")
        this.log.warn(
          `${name}: queued follow-up ${r.outcome === "dropped" ? "dropped (it broke the text rule)" : "typed but not confirmed submitted"}; ${r.left} left`,
        );
    }
    this.typing.delete(name);
    this.eventKick = true;
    this.signalled.add(name);
    this.kick();
  }

  /** What the flood cap held, as one digest: the prompts among it that still wait, and how many it stands for. */
  private releaseHeld(views: SessionView[]): void {
    const held = this.flood.release(this.now().getTime());
    if (!held) return;
    const waiting = new Set(heldPromptIds(held));
    const still = views.filter((v) => v.pending && waiting.has(v.pending.id));
    const n = {
      type: "digest",
      ids: still.map((v) => v.pending!.id),
      folded: held.length,
      at: this.now().toISOString(),
    } as Notification;
    n.text = this.describe(n, undefined, still);
    this.outbox.add(n);
  }

  /** One host_down when a host's sessions stop answering, one host_back when they answer again. */
  private hostEdges(views: SessionView[]): boolean {
    const { edges, down } = hostEdges(views, this.state.hostsDown ?? []);
    for (const e of edges) this.enqueue(e);
    this.state.hostsDown = down;
    return edges.length > 0;
  }

  /** Reminders with backoff, folded into one digest when several are due; none in quiet hours. */
  private async reminders(views: SessionView[]): Promise<void> {
    const due = dueReminders(this.state.reminders, views, this.now(), this.config);
    if (due.length === 1) {
      const v = due[0]!;
      this.enqueue(
        {
          type: "reminder",
          session: v.name,
          id: v.pending!.id,
          pending: v.pending!,
          count: this.state.reminders[v.pending!.id]!.count,
        },
        v,
      );
    } else if (due.length > 1) {
      this.enqueue({ type: "digest", ids: due.map((v) => v.pending!.id) }, undefined, due);
    }
  }

  /**
   * The agents' records read from their cursors every USAGE_EVERY_MS (a look at each file's size when nothing
   * was added), and a budget line for each threshold crossed. A record that cannot be read is logged, never fatal.
   */
  private async usage(): Promise<void> {
    if (!this.w.refreshUsage || this.now().getTime() - this.usageReadAt < USAGE_EVERY_MS) return;
    this.usageReadAt = this.now().getTime();
    const r = await this.w.refreshUsage().catch((e: unknown) => {
      this.log.warn(`usage: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    });
    for (const c of r?.crossings ?? [])
      this.enqueue({
        type: "budget",
        ...(c.session ? { session: c.session } : {}),
        scope: c.scope,
        pct: c.pct,
        costUsd: c.costUsd,
        limitUsd: c.limitUsd,
      });
  }

  /** The turn's part of a session's usage, read now (its record was just written); none when unknown. */
  private async turnUsageOf(name: string): Promise<TurnUsage | undefined> {
    if (!this.w.refreshUsage || !this.w.turnUsage) return undefined;
    try {
      const r = await this.w.refreshUsage([name]);
      const u = await this.w.turnUsage(name);
      for (const c of r.crossings)
        this.enqueue({
          type: "budget",
          ...(c.session ? { session: c.session } : {}),
          scope: c.scope,
          pct: c.pct,
          costUsd: c.costUsd,
          limitUsd: c.limitUsd,
        });
      return u ?? undefined;
    } catch (e) {
      this.log.warn(`usage of ${name}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /** A worktree session's changes in numbers; none when git cannot say (the notification goes out without them). */
  private async changesOf(name: string): Promise<ChangesSummary | undefined> {
    const r = await this.w.changes?.(name).catch(() => null);
    if (!r?.ok || r.code !== "changes") return undefined;
    const f = r.facts;
    return {
      branch: f.branch,
      base: f.base,
      ahead: f.ahead,
      behind: f.behind,
      files: f.files.length,
      added: f.files.reduce((n, x) => n + (x.added ?? 0), 0),
      removed: f.files.reduce((n, x) => n + (x.removed ?? 0), 0),
      uncommitted: f.uncommitted.length,
    };
  }

  private enqueue(partial: Omit<Notification, "at" | "text">, view?: SessionView, views?: SessionView[]): void {
    const n = {
      ...partial,
      ...(view && partial.host === undefined ? { host: view.host } : {}),
      at: this.now().toISOString(),
    } as Notification;
    n.text = this.describe(n, view, views);
    if (this.flood.admit(n, this.now().getTime(), view)) this.outbox.add(n);
    else this.log.debug?.(`${n.type} for ${n.session ?? "all"} held by the flood cap (${this.flood.holding} held)`);
  }
}
