// Longer than 300 lines: one pass reads every session (panes, signals, fusion, prompt naming) under one lock; its
// steps share that lock's state, and the formatter's one-argument-a-line layout made it long.
// Reading sessions again: one pane list, screens captured outside the registry lock, then per session the
// agent's new signals folded, fused with the screen by the agent, and the pending prompt named (same
// request, same id). Truth comes from the agent, not from memory: this runs before any key is sent.
import { errorMessage, isWingmanError } from "../../api/errors.js";
import { redactSecrets } from "../../api/redact.js";
import type { PaneStatus, ScreenReading, SessionView } from "../../api/types.js";
import type { AuditEntry, HistoryEntry } from "../../api/wingman-api.js";
import { DEFAULT_AGENT } from "../../agents/index.js";
import { reconcilePending, type StoredPending } from "../approvals/pending.js";
import type { Core, RefreshOptions } from "../context.js";
import { answeringOf } from "../store/answering.js";
import { isValidName } from "../store/names.js";
import type { RegistryData, SessionRecord } from "../store/registry.js";
import { hasConversation } from "./conversation.js";
import { parseTestProgress } from "./progress.js";
import { viewOf } from "./view.js";
import { endGoneWorktrees, fencesOf, liveWorktrees, missingLocalWorktrees, WORKTREE_GONE } from "./worktree-fences.js";

/** Why an adopted session ended when its pane is no longer on its tmux server. */
export const ADOPTED_PANE_GONE = "the adopted pane is gone (closed outside Wingman)";

/** How long after Wingman starts pressing keys a dialog's closing counts as Wingman's answer. */
const ANSWER_MARK_MS = 15_000;

/** What one refresh produced besides the views: history lines, audit lines, signal files to prune. */
interface Effects {
  transitions: HistoryEntry[];
  closedElsewhere: AuditEntry[];
  prune: Array<[string, string, string | null]>;
}

export async function refreshSessions(core: Core, only?: string, opts: RefreshOptions = {}): Promise<SessionView[]> {
  const snapshot = await core.registry.read();
  const known = only ? [only] : Object.keys(snapshot.sessions);
  /** Sessions ended by this refresh because their worktree folder is gone. */
  const gone = new Set<string>();
  const cachedReading = (n: string) => (opts.skipCapture?.(n) ? opts.cached?.(n) : undefined);
  const wanted = new Set(known.filter((n) => !cachedReading(n)));
  const hostOf = (n: string) => snapshot.sessions[n]?.host ?? null;
  // Screens read with their colours: the sessions whose agent asks for them (agents/agent.ts).
  const escapes = new Set(
    known.filter((n) => core.agentOf(snapshot.sessions[n] ?? { agent: DEFAULT_AGENT }).screenEscapes),
  );
  // An adopted pane lives on a person's own tmux server: read on its own (hosts/adopted.ts), never in a host's group.
  const adopted = known.filter((n) => snapshot.sessions[n]?.adopted);

  // Per machine, one pane-host call lists its panes and reads every wanted screen there (one tmux process
  // locally, one SSH round trip per remote host); the machines are read in parallel.
  const groups = new Map<string | null, string[]>(only ? [] : [[null, []]]);
  for (const n of known) {
    if (snapshot.sessions[n]?.adopted) continue;
    const h = hostOf(n);
    if (!groups.has(h)) groups.set(h, []);
    groups.get(h)!.push(n);
  }
  const byName = new Map<string, PaneStatus>();
  const screens = new Map<string, string | null>();
  /** Machines that did not answer, with why: their sessions keep their prompts and say so. */
  const silent = new Map<string | null, string>();
  await Promise.all(
    [...groups].map(async ([h, members]) => {
      const want = members.filter((n) => wanted.has(n));
      try {
        const host = core.fleet.get(h);
        let panes: PaneStatus[];
        if (h === null && opts.panes !== undefined) {
          if (opts.panes === null) throw new Error("the pane list was not read");
          panes = opts.panes;
          const alive = new Set(panes.map((p) => p.session));
          const live = want.filter((n) => alive.has(n));
          for (const [n, s] of (await host.panes.snapshot(live, { escapes })).screens) screens.set(n, s);
        } else {
          // Another machine's live worktrees are looked at in the same call (no round trip of their own).
          const folders = h === null ? [] : liveWorktrees(want.map((n) => snapshot.sessions[n]));
          const r = await host.panes.snapshot(want, folders.length ? { escapes, folders } : { escapes });
          panes = r.panes;
          for (const [n, s] of r.screens) screens.set(n, s);
          if (h !== null) {
            const ended = await endGoneWorktrees(core, host, want, snapshot.sessions, r.missing ?? []);
            for (const n of ended) gone.add(n);
            panes = panes.filter((p) => !ended.has(p.session));
          }
        }
        if (h === null) {
          const missing = await missingLocalWorktrees(
            members.map((n) => snapshot.sessions[n]),
            panes,
          );
          const ended = await endGoneWorktrees(core, host, members, snapshot.sessions, missing);
          for (const n of ended) gone.add(n);
          panes = panes.filter((p) => !ended.has(p.session));
        }
        // A pane counts for the record that names this machine (a local pane nobody knows is adopted below).
        for (const p of panes)
          if (hostOf(p.session) === h && !snapshot.sessions[p.session]?.adopted) byName.set(p.session, p);
        if (h === null) for (const p of panes) if (!snapshot.sessions[p.session]) byName.set(p.session, p);
      } catch (e) {
        if (h === null && isWingmanError(e) && e.code === "unavailable") throw e;
        silent.set(h, errorMessage(e));
        core.logger.warn(`${h === null ? "tmux" : `host ${h}`} did not answer: ${errorMessage(e)}`);
      }
    }),
  );
  await Promise.all(
    adopted.map(async (n) => {
      try {
        const r = await core.fleet
          .forRecord(snapshot.sessions[n]!)
          .panes.snapshot(wanted.has(n) ? [n] : [], { escapes });
        const p = r.panes[0];
        if (p) byName.set(n, p);
        if (r.screens.has(n)) screens.set(n, r.screens.get(n) ?? null);
      } catch (e) {
        // A server that is gone lists no pane (its session ends, with the reason below); a failure to run tmux at
        // all is logged, and the pane then counts as not seen either.
        core.logger.warn(`adopted ${n}: tmux did not answer: ${errorMessage(e)}`);
      }
    }),
  );
  const names = new Set(known);
  // Re-adopt live panes the registry does not know (a lost or corrupt registry): they are ours.
  const adopt = only ? [] : [...byName.keys()].filter((n) => !snapshot.sessions[n] && isValidName(n));
  for (const n of adopt) {
    names.add(n);
    screens.set(n, await core.panes.capture(n).catch(() => null));
  }

  // Classify outside the registry lock; a screen identical to the last one read is not classified again.
  const readings = new Map<string, ScreenReading>();
  for (const n of names) {
    if (!byName.get(n)) continue;
    const cached = cachedReading(n);
    if (cached) {
      readings.set(n, cached);
      continue;
    }
    const text = screens.get(n);
    if (text === null || text === undefined) {
      core.logger.warn(`could not read ${n}`);
      continue;
    }
    const agent = core.agentOf(snapshot.sessions[n] ?? { agent: DEFAULT_AGENT });
    const last = core.screens.get(n);
    const reading = last && last.text === text && last.agent === agent.id ? last.reading : agent.classify(text);
    core.screens.set(n, { text, agent: agent.id, reading });
    readings.set(n, reading);
    opts.onReading?.(n, reading);
  }

  const now = new Date();
  const fx: Effects = { transitions: [], closedElsewhere: [], prune: [] };
  const views = await core.registry.update(async (d) => {
    for (const n of adopt) {
      const p = byName.get(n)!;
      if (d.sessions[n]) continue;
      d.sessions[n] = {
        name: n,
        workdir: p.currentPath || "",
        agent: DEFAULT_AGENT,
        createdAt: now.toISOString(),
        lastActivityAt: now.toISOString(),
        paneId: p.paneId,
        panePid: p.pid,
        prompts: [],
        hook: core.agentOf({ agent: DEFAULT_AGENT }).initialState() as Record<string, unknown>,
        pending: null,
        approvals: 0,
        autoApproved: 0,
      };
      core.logger.info(`re-adopted live session ${n}`);
    }
    const used = new Set(d.usedIds);
    const out: SessionView[] = [];
    for (const n of names) {
      const rec = d.sessions[n];
      if (!rec) continue;
      const h = rec.host ?? null;
      const down = silent.has(h) ? { host: h, why: silent.get(h)! } : null;
      const view = await refreshRecord(
        core,
        rec,
        byName.get(n) ?? null,
        readings.get(n) ?? null,
        down,
        used,
        now,
        fx,
        fencesOf(rec, d.sessions),
      );
      // The reason stays on later reads (the pane alone would only say it is gone).
      if ((gone.has(n) || rec.endReason === WORKTREE_GONE) && rec.lastState === "exited")
        view.stateReason = rec.stateReason = rec.endReason = WORKTREE_GONE;
      if (expired(core, rec, now)) {
        delete d.sessions[n];
        continue;
      }
      out.push(view);
    }
    d.usedIds = [...used];
    return out;
  });
  for (const [n, cursor, h] of fx.prune)
    await core.fleet
      .get(h)
      .files.pruneSignals(n, cursor)
      .catch(() => {});
  for (const t of fx.transitions) await core.journal.history(t);
  for (const a of fx.closedElsewhere) await core.journal.audit(a);
  // ISO times sort as plain strings; localeCompare's first call builds an ICU collator (~7 ms of CPU a cold CLI pays).
  return views.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

/**
 * One session read again under the registry lock, and `use` run on it in the same locked update: the
 * record, its screen and its signals are seen together, and whatever `use` changes in the record is written
 * with the refresh, once. An answer reads this way (core/approvals/respond.ts): one locked read for all of
 * its checks. The screen is read inside the lock (one pane-host call) so nothing changes between the two.
 */
export async function readLocked<T>(
  core: Core,
  name: string,
  use: (
    d: RegistryData,
    rec: SessionRecord | null,
    view: SessionView | null,
    reading: ScreenReading | null,
    now: Date,
  ) => T,
): Promise<T> {
  const fx: Effects = { transitions: [], closedElsewhere: [], prune: [] };
  const result = await core.registry.update(async (d) => {
    const now = new Date();
    const rec = d.sessions[name];
    if (!rec) return use(d, null, null, null, now);
    const { panes, screens } = await core.fleet.forRecord(rec).panes.snapshot([name]);
    const pane = panes.find((p) => p.session === name) ?? null;
    const text = screens.get(name);
    let reading: ScreenReading | null = null;
    if (pane && typeof text === "string") {
      const agent = core.agentOf(rec);
      const last = core.screens.get(name);
      reading = last && last.text === text && last.agent === agent.id ? last.reading : agent.classify(text);
      core.screens.set(name, { text, agent: agent.id, reading });
    }
    const used = new Set(d.usedIds);
    const view = await refreshRecord(core, rec, pane, reading, null, used, now, fx);
    d.usedIds = [...used];
    return use(d, rec, view, reading, now);
  });
  for (const [n, cursor, h] of fx.prune)
    await core.fleet
      .get(h)
      .files.pruneSignals(n, cursor)
      .catch(() => {});
  for (const t of fx.transitions) await core.journal.history(t);
  for (const a of fx.closedElsewhere) await core.journal.audit(a);
  return result;
}

function expired(core: Core, rec: SessionRecord, now: Date): boolean {
  // A record that still has a worktree is kept: it is what `changes`, `merge` and `kill … clean` work from.
  if (!rec.endedAt || rec.worktree) return false;
  return now.getTime() - Date.parse(rec.endedAt) > core.config.retentionHours * 3600_000;
}

/** Fold new signals, fuse with the screen, name the pending prompt; mutates `rec`. */
async function refreshRecord(
  core: Core,
  rec: SessionRecord,
  pane: PaneStatus | null,
  reading: ScreenReading | null,
  down: { host: string | null; why: string } | null,
  used: Set<string>,
  now: Date,
  fx: Effects,
  fences: string[] = [],
): Promise<SessionView> {
  const agent = core.agentOf(rec);
  if (down) {
    // The machine did not answer: nothing is known now, so nothing changes. The prompt keeps its id (it is
    // still there after a reconnect) and is never taken as answered. This machine's tmux keeps the last
    // known state; another machine's sessions are unknown, and say why.
    const view = viewOf(
      rec,
      down.host === null ? "tmux did not answer" : `host ${down.host} did not answer: ${down.why}`,
    );
    if (down.host !== null) Object.assign(view, { state: "unknown", stateReason: "host_unreachable" });
    return view;
  }
  const state = rec.hook as never;
  const host = core.fleet.forRecord(rec);
  const signals = await host.files.readSignals(rec.name, agent.cursorOf(state));
  const folded = agent.fold(state, signals);
  if (folded.agentSessionId) rec.agentSessionId = folded.agentSessionId;
  if (folded.transcriptPath) rec.transcriptPath = folded.transcriptPath;
  if (folded.lastMessage) rec.lastMessage = folded.lastMessage;
  for (const out of folded.toolOutputs) {
    const tests = parseTestProgress(out);
    if (tests) rec.progress = { tests };
  }
  const cursor = agent.cursorOf(state);
  if (cursor) fx.prune.push([rec.name, cursor, host.name]);
  if (signals.length) rec.lastActivityAt = signals[signals.length - 1]!.at;
  if (pane && pane.activity > 0) {
    const act = new Date(pane.activity * 1000).toISOString();
    if (act > rec.lastActivityAt) rec.lastActivityAt = act;
  }

  const fusedByAgent = agent.fuse({
    pane,
    reading,
    state,
    resolvedSeq: rec.resolvedSeq,
    promptClosedAt:
      rec.pending && !reading?.prompt && !reading?.permissionPending ? now.toISOString() : rec.promptClosedAt,
    pending: rec.pending,
    createdAt: rec.createdAt,
    resumedAt: rec.resumedAt,
    now,
  });
  // An adopted pane that is gone was closed by its person (or its tmux server ended): say so, not "tmux session gone".
  const fused =
    rec.adopted && !pane && fusedByAgent.state === "exited"
      ? { ...fusedByAgent, stateReason: ADOPTED_PANE_GONE }
      : fusedByAgent;

  const stored = rec.pending as StoredPending | null;
  const { pending } = reconcilePending({
    stored,
    seen: fused.prompt,
    hookSeq: "requestSeq" in fused ? fused.requestSeq : undefined,
    usedIds: used,
    workdir: rec.workdir,
    now,
    toolClass: (t) => agent.toolClass(t),
    fences,
  });
  if (pending && !pending.optionsPending && !pending.drawnAt) pending.drawnAt = now.toISOString();
  // An announced prompt that is gone without its tool running was denied or dismissed: do not revive it.
  if (stored?.hookSeq && (!pending || pending.id !== stored.id))
    rec.resolvedSeq = Math.max(rec.resolvedSeq ?? 0, stored.hookSeq);
  if (stored && !pending) rec.promptClosedAt = now.toISOString();
  if (stored && (!pending || pending.id !== stored.id))
    await noteClosed(core, rec, stored, fused.state, now, fx.closedElsewhere);
  rec.pending = pending;

  if (fused.state !== rec.lastState) {
    if (fused.state === "exited" && !rec.endedAt) {
      rec.endedAt = now.toISOString();
      rec.endReason = fused.stateReason;
      fx.transitions.push({ at: rec.endedAt, session: rec.name, event: "exited", detail: fused.stateReason });
    } else if (fused.state === "error") {
      fx.transitions.push({ at: now.toISOString(), session: rec.name, event: "error", detail: fused.stateReason });
    }
    if (fused.state !== "exited") {
      rec.endedAt = undefined;
      rec.endReason = undefined;
    }
    rec.lastState = fused.state;
    rec.lastStateAt = now.toISOString();
  }
  // An exited session whose pane is gone keeps the reason it ended with (its exit status, a kill, a worktree
  // removed): a later read sees only that the pane is gone, which says nothing of why.
  rec.stateReason = fused.state === "exited" && !pane && rec.endReason ? rec.endReason : fused.stateReason;
  if ("resumeCommand" in fused && fused.resumeCommand) rec.resumeCommand = fused.resumeCommand;
  else if (rec.agentSessionId && hasConversation(rec) && !rec.resumeCommand && fused.state === "exited") {
    rec.resumeCommand = agent.resumeCommand(rec.agentSessionId);
  }
  return viewOf(rec, fused.detail, agent.runningTool(state));
}

/**
 * A drawn dialog left the screen. If Wingman was not pressing keys for it, it was answered at the
 * keyboard (attach) or by something else with access to the pane: the owner should be able to see that,
 * so it goes into the audit as `closed_elsewhere`. A session that exited took its dialog with it.
 */
async function noteClosed(
  core: Core,
  rec: SessionRecord,
  stored: StoredPending,
  state: string,
  now: Date,
  out: AuditEntry[],
): Promise<void> {
  if (stored.optionsPending || state === "exited") return;
  // The answer's mark (store/answering.ts; `rec.answering` in registries written before it moved there).
  const mark = (await answeringOf(core.stateDir, rec.name)) ?? rec.answering;
  const mine = mark?.id === stored.id && now.getTime() - Date.parse(mark.at) < ANSWER_MARK_MS;
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
