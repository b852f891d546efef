// Usage for people: money, tokens and context in a few characters, and the `usage` report (docs/usage.md).
import type { TurnUsage, UsageReport, UsageView } from "../api/usage.js";

/** `$0.42`, `$12.30`, `<$0.01`; `—` when the price is unknown. */
export function money(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return "—";
  if (usd > 0 && usd < 0.01) return "<$0.01";
  return `$${usd.toFixed(2)}`;
}

/** `12.3k`, `1.2M`. */
export function tokens(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

/** One line: `in 1.2k · out 345 · cache 5.0k read / 800 write · $0.03 · claude-sonnet-4-5 · context 4%`. */
export function usageLine(u: UsageView | TurnUsage): string {
  const parts = [`in ${tokens(u.inputTokens)}`, `out ${tokens(u.outputTokens)}`];
  if (u.cacheReadTokens || u.cacheWriteTokens)
    parts.push(
      `cache ${tokens(u.cacheReadTokens)} read${u.cacheWriteTokens !== null ? ` / ${tokens(u.cacheWriteTokens)} write` : ""}`,
    );
  parts.push(u.costUsd === null ? "no price for this model" : money(u.costUsd));
  if (u.model) parts.push(u.model);
  if ("contextUsedPct" in u && u.contextUsedPct !== null) parts.push(`context ${u.contextUsedPct}%`);
  return parts.join(" · ");
}

const WHY: Record<string, string> = {
  not_read: "not read yet",
  no_record: "the agent has not named its record yet",
  missing: "the agent's record is missing",
  no_usage_record: "this agent keeps no record of its usage",
};

export function usageProblem(p: string | undefined): string {
  if (!p) return "unknown";
  if (p.startsWith("malformed")) return `its record has unreadable lines (${p.slice(11)}): no total shown`;
  if (p.startsWith("unreadable")) return `its record could not be read (${p.slice(12)})`;
  return WHY[p] ?? p;
}

/** The `usage` reply for a person (chat, terminal). */
export function formatUsageReport(r: UsageReport): string {
  const out: string[] = [];
  out.push(`Usage today (${r.day}, ${r.tz}): ${money(r.total.costUsd)} · ${tokens(totalTokens(r.total))} tokens`);
  for (const s of r.sessions) {
    const head = `• ${s.session} (${s.agent}${s.host ? ` on ${s.host}` : ""})`;
    if (!s.usage) {
      out.push(`${head}: ${usageProblem(s.problem)}`);
      continue;
    }
    out.push(`${head}: ${usageLine(s.usage)}${s.today ? ` · today ${money(s.today.costUsd)}` : ""}`);
  }
  const agents = Object.entries(r.agents);
  if (agents.length > 1) out.push(`Per agent today: ${agents.map(([a, v]) => `${a} ${money(v.costUsd)}`).join(" · ")}`);
  const week = r.days.filter((d) => d.tokens > 0);
  if (week.length > 1) out.push(`Last 7 days: ${week.map((d) => `${d.day.slice(5)} ${money(d.costUsd)}`).join(" · ")}`);
  const b: string[] = [];
  if (r.budgets.sessionUsd) b.push(`${money(r.budgets.sessionUsd)} a session`);
  if (r.budgets.dayUsd) b.push(`${money(r.budgets.dayUsd)} a day`);
  if (b.length) out.push(`Budgets: ${b.join(", ")}`);
  if (!r.sessions.length) out.push("No session has used anything yet.");
  return out.join("\n");
}

const totalTokens = (u: UsageView) => u.inputTokens + u.outputTokens + u.cacheReadTokens + (u.cacheWriteTokens ?? 0);
