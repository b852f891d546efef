// The text a person reads back for a Result (requests.ts), on the phone ("chat") or in a terminal.
import { formatUsageReport } from "../../format/usage.js";
import { formatDashboard } from "../../format/dashboard.js";
import { formatDetail } from "../../format/detail.js";
import { formatHosts } from "../../format/hosts.js";
import {
  describeChanges,
  describeClean,
  describeGitRefusal,
  describeMerge,
  describePatch,
  describePr,
} from "../../format/changes.js";
import { formatAudit, formatHistory } from "../../format/journal.js";
import { describeDone, describeRefusal } from "../../format/outcomes.js";
import { printable } from "../../format/printable.js";
import type { Style } from "../../format/states.js";
import { helpFor, helpText } from "./grammar.js";
import type { Result } from "./requests.js";

/** A reply can quote an agent or a screen: printable characters and line feeds only (format/printable.ts). */
export function replyText(r: Result, o: { style: Style; now?: Date; prefix?: string }): string {
  return printable(words(r, o));
}

function words(r: Result, o: { style: Style; now?: Date; prefix?: string }): string {
  const now = o.now ?? new Date();
  if (r.op === "workspace") return workspaceText(r, o.style, o.prefix ?? "");
  if (!r.ok) return describeRefusal(r.facts);
  switch (r.op) {
    case "status":
      return r.one && r.views[0]
        ? formatDetail(r.views[0], { now, style: o.style })
        : formatDashboard(r.views, { style: o.style, now });
    case "output":
      return o.style === "chat" ? `\`\`\`\n${r.text}\n\`\`\`` : r.text;
    case "history":
      return formatHistory(r.sessions, o.style);
    case "audit":
      return formatAudit(r.entries, o.style);
    case "hosts":
      return formatHosts(r.hosts, o.style);
    case "usage":
      return formatUsageReport(r.report);
    case "help":
      return r.topic ? helpFor({ topic: r.topic }, o.prefix ?? "") : helpText({ prefix: o.prefix ?? "" });
    case "act":
      return describeDone(r.outcome);
  }
}

/** changes, merge, pr and kill … clean, from their facts. */
export function workspaceText(r: Extract<Result, { op: "workspace" }>, style: Style, prefix: string): string {
  if (!r.ok) return describeGitRefusal(r.verb, r.facts, prefix);
  const o = r.outcome;
  switch (o.code) {
    case "changes":
      return describeChanges(o.facts, { style, prefix });
    case "patch":
      return describePatch(o.facts, { style });
    case "merged":
    case "up_to_date":
      return describeMerge(o.code, o.facts);
    case "pushed":
      return describePr(o.facts);
    case "cleaned":
      return describeClean(o.facts);
  }
}
