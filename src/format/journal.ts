// History and audit as people read them: short lines on the phone, columns in a terminal.
import type { AuditEntry, SessionSummary } from "../api/wingman-api.js";
import type { Style } from "./states.js";
import { duration } from "./time.js";

export function formatHistory(sessions: SessionSummary[], style: Style): string {
  if (!sessions.length) return "No sessions yet.";
  if (style === "chat") {
    return sessions
      .map((s) => `• ${s.name} · ${s.durationMs !== undefined ? duration(s.durationMs / 1000) : "running"} · ${s.outcome} · ${s.approvals} approvals`)
      .join("\n");
  }
  return sessions
    .map((s) => {
      const dur = s.durationMs !== undefined ? `${Math.round(s.durationMs / 60000)} min` : "running";
      return `${s.createdAt.slice(0, 16).replace("T", " ")}  ${s.name}  ${dur}  ${s.outcome}  ${s.approvals} approvals  ${s.workdir}`;
    })
    .join("\n");
}

export function formatAudit(entries: AuditEntry[], style: Style): string {
  if (!entries.length) return "No answers recorded yet.";
  if (style === "chat") {
    return entries.map((e) => `• ${e.at.slice(11, 16)} ${e.session} ${e.action}${e.promptId ? ` ${e.promptId}` : ""} · ${e.outcome} · ${e.actor}`).join("\n");
  }
  return entries
    .map((e) => `${e.at}  ${e.channel}:${e.actor}  ${e.session}  ${e.action}${e.promptId ? ` ${e.promptId}` : ""}  ${e.outcome}  ${e.message}`)
    .join("\n");
}
