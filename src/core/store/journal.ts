// History (the seed's "memory") and the audit log: append-only JSON lines in the state dir, rotated by size
// under a lock (files.ts), keeping `audit.keep` old files. Refusals of people who are not owners go to a log
// of their own (`refused-strangers.jsonl`, small, one old file, with a running count), so that strangers
// writing to an assistant open to everyone (`allowFrom: ["*"]`) cannot push the owner's records out.
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AuditEntry, HistoryEntry, SessionSummary } from "../../api/wingman-api.js";
import { appendJsonLine, type RotateOptions, readJsonLines, withFileLock } from "./files.js";
import { redactSecrets } from "../../api/redact.js";
import type { RegistryData } from "./registry.js";

export interface JournalOptions {
  /** History and audit: bytes per file and old files kept (config `audit`). */
  rotate?: RotateOptions;
  /** The strangers' log: bytes per file (one old file is kept). */
  strangersMaxBytes?: number;
}

/** How many refusals of non-owners were ever written, and when the first and the last came. */
export interface StrangerCount {
  count: number;
  first?: string;
  last?: string;
}

export const STRANGERS_MAX_BYTES = 256_000;

export class Journal {
  private readonly historyFile: string;
  private readonly auditFile: string;
  private readonly strangersFile: string;
  private readonly strangersCountFile: string;
  private readonly rotate: RotateOptions;
  private readonly strangersMaxBytes: number;

  constructor(stateDir: string, o: JournalOptions = {}) {
    this.historyFile = join(stateDir, "history.jsonl");
    this.auditFile = join(stateDir, "audit.jsonl");
    this.strangersFile = join(stateDir, "refused-strangers.jsonl");
    this.strangersCountFile = join(stateDir, "refused-strangers.count.json");
    this.rotate = o.rotate ?? {};
    this.strangersMaxBytes = o.strangersMaxBytes ?? STRANGERS_MAX_BYTES;
  }

  /** History is shown in chat (`history`): its free-text detail is redacted before it is written. */
  history(entry: Omit<HistoryEntry, "at"> & { at?: string }): Promise<void> {
    const detail = entry.detail === undefined ? undefined : redactSecrets(entry.detail);
    return appendJsonLine(
      this.historyFile,
      { at: new Date().toISOString(), ...entry, ...(detail === undefined ? {} : { detail }) },
      this.rotate,
    );
  }

  audit(entry: Omit<AuditEntry, "at"> & { at?: string }): Promise<void> {
    return appendJsonLine(this.auditFile, { at: new Date().toISOString(), ...entry }, this.rotate);
  }

  /**
   * A refusal of someone who is not an owner: into the strangers' log (capped: one file of
   * `strangersMaxBytes` and one old one), each line numbered `n` from a count kept beside it, so that how
   * many there were survives the cap. The owner's audit is never touched by a stranger.
   */
  async refusedStranger(entry: Omit<AuditEntry, "at"> & { at?: string }): Promise<void> {
    const at = entry.at ?? new Date().toISOString();
    // The count and the line are written under the count file's lock: concurrent writers never reuse a number.
    await withFileLock(`${this.strangersCountFile}.lock`, async () => {
      const c = await this.strangerCount();
      const next: StrangerCount = { count: c.count + 1, first: c.first ?? at, last: at };
      await appendJsonLine(
        this.strangersFile,
        { at, n: next.count, ...entry },
        { maxBytes: this.strangersMaxBytes, keep: 1 },
      );
      const tmp = `${this.strangersCountFile}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(next)}\n`, { mode: 0o600 });
      await rename(tmp, this.strangersCountFile);
    });
  }

  async strangerCount(): Promise<StrangerCount> {
    try {
      const v = JSON.parse(await readFile(this.strangersCountFile, "utf8")) as Partial<StrangerCount>;
      const count = typeof v.count === "number" && Number.isSafeInteger(v.count) && v.count >= 0 ? v.count : 0;
      return {
        count,
        ...(typeof v.first === "string" ? { first: v.first } : {}),
        ...(typeof v.last === "string" ? { last: v.last } : {}),
      };
    } catch {
      return { count: 0 };
    }
  }

  async readStrangers(limit = 50): Promise<Array<AuditEntry & { n: number }>> {
    return (await readJsonLines<AuditEntry & { n: number }>(this.strangersFile)).slice(-limit);
  }

  async readHistory(limit = 50): Promise<HistoryEntry[]> {
    const all = await readJsonLines<HistoryEntry>(this.historyFile);
    return all.slice(-limit);
  }

  async readAudit(limit = 50): Promise<AuditEntry[]> {
    const all = await readJsonLines<AuditEntry>(this.auditFile);
    return all.slice(-limit);
  }

  /** One summary per session, newest first: duration, outcome, how many approvals and prompts. */
  async summaries(registry: RegistryData, limit = 20): Promise<SessionSummary[]> {
    const entries = await readJsonLines<HistoryEntry>(this.historyFile);
    const byRun = new Map<string, SessionSummary>();
    for (const e of entries) {
      if (e.event === "spawned") {
        byRun.set(e.session, {
          name: e.session,
          workdir: e.workdir ?? "",
          createdAt: e.at,
          outcome: "running",
          approvals: 0,
          prompts: 0,
        });
        continue;
      }
      const s = byRun.get(e.session);
      if (!s) continue;
      if (e.event === "prompt") s.prompts++;
      if (["approved", "always", "auto_approved"].includes(e.event)) s.approvals++;
      if (e.event === "exited" || e.event === "killed") {
        s.endedAt = e.at;
        s.outcome = e.event === "killed" ? "killed" : (e.detail ?? "exited");
        s.durationMs = Date.parse(e.at) - Date.parse(s.createdAt);
      }
    }
    for (const s of byRun.values()) {
      const live = registry.sessions[s.name];
      if (!s.endedAt && live && !live.endedAt) s.outcome = live.lastState ?? "running";
    }
    return [...byRun.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, limit);
  }
}
