// One session in detail ("how's the VSR issue going?"): facts Wingman measured, never guesses.
import { agentById } from "../agents/index.js";
import type { SessionView } from "../api/types.js";
import { formatPrompt } from "./prompt.js";
import { type Style, short, shortPath, stateText } from "./states.js";
import { ago, localTime } from "./time.js";
import { usageLine, usageProblem } from "./usage.js";

export function progressText(v: SessionView): string | null {
  const t = v.progress?.tests;
  if (!t) return null;
  return `${t.passed}/${t.total} tests passing${t.failed ? `, ${t.failed} failing` : ""}${t.runner ? ` (${t.runner})` : ""}`;
}

/** `timeZone`: for tests; by default the local zone. */
export function formatDetail(
  v: SessionView,
  opts: { now: Date; style: Style; timeZone?: string; prefix?: string },
): string {
  const tz = opts.timeZone ? { timeZone: opts.timeZone } : {};
  const chat = opts.style === "chat";
  const lines = [chat ? `*${v.name}*` : `Session: ${v.name}`];
  lines.push(`Directory: ${shortPath(v.workdir, 60)}`);
  if (v.worktree)
    lines.push(
      `Branch: ${v.worktree.branch} (from ${/^[0-9a-f]{40,64}$/.test(v.worktree.base) ? v.worktree.base.slice(0, 12) : v.worktree.base}${v.worktree.mergedCommit ? `, merged as ${v.worktree.mergedCommit.slice(0, 12)}` : ""}) · ${opts.prefix ?? ""}changes ${v.name}`,
    );
  lines.push(`Agent: ${v.agent}`);
  lines.push(`Started: ${ago(v.createdAt, opts.now)} (${localTime(v.createdAt, tz)})`);
  lines.push(`Last activity: ${ago(v.lastActivityAt, opts.now)}`);
  lines.push(`Status: ${stateText(v.state)}${v.stateReason && v.state !== "exited" ? ` (${v.stateReason})` : ""}`);
  if (v.lastPrompt) lines.push(`Current task: ${short(v.lastPrompt, 160)}`);
  if (v.currentTool) lines.push(`Now: ${short(v.currentTool, 120)}`);
  else if (v.state === "working" && v.detail) lines.push(`Now: ${short(v.detail, 120)}`);
  const progress = progressText(v);
  if (progress) lines.push(`Progress: ${progress}`);
  if (v.lastMessage) lines.push(`${agentById(v.agent)?.speaker ?? "The agent"} said: ${short(v.lastMessage, 240)}`);
  if (v.state === "exited") {
    lines.push(
      `Ended: ${v.endedAt ? `${ago(v.endedAt, opts.now)} (${localTime(v.endedAt, tz)})` : "yes"}${v.stateReason ? ` · ${v.stateReason}` : ""}`,
    );
    if (v.resumeCommand || v.agentSessionId) lines.push(`Resume: ${opts.prefix ?? ""}resume ${v.name}`);
    if (v.resumeCommand) lines.push(`Resume by hand in ${shortPath(v.workdir, 60)}: ${v.resumeCommand}`);
  }
  if (v.usage) lines.push(`Usage: ${usageLine(v.usage)}${v.usageAt ? ` (as of ${ago(v.usageAt, opts.now)})` : ""}`);
  else if (v.usageProblem && v.usageProblem !== "not_read") lines.push(`Usage: ${usageProblem(v.usageProblem)}`);
  if (v.held)
    lines.push(
      `Held by the budget: ${v.held.id} "${short(v.held.text, 80)}" · ${opts.prefix ?? ""}approve ${v.name} ${v.held.id} sends it`,
    );
  if (v.queued)
    lines.push(
      `Queued: ${v.queued} follow-up${v.queued === 1 ? "" : "s"}, sent one at a time when it is idle · ${opts.prefix ?? ""}queue ${v.name} lists them`,
    );
  if (v.autoApproved) lines.push(`Auto-approved: ${v.autoApproved} prompt${v.autoApproved === 1 ? "" : "s"}`);
  if (v.pending) {
    lines.push("");
    lines.push(formatPrompt(v.name, v.pending, { style: opts.style }));
  }
  return lines.join("\n");
}
