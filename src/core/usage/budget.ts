// Budgets past 100%: a follow-up (`tell`) is not typed but held as a prompt of kind `budget` with its own id,
// released like any prompt (`approve NAME ID`, CLI `--confirm`) by an owner, never by an assistant's tool, and
// dropped by `deny NAME ID`. A session whose model has no price is never held (nothing to compare). Nothing
// here presses a key on its own: a release sends the text through the ordinary send path.
import type { BudgetCrossing } from "../../api/usage.js";
import { isObject } from "../../api/usage-counts.js";
import type { Core } from "../context.js";
import { newPromptId } from "../store/names.js";
import type { SessionRecord } from "../store/registry.js";
import { localDay, localTz, readDayLedger, readSessionsLedger } from "./ledger.js";
import { costOfModels } from "./prices.js";
import { dayCost } from "./refresh.js";

/** A follow-up held because a budget is spent, kept in the session's record until released or dropped. */
export interface HeldPrompt {
  id: string;
  kind: "budget";
  text: string;
  by?: string;
  at: string;
  scope: "session" | "day";
  costUsd: number;
  limitUsd: number;
}

/** Where the session stands: over a budget (which), or not priced (never held), or within. */
export type BudgetStand =
  | { kind: "over"; crossing: BudgetCrossing }
  | { kind: "unpriced"; models: string[] }
  | { kind: "within" };

export async function budgetStand(core: Core, session: string, now = new Date()): Promise<BudgetStand> {
  const { sessionUsd, dayUsd } = core.config.budgets;
  if (!sessionUsd && !dayUsd) return { kind: "within" };
  // A session not started yet (or never read) has spent nothing of its own: only the day's budget applies.
  const e = (await readSessionsLedger(core.stateDir)).sessions[session];
  if (e) {
    const own = costOfModels(e.byModel, core.config.prices);
    if (own.costUsd === null) return { kind: "unpriced", models: own.unpriced };
    if (sessionUsd && own.costUsd >= sessionUsd)
      return {
        kind: "over",
        crossing: { scope: "session", session, pct: 100, costUsd: own.costUsd, limitUsd: sessionUsd },
      };
  }
  if (dayUsd) {
    const tz = localTz();
    const cost = dayCost(await readDayLedger(core.stateDir, localDay(now, tz), tz), core.config.prices);
    if (cost !== null && cost >= dayUsd)
      return { kind: "over", crossing: { scope: "day", pct: 100, costUsd: cost, limitUsd: dayUsd } };
  }
  return { kind: "within" };
}

/** The record's held prompt, when it is in shape (a registry is hostile until checked). */
export function heldOf(rec: SessionRecord | undefined): HeldPrompt | null {
  const h = (rec as { held?: unknown } | undefined)?.held;
  if (!isObject(h) || h.kind !== "budget" || typeof h.id !== "string" || typeof h.text !== "string") return null;
  if (typeof h.at !== "string" || (h.scope !== "session" && h.scope !== "day")) return null;
  if (typeof h.costUsd !== "number" || typeof h.limitUsd !== "number") return null;
  return h as unknown as HeldPrompt;
}

/** Hold `text` for `session` (replacing an earlier held one: the newest follow-up is the one that counts). */
export async function hold(
  core: Core,
  session: string,
  text: string,
  by: string,
  crossing: BudgetCrossing,
): Promise<HeldPrompt | null> {
  return core.registry.update((d) => {
    const rec = d.sessions[session];
    if (!rec) return null;
    const id = newPromptId(new Set(d.usedIds));
    d.usedIds.push(id);
    const held: HeldPrompt = {
      id,
      kind: "budget",
      text,
      by,
      at: new Date().toISOString(),
      scope: crossing.scope,
      costUsd: crossing.costUsd,
      limitUsd: crossing.limitUsd,
    };
    (rec as { held?: HeldPrompt }).held = held;
    return held;
  });
}

/** Take the held prompt with this id out of the record (released or dropped); null when it is not there. */
export async function takeHeld(core: Core, session: string, id: string): Promise<HeldPrompt | null> {
  return core.registry.update((d) => {
    const rec = d.sessions[session];
    const h = heldOf(rec);
    if (!rec || !h || h.id !== id) return null;
    delete (rec as { held?: HeldPrompt }).held;
    return h;
  });
}
