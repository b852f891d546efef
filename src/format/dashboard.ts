// The dashboard: one row per session, those that need a person first (with their prompt id and the
// exact reply), then a totals line as in the seed's drawing. Chat style for WhatsApp (no wide tables),
// terminal style as an aligned table.
import type { SessionView } from "../api/types.js";
import { replyLines } from "./prompt.js";
import { STATE_LOOK, type Style, short, shortPath, stateText } from "./states.js";

export function totalsLine(views: SessionView[]): string {
  const count = (f: (v: SessionView) => boolean) => views.filter(f).length;
  const working = count((v) => v.state === "working");
  const waiting = count((v) => v.state === "waiting_approval" || v.state === "waiting_input" || v.state === "trust_prompt");
  const error = count((v) => v.state === "error");
  return `Total: ${views.length} session${views.length === 1 ? "" : "s"} | Working: ${working} | Waiting: ${waiting} | Error: ${error}`;
}

export function sortForDashboard(views: SessionView[]): SessionView[] {
  return [...views].sort((a, b) => STATE_LOOK[a.state].order - STATE_LOOK[b.state].order || a.name.localeCompare(b.name));
}

function note(v: SessionView): string {
  if (v.pending) {
    const p = v.pending;
    const what = p.tool ? `${p.tool}(${short(p.detail, 40)})` : short(p.question || p.detail, 48);
    return `${p.id} · ${what}${p.risk === "high" ? " ⚠️" : ""}`;
  }
  const t = v.progress?.tests;
  if (t) return `${t.passed}/${t.total} tests passing${t.failed ? `, ${t.failed} failing` : ""}`;
  if (v.state === "error" && v.stateReason) return `API error: ${v.stateReason}`;
  if (v.state === "working" && v.currentTool) return short(v.currentTool, 48);
  return "";
}

export function formatDashboard(views: SessionView[], opts: { style: Style; now: Date; width?: number }): string {
  if (!views.length) {
    return opts.style === "chat"
      ? "No Claude Code sessions yet.\nStart one: spawn NAME DIR TASK (e.g. spawn vsr-fix ~/code/vsr fix the schema bug)"
      : "No sessions yet. Start one: wingman spawn --session NAME --workdir DIR --prompt TASK";
  }
  const sorted = sortForDashboard(views);
  if (opts.style === "chat") {
    const lines = ["*Claude Code sessions*"];
    for (const v of sorted) {
      const n = note(v);
      lines.push(`${STATE_LOOK[v.state].emoji} *${v.name}* · ${shortPath(v.workdir, 24)} — ${STATE_LOOK[v.state].label}${n ? ` · ${n}` : ""}`);
      if (v.pending) lines.push(`   ↳ ${replyLines(v.name, v.pending)[0]}`);
    }
    lines.push(totalsLine(views));
    return lines.join("\n");
  }
  const rows = sorted.map((v) => [v.name, shortPath(v.workdir, 28), stateText(v.state), note(v)]);
  const head = ["SESSION", "FOLDER", "STATUS", "DETAIL"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => [...r[i]!].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i < r.length - 1 ? c + " ".repeat(widths[i]! - [...c].length) : c)).join("  ").trimEnd();
  return [fmt(head), ...rows.map(fmt), totalsLine(views)].join("\n");
}
