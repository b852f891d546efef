// The monitor: turns session changes into notifications. Hook event files wake it at once (fs.watch);
// a fallback poll (one list-panes for all sessions, captures only where something changed or a screen-
// only state waits) covers the rest and slows down when nothing changes. The same class runs as the
// host's plugin service and as `wingman monitor`.
import { type FSWatcher, watch } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { WingmanConfig } from "../../config.js";
import { formatNotification } from "../../format/notify.js";
import { ensurePrivateDir, releaseProcessLock, takeProcessLock, writeFileAtomic } from "../store/files.js";
import type { Logger, Notification, NotificationType, Notifier } from "../../api/notify.js";
import type { ScreenReading, SessionState, SessionView } from "../../api/types.js";
import type { Wingman } from "../wingman.js";

export interface MonitorOptions {
  wingman: Wingman;
  notifier: Notifier;
  config: WingmanConfig;
  logger: Logger;
  /** For tests: the clock. */
  now?: () => Date;
}

/** What the monitor remembers across restarts, so nothing is notified twice. */
interface MonitorState {
  notifiedIds: string[];
  /** session -> last state notified about (finished/error/exited are edges, not levels). */
  lastState: Record<string, SessionState>;
  /** prompt id -> reminder schedule. */
  reminders: Record<string, { session: string; firstAt: string; count: number; nextAt: string }>;
  stalledNotified: Record<string, string>;
}

const MAX_NOTIFIED = 2000;
const HOOK_DRAW_WAIT_MS = 1000;
const MAX_REMINDERS = 4;
const IDLE_DEBOUNCE_MS = 400;
/** tmux can mark a pane dead a moment before it knows the exit status: wait this long for the reason. */
const EXIT_REASON_WAIT_MS = 1000;

export class Monitor {
  private readonly w: Wingman;
  private readonly notifier: Notifier;
  private readonly config: WingmanConfig;
  private readonly log: Logger;
  private readonly now: () => Date;
  private readonly lockFile: string;
  private readonly stateFile: string;
  private state: MonitorState = { notifiedIds: [], lastState: {}, reminders: {}, stalledNotified: {} };
  private timer: NodeJS.Timeout | null = null;
  private watcher: FSWatcher | null = null;
  private running = false;
  private ticking: Promise<void> | null = null;
  private again = false;
  private quietTicks = 0;
  private readonly lastActivity = new Map<string, number>();
  private lastViews: SessionView[] | null = null;
  private lastPaneSet = "";
  private eventKick = false;
  private readonly lastReading = new Map<string, ScreenReading>();
  private readonly idleSeenAt = new Map<string, number>();
  private readonly vagueExitSeenAt = new Map<string, number>();
  private readonly outbox: Array<{ n: Notification; tries: number; nextAt: number }> = [];
  private ownsLock = false;
  private lockToken: string | null = null;
  /** Sessions created after this are new to this monitor: their first sighting is an edge, not a baseline. */
  private sinceMs: number;

  constructor(opts: MonitorOptions) {
    this.w = opts.wingman;
    this.notifier = opts.notifier;
    this.config = opts.config;
    this.log = opts.logger;
    this.now = opts.now ?? (() => new Date());
    this.lockFile = join(this.w.stateDir, "monitor.lock");
    this.stateFile = join(this.w.stateDir, "monitor-state.json");
    this.sinceMs = this.now().getTime();
  }

  /** Takes the per-state-dir lock; resolves false (and does nothing) if another monitor holds it. */
  async start(): Promise<boolean> {
    if (this.running) return true;
    const holder = await this.takeLock();
    if (holder !== null) {
      this.log.warn(`another monitor (pid ${holder}) already watches ${this.w.stateDir}; this one stands by`);
      return false;
    }
    this.running = true;
    this.sinceMs = this.now().getTime();
    this.state = await this.loadState();
    const events = join(this.w.stateDir, "events");
    await mkdir(events, { recursive: true, mode: 0o700 });
    try {
      this.watcher = watch(events, { recursive: true }, () => {
        this.eventKick = true;
        this.kick();
      });
      this.watcher.on("error", (e) => this.log.warn(`event watch failed, polling only: ${e.message}`));
      this.watcher.unref();
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
    await this.saveState().catch(() => {});
    if (this.ownsLock && this.lockToken) {
      await releaseProcessLock(this.lockFile, this.lockToken);
      HELD_HERE.delete(this.lockFile);
    }
    this.ownsLock = false;
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
    const delay = this.nextDelayMs || Math.min(base * 2 ** Math.min(this.quietTicks, 3), base * 8);
    this.nextDelayMs = 0;
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref();
  }

  /** One pass: read panes once, refresh sessions (capturing only where needed), notify what changed. */
  async tick(): Promise<void> {
    let panes: Awaited<ReturnType<Wingman["tmux"]["listPanes"]>> | null;
    try {
      panes = await this.w.tmux.listPanes();
    } catch (e) {
      this.log.warn(`tmux did not answer: ${(e as Error).message}`);
      panes = null;
    }
    const changed = new Set<string>();
    for (const p of panes ?? []) {
      if (this.lastActivity.get(p.session) !== p.activity) changed.add(p.session);
      this.lastActivity.set(p.session, p.activity);
    }
    const screenOnly = (n: string) => {
      const st = this.state.lastState[n];
      // States hooks do not report, or that need the screen to complete: always look.
      return !st || st === "starting" || st === "unknown" || st === "trust_prompt" || st === "waiting_input" || st === "waiting_approval" || st === "working";
    };
    // A quiet tick: no pane changed, no hook event came, the same panes exist, and nothing waits on a
    // screen-only state. Nothing can have changed, so neither screens nor the registry are read again.
    const paneSet = (panes ?? []).map((p) => `${p.session}:${p.dead}`).sort().join(",");
    const quiet =
      panes !== null && !this.eventKick && changed.size === 0 && paneSet === this.lastPaneSet &&
      this.lastViews?.every((v) => !screenOnly(v.name)) === true;
    this.eventKick = false;
    this.lastPaneSet = paneSet;
    const views = quiet
      ? this.lastViews!
      : await this.w.refresh(undefined, {
          panes,
          skipCapture: (n) => !changed.has(n) && !screenOnly(n) && this.lastReading.has(n),
          cached: (n) => this.lastReading.get(n),
          onReading: (n, r) => this.lastReading.set(n, r),
        });
    this.lastViews = views;
    // Sessions whose turn end the Stop hook has confirmed need no debounce of the screen's idle.
    const after = quiet ? null : await this.w.readRegistry();
    const stopped = new Set(Object.values(after?.sessions ?? {}).filter((r) => r.hook.turn === "idle" || r.hook.turn === "error").map((r) => r.name));
    const any = await this.diff(views, stopped);
    this.quietTicks = any || changed.size ? 0 : this.quietTicks + 1;
    await this.reminders(views);
    await this.flush();
    await this.saveState();
  }

  private async diff(views: SessionView[], hookConfirmed: Set<string> = new Set()): Promise<boolean> {
    let any = false;
    const at = this.now();
    const notified = new Set(this.state.notifiedIds);
    for (const v of views) {
      // A session started while this monitor runs but first seen already ended (it crashed at launch between
      // two looks) is still news: it counts as having been starting. Older sessions seen for the first time
      // are a baseline, so a restart repeats nothing.
      const prev = this.state.lastState[v.name] ?? (Date.parse(v.createdAt) >= this.sinceMs ? "starting" : undefined);
      if (v.pending && !notified.has(v.pending.id)) {
        const age = at.getTime() - Date.parse(v.pending.since);
        if (v.pending.optionsPending && age < HOOK_DRAW_WAIT_MS) {
          // The hook came first; the dialog is usually drawn within ~100 ms. Look again soon.
          this.nextDelayMs = 60;
        } else if (!v.pending.optionsPending && (await this.autoApprove(v))) {
          notified.add(v.pending.id);
          this.state.notifiedIds.push(v.pending.id);
          any = true;
        } else {
          const type: NotificationType =
            v.pending.kind === "tool" ? "approval_needed" : v.pending.kind === "trust" ? "trust_prompt" : v.pending.kind === "question" ? "question" : "dialog";
          this.enqueue({ type, session: v.name, id: v.pending.id, pending: v.pending }, v);
          notified.add(v.pending.id);
          this.state.notifiedIds.push(v.pending.id);
          this.state.reminders[v.pending.id] = {
            session: v.name,
            firstAt: at.toISOString(),
            count: 0,
            nextAt: new Date(at.getTime() + this.config.reminderSeconds * 1000).toISOString(),
          };
          any = true;
        }
      }
      if (v.state !== prev) {
        let settled = true;
        if (v.state === "idle" && prev === "working" && !hookConfirmed.has(v.name)) {
          // Debounce the edge to idle: a redraw must not produce a "finished".
          const seen = this.idleSeenAt.get(v.name);
          if (seen === undefined) {
            this.idleSeenAt.set(v.name, at.getTime());
            this.nextDelayMs = IDLE_DEBOUNCE_MS;
            settled = false;
          } else if (at.getTime() - seen < IDLE_DEBOUNCE_MS) {
            this.nextDelayMs = IDLE_DEBOUNCE_MS;
            settled = false;
          }
        }
        if (v.state === "exited" && v.stateReason === "exited" && prev !== undefined) {
          // "exited" without a reason: look again shortly, so the message can say how it ended.
          const seen = this.vagueExitSeenAt.get(v.name) ?? at.getTime();
          this.vagueExitSeenAt.set(v.name, seen);
          if (at.getTime() - seen < EXIT_REASON_WAIT_MS) {
            this.nextDelayMs = 200;
            settled = false;
          }
        }
        if (!settled) continue;
        this.idleSeenAt.delete(v.name);
        this.vagueExitSeenAt.delete(v.name);
        if (prev !== undefined) {
          if (v.state === "idle" && (prev === "working" || prev === "waiting_approval")) {
            this.enqueue({ type: "finished", session: v.name, lastMessage: v.lastMessage }, v);
          } else if (v.state === "error") this.enqueue({ type: "error", session: v.name, stateReason: v.stateReason }, v);
          else if (v.state === "exited") this.enqueue({ type: "exited", session: v.name, stateReason: v.stateReason }, v);
        }
        if (v.state !== "working") delete this.state.stalledNotified[v.name];
        this.state.lastState[v.name] = v.state;
        any = true;
      } else this.idleSeenAt.delete(v.name);
      if (v.state === "working" && !this.state.stalledNotified[v.name]) {
        const quietFor = at.getTime() - Date.parse(v.lastActivityAt);
        if (quietFor > this.config.stalledSeconds * 1000) {
          this.enqueue({ type: "stalled", session: v.name }, v);
          this.state.stalledNotified[v.name] = at.toISOString();
        }
      }
    }
    if (this.state.notifiedIds.length > MAX_NOTIFIED) this.state.notifiedIds = this.state.notifiedIds.slice(-MAX_NOTIFIED);
    return any;
  }

  /**
   * The optional auto-approver: a low- or normal-risk tool prompt matching a configured rule is approved
   * on the person's behalf (by id, through the same verified path as a person's answer). Never a high-risk
   * one. Every decision is in the audit log and history, and counted in the session's status.
   */
  private async autoApprove(v: SessionView): Promise<boolean> {
    const p = v.pending;
    if (p?.kind !== "tool" || p.risk === "high" || !this.config.autoApprove.length) return false;
    // Match the command as it will run: the stored prompt, not the view (whose redaction can hide a `$(…)`).
    const stored = (await this.w.readRegistry()).sessions[v.name]?.pending;
    if (!stored || stored.id !== p.id || stored.risk === "high") return false;
    const command = stored.detail ?? "";
    const rule = this.config.autoApprove.find(
      (r) =>
        r.tool === stored.tool &&
        (!r.session || r.session === v.name) &&
        // A Bash rule without a pattern approves nothing (the config refuses one; this holds without it too).
        (r.pattern !== undefined ? commandMatches(r.pattern, command) : r.tool !== "Bash"),
    );
    if (!rule) return false;
    const r = await this.w.respond({ session: v.name, action: "approve", id: p.id }, AUTO_APPROVER);
    if (!r.ok) {
      this.log.warn(`auto-approve of ${v.name} ${p.id} did not go through: ${r.message}`);
      return false;
    }
    await this.w.updateRegistry((d) => {
      const rec = d.sessions[v.name];
      if (rec) rec.autoApproved++;
    });
    this.log.info(`auto-approved ${v.name} ${p.id} (${p.tool}: ${p.detail ?? ""}) by rule ${JSON.stringify(rule)}`);
    return true;
  }

  /** Reminders with backoff, folded into one digest when several are due; none in quiet hours. */
  private async reminders(views: SessionView[]): Promise<void> {
    const at = this.now();
    const live = new Map(views.filter((v) => v.pending).map((v) => [v.pending!.id, v]));
    const due: SessionView[] = [];
    for (const [id, r] of Object.entries(this.state.reminders)) {
      const v = live.get(id);
      if (!v) {
        delete this.state.reminders[id]; // answered here, in the terminal, or gone: never remind
        continue;
      }
      if (Date.parse(r.nextAt) > at.getTime() || r.count >= MAX_REMINDERS) continue;
      if (inQuietHours(this.config.notify.quietHours, at)) continue;
      r.count++;
      r.nextAt = new Date(at.getTime() + this.config.reminderSeconds * 1000 * 2 ** r.count).toISOString();
      due.push(v);
    }
    if (due.length === 1) {
      const v = due[0]!;
      this.enqueue({ type: "reminder", session: v.name, id: v.pending!.id, pending: v.pending!, count: this.state.reminders[v.pending!.id]!.count }, v);
    } else if (due.length > 1) {
      this.enqueue({ type: "digest", ids: due.map((v) => v.pending!.id) }, undefined, due);
    }
  }

  private enqueue(partial: Omit<Notification, "at" | "text">, view?: SessionView, views?: SessionView[]): void {
    const at = this.now().toISOString();
    const n = { ...partial, at } as Notification;
    n.text = formatNotification({ ...n, view, views } as Parameters<typeof formatNotification>[0]);
    this.outbox.push({ n, tries: 0, nextAt: 0 });
  }

  /** Deliver queued notifications; a failing notifier is retried with backoff, never fatal. */
  private async flush(): Promise<void> {
    const nowMs = Date.now();
    for (const item of [...this.outbox]) {
      if (item.nextAt > nowMs) continue;
      try {
        await this.notifier.send(item.n);
        this.outbox.splice(this.outbox.indexOf(item), 1);
      } catch (e) {
        item.tries++;
        item.nextAt = nowMs + Math.min(60_000, 1000 * 2 ** (item.tries - 1));
        this.log.warn(`notification not delivered (try ${item.tries}): ${(e as Error).message}`);
        if (this.outbox.length > 200) this.outbox.shift();
      }
    }
  }

  private async takeLock(): Promise<number | null> {
    await ensurePrivateDir(this.w.stateDir);
    if (HELD_HERE.has(this.lockFile)) return process.pid; // another monitor in this process holds it
    const r = await takeProcessLock(this.lockFile);
    if ("holder" in r) return r.holder;
    this.lockToken = r.token;
    this.ownsLock = true;
    HELD_HERE.add(this.lockFile);
    return null;
  }

  private async loadState(): Promise<MonitorState> {
    try {
      const s = JSON.parse(await readFile(this.stateFile, "utf8")) as Partial<MonitorState>;
      return {
        notifiedIds: s.notifiedIds ?? [],
        lastState: s.lastState ?? {},
        reminders: s.reminders ?? {},
        stalledNotified: s.stalledNotified ?? {},
      };
    } catch {
      return { notifiedIds: [], lastState: {}, reminders: {}, stalledNotified: {} };
    }
  }

  private saved = "";

  /** Persist only what changed: an idle fleet should not cost an fsync per tick. */
  private async saveState(): Promise<void> {
    const text = JSON.stringify(this.state);
    if (text === this.saved) return;
    await writeFileAtomic(this.stateFile, text);
    this.saved = text;
  }
}

/** Lock files held by monitors of this process (a pid check cannot tell two of them apart). */
const HELD_HERE = new Set<string>();

const AUTO_APPROVER = { id: "auto-approver", channel: "auto", authorized: true };

/**
 * An auto-approve pattern: the command spelled literally, with `*` for "any further words", e.g. `npm test*`
 * or `git status`. A `*` never stands for a shell operator, substitution or redirection (`;`, `&`, `|`, a
 * backtick, `$`, `<`, `>`, a line break): a command can only chain, redirect or substitute what the pattern
 * spells out itself, so `npm test 2>&1*` approves `npm test 2>&1 --run` but never `npm test 2>&1; sh x`.
 */
export function commandMatches(pattern: string, command: string): boolean {
  const re = pattern
    .split("*")
    .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^;&|`$<>\\n\\r]*");
  return new RegExp(`^${re}$`).test(command.trim());
}

/** "22:00-07:30" (local time); a range may cross midnight. */
export function inQuietHours(range: string | undefined, at: Date): boolean {
  if (!range) return false;
  const m = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(range);
  if (!m) return false;
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  const t = at.getHours() * 60 + at.getMinutes();
  return start <= end ? t >= start && t < end : t >= start || t < end;
}
