// Longer than 300 lines: loading, the per-record validation (every field is hostile until checked) and trimming
// belong with the file they guard.
// The registry: one JSON file with every session Wingman started and what it learned about it.
// Shared by the CLI and the host's monitor, so every change is a locked read-modify-write.
import { createHash } from "node:crypto";
import { readFile, rename, stat } from "node:fs/promises";
import { join } from "node:path";
import { errorMessage } from "../../api/errors.js";
import type { Logger } from "../../api/notify.js";
import { agentById, DEFAULT_AGENT } from "../../agents/index.js";
import { isHostName } from "../../config.js";
import { ensurePrivateDir, inOrder, withFileLock, writeFileAtomic } from "./files.js";
import { isPromptId, isValidName, quote } from "./names.js";
import { type PendingPrompt, SESSION_STATES, type SessionState, type TestProgress } from "../../api/types.js";
import type { WorktreeInfo } from "../../api/workspaces.js";
import { MODEL_MAX, MODEL_NAME } from "../../api/wingman-api.js";

export const REGISTRY_VERSION = 1;

export interface PromptRecord {
  at: string;
  text: string;
  by?: string;
}

export interface SessionRecord {
  name: string;
  workdir: string;
  agent: string;
  /** The model chosen at spawn (`model=M`), passed again on resume; missing: the agent's own default. */
  model?: string;
  /** The configured host the session runs on; null (or missing, in older records) for this machine. */
  host?: string | null;
  createdAt: string;
  createdBy?: string;
  lastActivityAt: string;
  paneId?: string;
  panePid?: number;
  agentSessionId?: string;
  transcriptPath?: string;
  resumeCommand?: string;
  prompts: PromptRecord[];
  /** What the agent's signals (hooks, notify) have told, folded by the agent; opaque to the core. */
  hook: Record<string, unknown>;
  pending: PendingPrompt | null;
  lastState?: SessionState;
  lastStateAt?: string;
  stateReason?: string;
  lastMessage?: string;
  progress?: { tests?: TestProgress };
  approvals: number;
  autoApproved: number;
  endedAt?: string;
  endReason?: string;
  /** When `resume` last started the agent again on its conversation. */
  resumedAt?: string;
  /** Last time the screen was seen changing (for "stalled"). */
  screenChangedAt?: string;
  screenHash?: string;
  /**
   * Follow-ups waiting for the session to be idle, oldest first (at most MAX_QUEUED; sessions/queue.ts). A spawn's
   * first prompt kept for a dialog is item 0. Older records' `queuedPrompt` is read as item 0.
   */
  queue?: QueuedText[];
  /** The highest PermissionRequest seq seen answered or gone (so a stale hook is not revived). */
  resolvedSeq?: number;
  /** When the last pending prompt left the screen (answered here, at the keyboard, or gone). */
  promptClosedAt?: string;
  /** The prompt Wingman is pressing keys for right now: its closing is Wingman's answer, not "closed elsewhere". */
  answering?: { id: string; at: string };
  /** The session's own git worktree (missing in older records: none). */
  worktree?: WorktreeInfo | null;
  /** A pane a person started by hand and adopted (docs/adopt.md): Wingman reads and answers it, never kills it. */
  adopted?: AdoptedPaneRef;
}

/** Where an adopted pane is: its tmux server's socket (absolute path) and its `%id` there. */
export interface AdoptedPaneRef {
  socket: string;
  paneId: string;
  /** `socket:session:window.pane` as it was adopted (for people; the pane is found by its id). */
  target: string;
  /** In a git repository on a branch: that branch and the commit it was at, which `changes` reads from. */
  since?: WorktreeInfo;
}

/** A follow-up kept until the session is idle: the text as checked when it was queued, who sent it, when. */
export interface QueuedText {
  text: string;
  by?: string;
  at: string;
}

/** The most follow-ups one session keeps (the contract: an 11th is refused). */
export const MAX_QUEUED = 10;
/** The longest text a queued item may hold (the same bound as any text typed into an agent, sessions/checks.ts). */
const MAX_QUEUED_TEXT = 8000;

export interface RegistryData {
  version: number;
  sessions: Record<string, SessionRecord>;
  /** Prompt ids ever handed out (bounded), so an id is never reused. */
  usedIds: string[];
  /** actor id -> session -> the prompt id this person was last shown. */
  shown: Record<string, Record<string, string>>;
  /** The last authorized WhatsApp sender seen, for notifications without a configured target. */
  lastOwner?: string;
}

const MAX_USED_IDS = 5000;
export const MAX_PROMPTS_KEPT = 10;

export function emptyRegistry(): RegistryData {
  return { version: REGISTRY_VERSION, sessions: {}, usedIds: [], shown: {} };
}

export class Registry {
  readonly file: string;
  private readonly lockFile: string;
  private readonly logger: Logger;

  constructor(
    readonly stateDir: string,
    logger: Logger,
  ) {
    this.file = join(stateDir, "registry.json");
    this.lockFile = join(stateDir, "registry.lock");
    this.logger = logger;
  }

  /**
   * Read without the lock: a consistent snapshot (writes are atomic renames). Records that fail validation
   * (see checkRecord) are not in it; the first read that finds them moves them out, under the lock.
   */
  async read(): Promise<RegistryData> {
    const { data, rejected } = await this.load();
    if (!rejected.length) return data;
    try {
      return await this.update((d) => d);
    } catch (e) {
      this.logger.warn(
        `registry ${this.file}: could not move ${rejected.length} invalid record(s) aside (${errorMessage(e)}); ignoring them`,
      );
      return data;
    }
  }

  /** Locked read-modify-write, this process's in order (inOrder). `fn` may mutate the data; written back only if fn returns normally. */
  update<T>(fn: (data: RegistryData) => T | Promise<T>): Promise<T> {
    const locked = () =>
      withFileLock(this.lockFile, async () => {
        const { data, rejected } = await this.load();
        if (rejected.length) await this.moveRejected(data, rejected);
        const before = JSON.stringify(data, null, 1);
        const result = await fn(data);
        trimRegistry(data);
        const after = JSON.stringify(data, null, 1);
        if (after !== before) await writeFileAtomic(this.file, after);
        return result;
      });
    return inOrder(this.lockFile, () => this.privateDir().then(locked));
  }

  private privateDir() {
    return ensurePrivateDir(this.stateDir, (m) => this.logger.warn(m));
  }

  /** The registry as stored, with the records that failed validation set apart. */
  private async load(): Promise<{ data: RegistryData; rejected: Rejection[] }> {
    await this.privateDir();
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return { data: emptyRegistry(), rejected: [] };
      throw e;
    }
    const parsed = parseRegistry(text);
    if (parsed) return parsed;
    // Corrupt or truncated: keep the evidence, say so, and go on from the live panes.
    const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await rename(this.file, aside).catch(() => {});
    this.logger.warn(`registry ${this.file} was unreadable; moved aside to ${aside}; re-adopting live sessions`);
    return { data: emptyRegistry(), rejected: [] };
  }

  /**
   * Under the lock: each rejected record goes to its own file in registry.rejected/ (never deleted; the
   * name is the key made safe plus a hash of key and record, so a retry does not write it twice), then the
   * registry is written without them, then each is reported once.
   */
  private async moveRejected(data: RegistryData, rejected: Rejection[]): Promise<void> {
    const dir = join(this.stateDir, REJECTED_DIR);
    await ensurePrivateDir(dir, (m) => this.logger.warn(m));
    const files: string[] = [];
    for (const r of rejected) {
      const hash = createHash("sha256")
        .update(JSON.stringify([r.key, r.record ?? null]))
        .digest("hex")
        .slice(0, 12);
      const safe = r.key.replace(/[^a-z0-9-]/g, "_").slice(0, 40) || "_";
      const file = join(dir, `${safe}-${hash}.json`);
      if (!(await stat(file).catch(() => null))) {
        const body = { key: r.key, reason: r.reason, rejectedAt: new Date().toISOString(), record: r.record ?? null };
        await writeFileAtomic(file, `${JSON.stringify(body, null, 1)}\n`);
      }
      files.push(file);
    }
    await writeFileAtomic(this.file, JSON.stringify(data, null, 1));
    rejected.forEach((r, i) => {
      this.logger.warn(`registry record ${quote(r.key)} was not valid (${r.reason}); moved to ${files[i]}`);
    });
  }
}

/** Where records that fail validation are kept, one file each. */
export const REJECTED_DIR = "registry.rejected";

interface Rejection {
  key: string;
  record: unknown;
  reason: string;
}

function parseRegistry(text: string): { data: RegistryData; rejected: Rejection[] } | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(v) || !isObject(v.sessions)) return null;
  if (typeof v.version === "number" && v.version > REGISTRY_VERSION) return null;
  const sessions: Record<string, SessionRecord> = {};
  const rejected: Rejection[] = [];
  for (const [key, value] of Object.entries(v.sessions)) {
    const checked = checkRecord(key, value);
    if (typeof checked === "string") rejected.push({ key, record: value, reason: checked });
    else sessions[key] = checked; // a valid name: never __proto__ or the like
  }
  const data: RegistryData = {
    version: REGISTRY_VERSION,
    sessions,
    usedIds: Array.isArray(v.usedIds)
      ? v.usedIds.filter((id): id is string => typeof id === "string" && isPromptId(id))
      : [],
    shown: shownMaps(v.shown),
  };
  if (typeof v.lastOwner === "string") data.lastOwner = v.lastOwner;
  return { data, rejected };
}

/** actor -> session -> id, keeping only string ids (built with fromEntries: a key `__proto__` stays a key). */
function shownMaps(v: unknown): RegistryData["shown"] {
  if (!isObject(v)) return {};
  const actors: Array<[string, Record<string, string>]> = [];
  for (const [actor, m] of Object.entries(v)) {
    if (!isObject(m)) continue;
    const ids = Object.entries(m).filter((e): e is [string, string] => typeof e[1] === "string");
    if (ids.length) actors.push([actor, Object.fromEntries(ids)]);
  }
  return Object.fromEntries(actors);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  if (v === undefined) return "missing";
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

const OPTIONAL_STRINGS = [
  "createdBy",
  "paneId",
  "agentSessionId",
  "transcriptPath",
  "resumeCommand",
  "lastStateAt",
  "stateReason",
  "lastMessage",
  "endedAt",
  "endReason",
  "screenChangedAt",
  "screenHash",
  "promptClosedAt",
  "resumedAt",
] as const;

/**
 * A stored record as Wingman can use it, or why not. The key must be a valid session name and the
 * record's own name (both end up in paths: events/<name>, locks/<name>.lock); the fields Wingman reads
 * must have their types. Harmless gaps are filled (no agent: the default one; no counts: 0; no pending: null);
 * fields Wingman does not know are kept.
 */
export function checkRecord(key: string, value: unknown): SessionRecord | string {
  if (!isValidName(key)) return `its key ${quote(key)} is not a valid session name`;
  if (!isObject(value)) return `the record is ${kindOf(value)}, not an object`;
  const r: Record<string, unknown> = { ...value };
  if (r.name !== key)
    return `its name ${typeof r.name === "string" ? quote(r.name) : kindOf(r.name)} is not its key ${quote(key)}`;
  r.agent ??= DEFAULT_AGENT;
  r.host ??= null;
  if (r.host !== null && !isHostName(r.host)) return `host is ${kindOf(r.host)}, not a host name or null`;
  r.pending ??= null;
  r.approvals ??= 0;
  r.autoApproved ??= 0;
  for (const f of ["workdir", "agent", "createdAt", "lastActivityAt"]) {
    if (typeof r[f] !== "string") return `${f} is ${kindOf(r[f])}, not a string`;
  }
  for (const f of ["approvals", "autoApproved"]) {
    if (typeof r[f] !== "number" || !Number.isFinite(r[f])) return `${f} is ${kindOf(r[f])}, not a number`;
  }
  if (!Array.isArray(r.prompts)) return `prompts is ${kindOf(r.prompts)}, not a list`;
  if (
    !r.prompts.every(
      (p) => isObject(p) && typeof p.text === "string" && typeof p.at === "string" && optional(p.by, "string"),
    )
  ) {
    return "prompts has an entry that is not {at, text}";
  }
  if (!isObject(r.hook)) return `hook is ${kindOf(r.hook)}, not an object`;
  const agent = agentById(String(r.agent));
  if (!agent) return `its agent ${quote(String(r.agent))} is not one this Wingman knows`;
  const stateProblem = agent.stateProblem(r.hook);
  if (stateProblem) return stateProblem;
  if (r.pending !== null && !isStoredPending(r.pending)) return `pending is ${kindOf(r.pending)}, not a prompt or null`;
  for (const f of OPTIONAL_STRINGS) if (!optional(r[f], "string")) return `${f} is ${kindOf(r[f])}, not a string`;
  // The model goes into the agent's argv on resume: the same rule as when it was typed.
  if (
    r.model !== undefined &&
    !(typeof r.model === "string" && r.model.length <= MODEL_MAX && MODEL_NAME.test(r.model))
  )
    return "model is not a model name";
  for (const f of ["panePid", "resolvedSeq"])
    if (!optional(r[f], "number")) return `${f} is ${kindOf(r[f])}, not a number`;
  if (r.lastState !== undefined && !(SESSION_STATES as readonly unknown[]).includes(r.lastState))
    return "lastState is not a session state";
  if (
    r.progress !== undefined &&
    !(isObject(r.progress) && (r.progress.tests === undefined || isObject(r.progress.tests)))
  ) {
    return "progress is not {tests}";
  }
  if (
    r.queuedPrompt !== undefined &&
    !(isObject(r.queuedPrompt) && typeof r.queuedPrompt.text === "string" && optional(r.queuedPrompt.by, "string"))
  ) {
    return "queuedPrompt is not {text}";
  }
  const queueProblem = checkQueue(r);
  if (queueProblem) return queueProblem;
  if (r.worktree !== undefined && r.worktree !== null && !isWorktree(r.worktree))
    return "worktree is not {repo, path, branch, base, baseCommit}";
  if (r.adopted !== undefined && !isAdoptedRef(r.adopted)) return "adopted is not {socket, paneId, target}";
  if (
    r.answering !== undefined &&
    !(isObject(r.answering) && typeof r.answering.id === "string" && typeof r.answering.at === "string")
  ) {
    return "answering is not {id, at}";
  }
  return r as unknown as SessionRecord;
}

/** An adopted pane: an absolute socket path and a `%id` (both go into tmux's argv), no control characters. */
function isAdoptedRef(a: unknown): boolean {
  if (!isObject(a)) return false;
  const { socket, paneId, target } = a;
  if (a.since !== undefined && !isWorktree(a.since)) return false;
  return (
    typeof socket === "string" &&
    socket.startsWith("/") &&
    !/[\x00-\x1f\x7f]/.test(socket) &&
    typeof paneId === "string" &&
    /^%\d+$/.test(paneId) &&
    typeof target === "string" &&
    !/[\x00-\x1f\x7f]/.test(target)
  );
}

/**
 * The follow-up queue: a list of at most MAX_QUEUED {text, at, by?}, each text a bounded string. A second-wave
 * record's `queuedPrompt` becomes item 0 (mutates `r`). What a text holds is checked again by the text rule
 * when it is typed (sessions/queue.ts): a hostile file's control characters never reach a pane.
 */
function checkQueue(r: Record<string, unknown>): string | null {
  if (r.queue !== undefined && !Array.isArray(r.queue)) return `queue is ${kindOf(r.queue)}, not a list`;
  const q = (r.queue ?? []) as unknown[];
  if (isObject(r.queuedPrompt)) {
    const old = r.queuedPrompt as { text: string; by?: string };
    q.unshift({ text: old.text, ...(old.by === undefined ? {} : { by: old.by }), at: String(r.createdAt) });
  }
  delete r.queuedPrompt;
  if (q.length > MAX_QUEUED) return `queue has ${q.length} items, more than ${MAX_QUEUED}`;
  for (const item of q) {
    if (
      !isObject(item) ||
      typeof item.text !== "string" ||
      item.text.length > MAX_QUEUED_TEXT ||
      typeof item.at !== "string" ||
      !optional(item.by, "string")
    )
      return `queue has an entry that is not {text, at} (text at most ${MAX_QUEUED_TEXT} characters)`;
  }
  if (q.length) r.queue = q;
  else delete r.queue;
  return null;
}

/** A worktree record: absolute paths and git names as strings (they go into git's argv, never a shell). */
function isWorktree(w: unknown): boolean {
  if (!isObject(w)) return false;
  if (
    !["repo", "path", "branch", "base", "baseCommit"].every(
      (f) => typeof w[f] === "string" && (w[f] as string).length > 0,
    )
  )
    return false;
  if (
    !(w.path as string).startsWith("/") ||
    !(w.repo as string).startsWith("/") ||
    (w.branch as string).startsWith("-") ||
    (w.base as string).startsWith("-")
  )
    return false;
  return optional(w.mergedCommit, "string") && optional(w.mergedTip, "string");
}

function optional(v: unknown, type: "string" | "number"): boolean {
  return v === undefined || typeof v === type;
}

/** Enough of a stored prompt for what reads it: an id, a kind and options with labels. */
function isStoredPending(p: unknown): boolean {
  if (!isObject(p) || typeof p.id !== "string" || typeof p.kind !== "string" || !Array.isArray(p.options)) return false;
  if (!p.options.every((o) => isObject(o) && typeof o.label === "string")) return false;
  for (const f of ["question", "tool", "detail", "body", "header", "fingerprint", "since"]) {
    if (p[f] !== undefined && p[f] !== null && typeof p[f] !== "string") return false;
  }
  return p.riskReasons === undefined || Array.isArray(p.riskReasons);
}

function trimRegistry(data: RegistryData): void {
  if (data.usedIds.length > MAX_USED_IDS) data.usedIds = data.usedIds.slice(-MAX_USED_IDS);
  for (const s of Object.values(data.sessions)) {
    if (s.prompts.length > MAX_PROMPTS_KEPT) s.prompts = s.prompts.slice(-MAX_PROMPTS_KEPT);
  }
}
