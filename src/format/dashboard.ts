// The dashboard: one row per session, those that need a person first (with their prompt id and the
// exact reply), then a totals line as in the seed's drawing. Chat style for WhatsApp (no wide tables),
// terminal style as a table aligned by terminal display width (emoji and CJK take two columns).
// The agent is shown only when the fleet is mixed (an AGENT column, or a tag on the phone), so the common
// one-agent fleet stays as compact as before; the same for the machine (a HOST column and a totals line per
// host, only when a session runs elsewhere). Exited sessions that can be resumed get a hint line.
import { agentWord } from "../agents/index.js";
import type { SessionView } from "../api/types.js";
import { type Paint, noPaint, toneOf } from "./color.js";
import { replyLines } from "./prompt.js";
import { STATE_LOOK, type Style, short, shortPath, stateText } from "./states.js";
import { money } from "./usage.js";
import { cutToWidth, displayWidth, padEndWidth } from "./width.js";

/**
 * Session and host names ([a-z0-9-]) in the order localeCompare gives them (checked: the same for every such
 * name), without its first call building an ICU collator (~7 ms of CPU a cold `wingman status` would pay).
 */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function totalsLine(views: SessionView[]): string {
  const count = (f: (v: SessionView) => boolean) => views.filter(f).length;
  const working = count((v) => v.state === "working");
  const waiting = count(
    (v) => v.state === "waiting_approval" || v.state === "waiting_input" || v.state === "trust_prompt",
  );
  const error = count((v) => v.state === "error");
  return `Total: ${views.length} session${views.length === 1 ? "" : "s"} | Working: ${working} | Waiting: ${waiting} | Error: ${error}`;
}

export function sortForDashboard(views: SessionView[]): SessionView[] {
  return [...views].sort((a, b) => STATE_LOOK[a.state].order - STATE_LOOK[b.state].order || byName(a.name, b.name));
}

/** Exited sessions whose agent can continue their conversation (`wingman resume`). */
export function resumable(views: SessionView[]): SessionView[] {
  return views.filter((v) => v.state === "exited" && (!!v.resumeCommand || !!v.agentSessionId));
}

/** True when more than one agent runs in the fleet: only then is the agent worth a column. */
export function mixedAgents(views: SessionView[]): boolean {
  return new Set(views.map((v) => v.agent)).size > 1;
}

/** True when a session runs on another machine: only then are hosts worth a column. */
export function remoteHosts(views: SessionView[]): boolean {
  return views.some((v) => v.host !== null && v.host !== undefined);
}

/** One short line per machine: `alpha: 10 sessions, 2 waiting · unreachable`. */
export function hostTotals(views: SessionView[]): string[] {
  const by = new Map<string, SessionView[]>();
  for (const v of views) by.set(v.host ?? "this machine", [...(by.get(v.host ?? "this machine") ?? []), v]);
  return [...by]
    .sort(([a], [b]) => (a === "this machine" ? -1 : b === "this machine" ? 1 : byName(a, b)))
    .map(([h, vs]) => {
      const waiting = vs.filter((v) => v.pending).length;
      const down = vs.some((v) => v.stateReason === "host_unreachable");
      return `${h}: ${vs.length} session${vs.length === 1 ? "" : "s"}${waiting ? `, ${waiting} waiting` : ""}${down ? " · unreachable" : ""}`;
    });
}

/** True when some session's money is known: only then is cost worth a column. */
export function knownCost(views: SessionView[]): boolean {
  return views.some((v) => v.usage?.costUsd !== null && v.usage?.costUsd !== undefined);
}

/** `$0.42`, or `$0.42 💸` when a budget holds one of its prompts; `-` when unknown. */
function costCell(v: SessionView): string {
  const c = v.usage?.costUsd;
  return `${c === null || c === undefined ? "-" : money(c)}${v.held ? " 💸" : ""}`;
}

/** The detail cell: what matters most first (a width cut takes the end), then how many follow-ups wait. */
function note(v: SessionView): string {
  const queued = v.queued ? `${v.queued} queued` : "";
  const first = firstNote(v);
  return first && queued ? `${first} · ${queued}` : first || queued;
}

function firstNote(v: SessionView): string {
  if (v.held) return `${v.held.id} · held: budget spent`;
  if (v.pending) {
    const p = v.pending;
    const what = p.tool ? `${p.tool}(${short(p.detail, 40)})` : short(p.question || p.detail, 48);
    return `${p.id} · ${what}${p.risk === "high" ? " ⚠️" : ""}`;
  }
  const t = v.progress?.tests;
  if (t) return `${t.passed}/${t.total} tests passing${t.failed ? `, ${t.failed} failing` : ""}`;
  if (v.state === "error" && v.stateReason) return `API error: ${v.stateReason}`;
  if (v.state === "working" && v.currentTool) return short(v.currentTool, 48);
  if (v.state === "exited" && (v.resumeCommand || v.agentSessionId)) return "can be resumed";
  return "";
}

export interface DashboardOptions {
  style: Style;
  now: Date;
  /** Terminal columns: the last column is cut to fit. */
  width?: number;
  /** Colour for a terminal (color.ts); none by default. */
  paint?: Paint;
  /** How a reply is written: "wingman " in a terminal, "/wm " or "" on the phone. */
  prefix?: string;
}

export function formatDashboard(views: SessionView[], opts: DashboardOptions): string {
  if (!views.length) {
    return opts.style === "chat"
      ? "No Claude Code sessions yet.\nStart one: spawn NAME DIR TASK (e.g. spawn vsr-fix ~/code/vsr fix the schema bug)"
      : "No sessions yet. Start one: wingman spawn --session NAME --workdir DIR --prompt TASK";
  }
  const sorted = sortForDashboard(views);
  const mixed = mixedAgents(views);
  const hosts = remoteHosts(views);
  const canResume = resumable(views);
  const cost = knownCost(views);
  if (opts.style === "chat") {
    const lines = ["*Claude Code sessions*"];
    for (const v of sorted) {
      const n = note(v);
      const tag = (mixed ? ` [${agentWord(v.agent)}]` : "") + (hosts ? ` @${v.host ?? "local"}` : "");
      lines.push(
        `${STATE_LOOK[v.state].emoji} *${v.name}*${tag} · ${shortPath(v.workdir, 24)} — ${STATE_LOOK[v.state].label}${cost || v.held ? ` · ${costCell(v)}` : ""}${n ? ` · ${n}` : ""}`,
      );
      if (v.pending) lines.push(`   ↳ ${replyLines(v.name, v.pending)[0]}`);
    }
    lines.push(totalsLine(views));
    if (hosts) lines.push(hostTotals(views).join(" · "));
    if (canResume.length)
      lines.push(`Can be resumed: ${canResume.map((v) => v.name).join(", ")} · ${opts.prefix ?? ""}resume all`);
    return lines.join("\n");
  }
  const paint = opts.paint ?? noPaint;
  const head = [
    "SESSION",
    ...(hosts ? ["HOST"] : []),
    ...(mixed ? ["AGENT"] : []),
    "FOLDER",
    "STATUS",
    ...(cost ? ["COST"] : []),
    "DETAIL",
  ];
  const rows = sorted.map((v) => [
    v.name,
    ...(hosts ? [v.host ?? "-"] : []),
    ...(mixed ? [agentWord(v.agent)] : []),
    shortPath(v.workdir, 28),
    stateText(v.state),
    ...(cost ? [costCell(v)] : []),
    note(v),
  ]);
  const status = head.indexOf("STATUS");
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  const fmt = (r: string[], tone: (i: number) => Parameters<Paint>[1] | null) => {
    const cells = r.map((c, i) => (i < r.length - 1 ? padEndWidth(c, widths[i]!) : c));
    const last = cells.length - 1;
    if (opts.width) {
      const before = cells.slice(0, last).reduce((n, c) => n + displayWidth(c) + 2, 0);
      cells[last] = cutToWidth(cells[last]!, Math.max(0, opts.width - before));
    }
    return cells
      .map((c, i) => {
        const t = tone(i);
        // Padding stays outside the escapes, so colour never shifts a column.
        const body = c.trimEnd();
        return t ? paint(body, t) + c.slice(body.length) : c;
      })
      .join("  ")
      .trimEnd();
  };
  const lines = [fmt(head, () => "bold")];
  sorted.forEach((v, k) => {
    lines.push(fmt(rows[k]!, (i) => (i === status ? toneOf(v.state) : null)));
  });
  lines.push(totalsLine(views));
  if (hosts) lines.push(paint(`Hosts: ${hostTotals(views).join(" · ")}`, "dim"));
  if (canResume.length) {
    lines.push(
      paint(
        `Can be resumed: ${canResume.map((v) => v.name).join(", ")} (${opts.prefix ?? "wingman "}resume --all, or ${opts.prefix ?? "wingman "}resume NAME)`,
        "dim",
      ),
    );
  }
  return lines.join("\n");
}
