// History (the seed's "memory") and the audit log: append-only JSON lines in the state dir, rotated by size.
import { join } from "node:path";
import type { AuditEntry, HistoryEntry, SessionSummary } from "../../api/wingman-api.js";
import { appendJsonLine, readJsonLines } from "./files.js";
import { redactSecrets } from "../../api/redact.js";
import type { RegistryData } from "./registry.js";

export class Journal {
  private readonly historyFile: string;
  private readonly auditFile: string;

  constructor(stateDir: string) {
    this.historyFile = join(stateDir, "history.jsonl");
    this.auditFile = join(stateDir, "audit.jsonl");
  }

  /** History is shown in chat (`history`): its free-text detail is redacted before it is written. */
  history(entry: Omit<HistoryEntry, "at"> & { at?: string }): Promise<void> {
    const detail = entry.detail === undefined ? undefined : redactSecrets(entry.detail);
    return appendJsonLine(this.historyFile, { at: new Date().toISOString(), ...entry, ...(detail === undefined ? {} : { detail }) });
  }

  audit(entry: Omit<AuditEntry, "at"> & { at?: string }): Promise<void> {
    return appendJsonLine(this.auditFile, { at: new Date().toISOString(), ...entry });
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
