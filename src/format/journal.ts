// History and audit as people read them: short lines on the phone, columns in a terminal. Times are local
// with their zone written out (quiet hours are local too); JSON output keeps the UTC ISO times.
import type { AuditEntry, SessionSummary } from "../api/wingman-api.js";
import type { Style } from "./states.js";
import { duration, localTime } from "./time.js";
import { displayWidth, padEndWidth } from "./width.js";

/** `timeZone`: for tests; by default the local zone. */
export interface JournalOptions {
  timeZone?: string;
}

export function formatHistory(sessions: SessionSummary[], style: Style, o: JournalOptions = {}): string {
  if (!sessions.length) return "No sessions yet.";
  const tz = o.timeZone ? { timeZone: o.timeZone } : {};
  if (style === "chat") {
    return sessions
      .map(
        (s) =>
          `• ${s.name} · ${localTime(s.createdAt, tz)} · ${s.durationMs !== undefined ? duration(s.durationMs / 1000) : "running"} · ${s.outcome} · ${s.approvals} approvals`,
      )
      .join("\n");
  }
  const rows = sessions.map((s) => [
    localTime(s.createdAt, tz),
    s.name,
    s.durationMs !== undefined ? `${Math.round(s.durationMs / 60000)} min` : "running",
    s.outcome,
    `${s.approvals} approvals`,
    s.workdir,
  ]);
  return aligned(rows);
}

export function formatAudit(entries: AuditEntry[], style: Style, o: JournalOptions = {}): string {
  if (!entries.length) return "No answers recorded yet.";
  const tz = o.timeZone ? { timeZone: o.timeZone } : {};
  if (style === "chat") {
    return entries
      .map(
        (e) =>
          `• ${localTime(e.at, { ...tz, short: true })} ${e.session} ${e.action}${e.promptId ? ` ${e.promptId}` : ""} · ${e.outcome} · ${e.actor}`,
      )
      .join("\n");
  }
  const rows = entries.map((e) => [
    localTime(e.at, tz),
    who(e),
    e.session,
    `${e.action}${e.promptId ? ` ${e.promptId}` : ""}`,
    e.outcome,
    e.message,
  ]);
  return aligned(rows);
}

/** Who answered, as `channel:id`: an actor id that already names its channel (`cli:root`) is not prefixed again. */
function who(e: AuditEntry): string {
  return e.actor.startsWith(`${e.channel}:`) ? e.actor : `${e.channel}:${e.actor}`;
}

/** Columns padded to terminal display width; the last one is left as it is. */
export function aligned(rows: string[][]): string {
  const n = rows[0]?.length ?? 0;
  const widths = Array.from({ length: n - 1 }, (_, i) => Math.max(...rows.map((r) => displayWidth(r[i]!))));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i < n - 1 ? padEndWidth(c, widths[i]!) : c))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}
