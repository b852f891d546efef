// What `usage [NAME]` answers and what status shows: the ledger's values, summed per session, per agent and
// per local day. Reads only Wingman's own ledger files (the records were read by refresh.ts).
import type { SessionView } from "../../api/types.js";
import type { UsageCounts } from "../../agents/agent.js";
import type { UsageReport, UsageRow } from "../../api/usage.js";
import type { Core } from "../context.js";
import { localDay, localTz, readDayLedger, readSessionsLedger } from "./ledger.js";
import { PRICES_SOURCE } from "./prices.js";
import { addModels, sessionUsageView, viewOfModels } from "./refresh.js";

/** Status's view of usage: the last values read, with when (never a read of a record). */
export async function withUsage(core: Core, views: SessionView[]): Promise<SessionView[]> {
  const ledger = await readSessionsLedger(core.stateDir);
  for (const v of views) {
    const s = sessionUsageView(ledger.sessions[v.name], core.config.prices);
    v.usage = s.usage;
    if (s.at) v.usageAt = s.at;
    if (s.problem) v.usageProblem = s.problem;
  }
  return views;
}

export async function usageReport(core: Core, only?: string, now = new Date()): Promise<UsageReport> {
  const tz = localTz();
  const day = localDay(now, tz);
  const prices = core.config.prices;
  const ledger = await readSessionsLedger(core.stateDir);
  const today = await readDayLedger(core.stateDir, day, tz);
  const sessions: UsageRow[] = [];
  const agents: Record<string, Record<string, UsageCounts>> = {};
  const all: Record<string, UsageCounts> = {};
  for (const [name, e] of Object.entries(ledger.sessions)) {
    if (only && name !== only) continue;
    const s = sessionUsageView(e, prices);
    const part = today.sessions[name]?.byModel ?? {};
    sessions.push({
      session: name,
      agent: e.agent,
      host: e.host,
      usage: s.usage,
      ...(s.problem ? { problem: s.problem } : {}),
      today: Object.keys(part).length ? viewOfModels(part, prices, e.model) : null,
      at: e.at,
    });
  }
  for (const [name, s] of Object.entries(today.sessions)) {
    if (only && name !== only) continue;
    agents[s.agent] ??= {};
    addModels(agents[s.agent]!, s.byModel);
    addModels(all, s.byModel);
  }
  const days: UsageReport["days"] = [];
  for (let i = 6; i >= 0; i--) {
    const d = localDay(new Date(now.getTime() - i * 86_400_000), tz);
    const l = d === day ? today : await readDayLedger(core.stateDir, d, tz);
    const m: Record<string, UsageCounts> = {};
    for (const [name, s] of Object.entries(l.sessions)) if (!only || name === only) addModels(m, s.byModel);
    const v = viewOfModels(m, prices);
    days.push({
      day: d,
      costUsd: v.costUsd,
      tokens: v.inputTokens + v.outputTokens + v.cacheReadTokens + (v.cacheWriteTokens ?? 0),
    });
  }
  sessions.sort((a, b) => (b.usage?.costUsd ?? -1) - (a.usage?.costUsd ?? -1) || a.session.localeCompare(b.session));
  return {
    day,
    tz,
    sessions,
    agents: Object.fromEntries(Object.entries(agents).map(([a, m]) => [a, viewOfModels(m, prices)])),
    total: viewOfModels(all, prices),
    days,
    budgets: { ...core.config.budgets },
    prices: { source: PRICES_SOURCE },
  };
}
