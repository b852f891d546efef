// The registry: one JSON file with every session Wingman started and what it learned about it.
// Shared by the CLI and the host's monitor, so every change is a locked read-modify-write.
import { readFile, rename } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "./notifier.js";
import { ensurePrivateDir, withFileLock, writeFileAtomic } from "./files.js";
import type { PendingPrompt, SessionState, TestProgress } from "./types.js";

export const REGISTRY_VERSION = 1;

/** What the hook events have told us, folded (see agents/claude-code/hooks.ts). */
export interface HookState {
  /** Name of the last event file folded in; later files are new. */
  cursor?: string;
  /** The turn as hooks see it. */
  turn?: "working" | "idle" | "error" | "exited";
  turnAt?: string;
  /** When the last hook event of any kind arrived. */
  lastEventAt?: string;
  /** StopFailure's error kind. */
  errorKind?: string;
  /** An outstanding PermissionRequest: no PostToolUse / new prompt since. */
  permission?: { tool: string; input: Record<string, unknown>; at: string; seq: number } | null;
  /** Counts PermissionRequest events, so a repeat of the same command is a new request. */
  permissionSeq?: number;
  /** The tool that is running (PreToolUse without PostToolUse). */
  runningTool?: { tool: string; input: Record<string, unknown>; at: string } | null;
  sessionEndReason?: string;
  lastNotification?: { type: string; at: string };
}

export interface PromptRecord {
  at: string;
  text: string;
  by?: string;
}

export interface SessionRecord {
  name: string;
  workdir: string;
  agent: string;
  createdAt: string;
  createdBy?: string;
  lastActivityAt: string;
  paneId?: string;
  panePid?: number;
  agentSessionId?: string;
  transcriptPath?: string;
  resumeCommand?: string;
  prompts: PromptRecord[];
  hook: HookState;
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
  /** Last time the screen was seen changing (for "stalled"). */
  screenChangedAt?: string;
  screenHash?: string;
  /** A first prompt waiting for a dialog (trust) to be answered. */
  queuedPrompt?: { text: string; by?: string };
  /** The highest PermissionRequest seq seen answered or gone (so a stale hook is not revived). */
  resolvedSeq?: number;
  /** When the last pending prompt left the screen (answered here, at the keyboard, or gone). */
  promptClosedAt?: string;
  /** The prompt Wingman is pressing keys for right now: its closing is Wingman's answer, not "closed elsewhere". */
  answering?: { id: string; at: string };
}

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

  /** Read without the lock: a consistent snapshot (writes are atomic renames). */
  async read(): Promise<RegistryData> {
    await ensurePrivateDir(this.stateDir);
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return emptyRegistry();
      throw e;
    }
    const parsed = parseRegistry(text);
    if (parsed) return parsed;
    // Corrupt or truncated: keep the evidence, say so, and go on from the live panes.
    const aside = `${this.file}.corrupt-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await rename(this.file, aside).catch(() => {});
    this.logger.warn(`registry ${this.file} was unreadable; moved aside to ${aside}; re-adopting live sessions`);
    return emptyRegistry();
  }

  /** Locked read-modify-write. `fn` may mutate the data; it is written back only if fn returns normally. */
  async update<T>(fn: (data: RegistryData) => T | Promise<T>): Promise<T> {
    await ensurePrivateDir(this.stateDir);
    return withFileLock(this.lockFile, async () => {
      const data = await this.read();
      const before = JSON.stringify(data, null, 1);
      const result = await fn(data);
      trimRegistry(data);
      const after = JSON.stringify(data, null, 1);
      if (after !== before) await writeFileAtomic(this.file, after);
      return result;
    });
  }
}

function parseRegistry(text: string): RegistryData | null {
  try {
    const v = JSON.parse(text) as Partial<RegistryData>;
    if (!v || typeof v !== "object" || typeof v.sessions !== "object" || v.sessions === null) return null;
    if (typeof v.version === "number" && v.version > REGISTRY_VERSION) return null;
    return {
      version: REGISTRY_VERSION,
      sessions: v.sessions,
      usedIds: Array.isArray(v.usedIds) ? v.usedIds : [],
      shown: v.shown && typeof v.shown === "object" ? v.shown : {},
      lastOwner: v.lastOwner,
    };
  } catch {
    return null;
  }
}

function trimRegistry(data: RegistryData): void {
  if (data.usedIds.length > MAX_USED_IDS) data.usedIds = data.usedIds.slice(-MAX_USED_IDS);
  for (const s of Object.values(data.sessions)) {
    if (s.prompts.length > MAX_PROMPTS_KEPT) s.prompts = s.prompts.slice(-MAX_PROMPTS_KEPT);
  }
}
