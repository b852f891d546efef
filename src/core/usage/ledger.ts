// Where usage is kept: files of its own under `<state>/usage/`, not the registry (status reads them, the
// monitor and `usage` write them; every write is atomic and owner-only, under one lock).
//   sessions.json        each session's totals per model as last read, and which budget lines went out
//   day-YYYY-MM-DD.json  what each session used on that local day (the tokens added while it was that day)
//   cursors/NAME.json    where the session's record was read up to, and the agent's fold state
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { UsageCounts } from "../../agents/agent.js";
import { byModelProblem, isObject } from "../../api/usage-counts.js";
import { ensurePrivateDir, withFileLock, writeFileAtomic } from "../store/files.js";
import type { FileCursor } from "./record-file.js";

export interface SessionUsage {
  agent: string;
  host: string | null;
  /** When the record last told something new (a refresh that finds nothing new does not write the ledger). */
  at: string;
  model: string | null;
  byModel: Record<string, UsageCounts>;
  contextTokens: number | null;
  contextWindow: number | null;
  /** Why nothing (or nothing trustworthy) is known. */
  problem?: string;
  /** Budget lines already sent for this session (80, 100). */
  notified: number[];
  /** Totals at the end of the last turn ("finished"), for the next turn's part. */
  turnMark?: Record<string, UsageCounts>;
}

export interface SessionsLedger {
  version: 1;
  sessions: Record<string, SessionUsage>;
}

export interface DayLedger {
  version: 1;
  day: string;
  tz: string;
  sessions: Record<string, { agent: string; byModel: Record<string, UsageCounts> }>;
  notified: number[];
}

export interface CursorFile {
  agent: string;
  cursor: FileCursor | null;
  fold: unknown;
  /** The path found for an agent whose record is found by name: not searched for again. */
  found?: string;
}

export const usageDir = (stateDir: string) => join(stateDir, "usage");

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    return undefined;
  }
}

/** A ledger file is hostile until checked: anything not in shape is dropped, never trusted. */
export async function readSessionsLedger(stateDir: string): Promise<SessionsLedger> {
  const raw = await readJson(join(usageDir(stateDir), "sessions.json"));
  const out: SessionsLedger = { version: 1, sessions: {} };
  if (!isObject(raw) || !isObject(raw.sessions)) return out;
  for (const [name, s] of Object.entries(raw.sessions)) {
    if (!isObject(s) || typeof s.agent !== "string" || typeof s.at !== "string" || byModelProblem(s.byModel)) continue;
    out.sessions[name] = {
      agent: s.agent,
      host: typeof s.host === "string" ? s.host : null,
      at: s.at,
      model: typeof s.model === "string" ? s.model : null,
      byModel: s.byModel as Record<string, UsageCounts>,
      contextTokens: typeof s.contextTokens === "number" ? s.contextTokens : null,
      contextWindow: typeof s.contextWindow === "number" ? s.contextWindow : null,
      ...(typeof s.problem === "string" ? { problem: s.problem } : {}),
      notified: Array.isArray(s.notified) ? s.notified.filter((n): n is number => typeof n === "number") : [],
      ...(s.turnMark && !byModelProblem(s.turnMark) ? { turnMark: s.turnMark as Record<string, UsageCounts> } : {}),
    };
  }
  return out;
}

export async function readDayLedger(stateDir: string, day: string, tz: string): Promise<DayLedger> {
  const raw = await readJson(join(usageDir(stateDir), `day-${day}.json`));
  const out: DayLedger = { version: 1, day, tz, sessions: {}, notified: [] };
  if (!isObject(raw) || !isObject(raw.sessions)) return out;
  for (const [name, s] of Object.entries(raw.sessions))
    if (isObject(s) && typeof s.agent === "string" && !byModelProblem(s.byModel))
      out.sessions[name] = { agent: s.agent, byModel: s.byModel as Record<string, UsageCounts> };
  if (Array.isArray(raw.notified)) out.notified = raw.notified.filter((n): n is number => typeof n === "number");
  return out;
}

export async function readCursor(stateDir: string, name: string): Promise<CursorFile | null> {
  const raw = await readJson(join(usageDir(stateDir), "cursors", `${name}.json`));
  if (!isObject(raw) || typeof raw.agent !== "string") return null;
  const c = raw.cursor;
  const cursor =
    isObject(c) &&
    typeof c.path === "string" &&
    typeof c.fileId === "string" &&
    typeof c.offset === "number" &&
    typeof c.head === "string"
      ? (c as unknown as FileCursor)
      : null;
  return {
    agent: raw.agent,
    cursor,
    fold: raw.fold,
    ...(typeof raw.found === "string" ? { found: raw.found } : {}),
  };
}

export async function writeUsageFile(stateDir: string, file: string, value: unknown): Promise<void> {
  const dir = usageDir(stateDir);
  await ensurePrivateDir(dir);
  if (file.startsWith("cursors/")) await ensurePrivateDir(join(dir, "cursors"));
  await writeFileAtomic(join(dir, file), `${JSON.stringify(value)}\n`);
}

export async function removeCursor(stateDir: string, name: string): Promise<void> {
  await rm(join(usageDir(stateDir), "cursors", `${name}.json`), { force: true });
}

export async function withUsageLock<T>(stateDir: string, fn: () => Promise<T>): Promise<T> {
  await ensurePrivateDir(usageDir(stateDir));
  return withFileLock(join(usageDir(stateDir), "usage.lock"), fn);
}

/** The local day of `at` in time zone `tz` (YYYY-MM-DD). */
export function localDay(at: Date, tz: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    at,
  );
}

export function localTz(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}
