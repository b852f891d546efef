// Reading what sessions used, from each agent's own record, on each session's machine, from a cursor; and
// the budget lines that reading crosses. Run by the monitor (every few seconds, and at each turn's end) and
// by `usage`; never by `status`, which shows the ledger's last values with their age.
import { agentById } from "../../agents/index.js";
import type { UsageCounts, UsageReading } from "../../agents/agent.js";
import { zeroCounts } from "../../api/usage-counts.js";
import { errorMessage } from "../../api/errors.js";
import type { BudgetCrossing, TurnUsage, UsageView } from "../../api/usage.js";
import type { Core } from "../context.js";
import type { SessionRecord } from "../store/registry.js";
import {
  type CursorFile,
  type DayLedger,
  localDay,
  localTz,
  readCursor,
  readDayLedger,
  readSessionsLedger,
  type SessionUsage,
  type SessionsLedger,
  withUsageLock,
  writeUsageFile,
} from "./ledger.js";
import { costOfModels, type ModelPrice, priceOf } from "./prices.js";
import { type Chunk, findRecord, readLocalChunk, readRemoteChunk, stepFrom } from "./record-file.js";

/** The most steps (of 8 MB) one session is read in one refresh: a huge first read finishes over later ones. */
const MAX_STEPS = 16;
export const BUDGET_STEPS = [80, 100] as const;

/** Cursor files kept in memory by a long-running process (the monitor), so a refresh with nothing new reads no file of ours. */
const cursorCache = new WeakMap<object, Map<string, CursorFile>>();
/** When this process last wrote each session's cursor file. */
const cursorWritten = new WeakMap<object, Map<string, number>>();
/**
 * A long-running process writes a session's cursor file at most this often: the file holds the fold state
 * (every message id seen), so writing it after each new response would cost more than the read. A cursor on
 * disk that is behind is safe: the lines after it are read again and the fold counts each message once.
 */
const CURSOR_WRITE_MS = 60_000;

export interface UsageRefresh {
  crossings: BudgetCrossing[];
  /** Sessions whose totals changed. */
  changed: string[];
}

const sumCounts = (byModel: Record<string, UsageCounts>): UsageCounts => {
  const s = zeroCounts(false);
  for (const c of Object.values(byModel)) {
    s.inputTokens += c.inputTokens;
    s.outputTokens += c.outputTokens;
    s.cacheReadTokens += c.cacheReadTokens;
    if (c.cacheWriteTokens !== null) s.cacheWriteTokens = (s.cacheWriteTokens ?? 0) + c.cacheWriteTokens;
  }
  return s;
};

/** `after - before` per model and field (never below 0). */
export function diffModels(
  after: Record<string, UsageCounts>,
  before: Record<string, UsageCounts> = {},
): Record<string, UsageCounts> {
  const out: Record<string, UsageCounts> = {};
  for (const [m, a] of Object.entries(after)) {
    const b = before[m];
    const d: UsageCounts = {
      inputTokens: Math.max(0, a.inputTokens - (b?.inputTokens ?? 0)),
      outputTokens: Math.max(0, a.outputTokens - (b?.outputTokens ?? 0)),
      cacheReadTokens: Math.max(0, a.cacheReadTokens - (b?.cacheReadTokens ?? 0)),
      cacheWriteTokens:
        a.cacheWriteTokens === null ? null : Math.max(0, a.cacheWriteTokens - (b?.cacheWriteTokens ?? 0)),
    };
    if (d.inputTokens + d.outputTokens + d.cacheReadTokens + (d.cacheWriteTokens ?? 0) > 0) out[m] = d;
  }
  return out;
}

export function addModels(into: Record<string, UsageCounts>, add: Record<string, UsageCounts>): void {
  for (const [m, d] of Object.entries(add)) {
    into[m] ??= zeroCounts(d.cacheWriteTokens !== null);
    const a = into[m]!;
    a.inputTokens += d.inputTokens;
    a.outputTokens += d.outputTokens;
    a.cacheReadTokens += d.cacheReadTokens;
    if (d.cacheWriteTokens !== null) a.cacheWriteTokens = (a.cacheWriteTokens ?? 0) + d.cacheWriteTokens;
  }
}

/** Counts and money of a set of per-model counts (the last model and context come from the caller). */
export function viewOfModels(
  byModel: Record<string, UsageCounts>,
  prices: Record<string, ModelPrice>,
  model: string | null = null,
  context: { tokens: number | null; window: number | null } = { tokens: null, window: null },
): UsageView {
  const s = sumCounts(byModel);
  const window = context.window ?? (model ? (priceOf(model, prices)?.contextWindow ?? null) : null);
  return {
    model,
    ...s,
    costUsd: costOfModels(byModel, prices).costUsd,
    contextUsedPct:
      context.tokens !== null && window ? Math.min(100, Math.round((context.tokens / window) * 1000) / 10) : null,
  };
}

/** A session's usage as status shows it; null with a reason when nothing trustworthy is known. */
export function sessionUsageView(
  e: SessionUsage | undefined,
  prices: Record<string, ModelPrice>,
): { usage: UsageView | null; problem?: string; at?: string } {
  if (!e) return { usage: null, problem: "not_read" };
  if (e.problem) return { usage: null, problem: e.problem, at: e.at };
  return {
    usage: viewOfModels(e.byModel, prices, e.model, { tokens: e.contextTokens, window: e.contextWindow }),
    at: e.at,
  };
}

function envOf(core: Core, rec: SessionRecord): Record<string, string | undefined> {
  return rec.host ? (core.config.hosts[rec.host]?.env ?? {}) : core.env;
}

interface SessionRead {
  problem?: string;
  moved: boolean;
  reading?: UsageReading;
}

/** Read one session's record from its cursor; mutates `cf` and returns what it now says. */
async function readSession(core: Core, rec: SessionRecord, cf: CursorFile): Promise<SessionRead> {
  const agent = agentById(rec.agent);
  const usage = agent?.usage;
  if (!usage) return { problem: "no_usage_record", moved: false };
  const src = usage.locate({
    transcriptPath: rec.transcriptPath,
    agentSessionId: rec.agentSessionId,
    env: envOf(core, rec),
  });
  if (!src) return { problem: "no_record", moved: false };
  const files = core.fleet.get(rec.host ?? null).files;
  const local = !rec.host;
  let path: string;
  if ("path" in src) path = src.path;
  else {
    const found = cf.found ?? (await findRecord(files.run, src.find.dir, src.find.name));
    if (!found) return { problem: "missing", moved: false };
    path = cf.found = found;
  }
  const read = (p: string, from: number, max: number): Promise<Chunk> =>
    local ? readLocalChunk(p, from, max) : readRemoteChunk(files.run, p, from, max);
  let moved = false;
  for (let i = 0; i < MAX_STEPS; i++) {
    const step = await stepFrom(read, path, cf.cursor);
    if (step.kind === "missing") {
      cf.found = undefined;
      return { problem: "missing", moved };
    }
    if (step.reset === "new_file" && cf.cursor) usage.nextFile(cf.fold);
    if (step.lines.length) usage.fold(cf.fold, step.lines);
    if (step.cursor.offset !== cf.cursor?.offset || step.reset !== "none") moved = true;
    cf.cursor = step.cursor;
    if (!step.more) break;
  }
  const reading = usage.read(cf.fold);
  return { moved, reading, ...(reading.malformed ? { problem: `malformed: ${reading.malformed} line(s)` } : {}) };
}

export async function refreshUsage(core: Core, only?: string[], now = new Date()): Promise<UsageRefresh> {
  const reg = await core.registry.read();
  const tz = localTz();
  const day = localDay(now, tz);
  const prices = core.config.prices;
  const cache = cursorCache.get(core) ?? new Map<string, CursorFile>();
  cursorCache.set(core, cache);
  return withUsageLock(core.stateDir, async () => {
    const ledger: SessionsLedger = await readSessionsLedger(core.stateDir);
    const today: DayLedger = await readDayLedger(core.stateDir, day, tz);
    const out: UsageRefresh = { crossings: [], changed: [] };
    let dirty = false;
    for (const rec of Object.values(reg.sessions)) {
      if (only && !only.includes(rec.name)) continue;
      const prev = ledger.sessions[rec.name];
      // An exited session read after it ended has nothing more to say.
      if (prev && rec.endedAt && prev.at > rec.endedAt && !prev.problem) continue;
      const agent = agentById(rec.agent);
      let cf = cache.get(rec.name) ?? (await readCursor(core.stateDir, rec.name));
      if (!cf || cf.agent !== rec.agent || !agent?.usage || agent.usage.stateProblem(cf.fold) !== null)
        cf = { agent: rec.agent, cursor: null, fold: agent?.usage?.start() ?? null };
      cache.set(rec.name, cf);
      let r: SessionRead;
      try {
        r = await readSession(core, rec, cf);
      } catch (e) {
        r = { problem: `unreadable: ${errorMessage(e)}`, moved: false };
      }
      const entry: SessionUsage = prev ?? {
        agent: rec.agent,
        host: rec.host ?? null,
        at: now.toISOString(),
        model: null,
        byModel: {},
        contextTokens: null,
        contextWindow: null,
        notified: [],
      };
      const was = JSON.stringify(entry);
      entry.at = now.toISOString();
      if (r.reading) {
        const added = diffModels(r.reading.byModel, entry.byModel);
        if (Object.keys(added).length) {
          today.sessions[rec.name] ??= { agent: rec.agent, byModel: {} };
          const d = today.sessions[rec.name]!;
          addModels(d.byModel, added);
          out.changed.push(rec.name);
        }
        entry.byModel = structuredClone(r.reading.byModel);
        entry.model = r.reading.model;
        entry.contextTokens = r.reading.contextTokens;
        entry.contextWindow = r.reading.contextWindow;
        entry.turnMark ??= {};
      }
      if (r.problem) entry.problem = r.problem;
      else delete entry.problem;
      ledger.sessions[rec.name] = entry;
      const written = cursorWritten.get(core) ?? new Map<string, number>();
      cursorWritten.set(core, written);
      if (r.moved && now.getTime() - (written.get(rec.name) ?? 0) >= CURSOR_WRITE_MS) {
        await writeUsageFile(core.stateDir, `cursors/${rec.name}.json`, cf);
        written.set(rec.name, now.getTime());
      }
      const { at: _a, ...a } = JSON.parse(was) as SessionUsage;
      const { at: _b, ...b } = entry;
      if (JSON.stringify(a) !== JSON.stringify(b) || !prev) dirty = true;
      // The session's budget.
      const limit = core.config.budgets.sessionUsd;
      const cost = entry.problem ? null : costOfModels(entry.byModel, prices).costUsd;
      if (limit && cost !== null) {
        const c = crossing(entry.notified, cost, limit);
        if (c) {
          out.crossings.push({ scope: "session", session: rec.name, pct: c, costUsd: cost, limitUsd: limit });
          dirty = true;
        }
      }
    }
    // The day's budget, over every session's part of today.
    const dayLimit = core.config.budgets.dayUsd;
    let dayDirty = out.changed.length > 0;
    if (dayLimit) {
      const cost = dayCost(today, prices);
      if (cost !== null) {
        const c = crossing(today.notified, cost, dayLimit);
        if (c) {
          out.crossings.push({ scope: "day", pct: c, costUsd: cost, limitUsd: dayLimit });
          dayDirty = true;
        }
      }
    }
    if (dirty) await writeUsageFile(core.stateDir, "sessions.json", ledger);
    if (dayDirty) await writeUsageFile(core.stateDir, `day-${day}.json`, today);
    return out;
  });
}

/** The highest threshold newly crossed (marking every lower one as sent too), or null. */
function crossing(notified: number[], cost: number, limit: number): number | null {
  const pct = (cost / limit) * 100;
  const due = BUDGET_STEPS.filter((t) => pct >= t && !notified.includes(t));
  if (!due.length) return null;
  for (const t of due) notified.push(t);
  return due[due.length - 1]!;
}

/** Today's cost over every session; null when some session's model has no price. */
export function dayCost(today: DayLedger, prices: Record<string, ModelPrice>): number | null {
  const all: Record<string, UsageCounts> = {};
  for (const s of Object.values(today.sessions)) addModels(all, s.byModel);
  return costOfModels(all, prices).costUsd;
}

/** The turn that just ended: the totals since the last mark, and the mark moved to now. */
export async function takeTurnUsage(core: Core, name: string): Promise<TurnUsage | null> {
  return withUsageLock(core.stateDir, async () => {
    const ledger = await readSessionsLedger(core.stateDir);
    const e = ledger.sessions[name];
    if (!e || e.problem) return null;
    const part = diffModels(e.byModel, e.turnMark ?? {});
    e.turnMark = structuredClone(e.byModel);
    await writeUsageFile(core.stateDir, "sessions.json", ledger);
    const { contextUsedPct: _c, ...v } = viewOfModels(part, core.config.prices, e.model);
    return v;
  });
}
