// A new session past the day's budget: its start is held as a prompt of kind `budget` with its own id, kept
// in the usage folder (there is no session record yet), and started by an owner's `approve NAME ID` (or
// `spawn … --confirm`), never by an assistant's tool; `deny NAME ID` drops it.
import { join } from "node:path";
import { readFile } from "node:fs/promises";
import { done, refusedWith, type RespondOutcome, type SpawnOutcome } from "../../api/outcomes.js";
import { isObject } from "../../api/usage-counts.js";
import type { Actor, RespondRequest, SessionView } from "../../api/types.js";
import type { SpawnRequest } from "../../api/wingman-api.js";
import type { Core } from "../context.js";
import { newPromptId } from "../store/names.js";
import { budgetStand } from "./budget.js";
import { usageDir, withUsageLock, writeUsageFile } from "./ledger.js";

export interface HeldSpawn {
  id: string;
  req: SpawnRequest;
  by: string;
  at: string;
  costUsd: number;
  limitUsd: number;
}

const FILE = "held-spawns.json";

async function readHeld(core: Core): Promise<Record<string, HeldSpawn>> {
  try {
    const raw = JSON.parse(await readFile(join(usageDir(core.stateDir), FILE), "utf8")) as unknown;
    const out: Record<string, HeldSpawn> = {};
    if (!isObject(raw)) return out;
    for (const [name, h] of Object.entries(raw))
      if (
        isObject(h) &&
        typeof h.id === "string" &&
        isObject(h.req) &&
        typeof h.req.session === "string" &&
        typeof h.req.workdir === "string" &&
        typeof h.costUsd === "number" &&
        typeof h.limitUsd === "number"
      )
        out[name] = h as unknown as HeldSpawn;
    return out;
  } catch {
    return {};
  }
}

/** The start held for `name`, if any. */
export async function heldSpawnOf(core: Core, name: string): Promise<HeldSpawn | null> {
  return (await readHeld(core))[name] ?? null;
}

/** Null when the start may go on; else the needs_confirm outcome with the held id. */
export async function holdSpawnIfSpent(
  core: Core,
  name: string,
  req: SpawnRequest,
  actor: Actor,
): Promise<SpawnOutcome | null> {
  if (!core.config.budgets.dayUsd) return null;
  if (req.confirm && actor.channel !== "tool") return null;
  // The day's budget only: a session not started yet has spent nothing of its own.
  const stand = await budgetStand(core, name);
  if (stand.kind !== "over" || stand.crossing.scope !== "day") return null;
  const id = await core.registry.update((d) => {
    const fresh = newPromptId(new Set(d.usedIds));
    d.usedIds.push(fresh);
    return fresh;
  });
  const { confirm: _c, ...plain } = req;
  await withUsageLock(core.stateDir, async () => {
    const all = await readHeld(core);
    all[name] = {
      id,
      req: plain,
      by: actor.id,
      at: new Date().toISOString(),
      costUsd: stand.crossing.costUsd,
      limitUsd: stand.crossing.limitUsd,
    };
    await writeUsageFile(core.stateDir, FILE, all);
  });
  return refusedWith("needs_confirm", {
    why: "over_budget",
    what: "spawn",
    session: name,
    id,
    scope: "day",
    costUsd: stand.crossing.costUsd,
    limitUsd: stand.crossing.limitUsd,
    ...(actor.channel === "tool" ? { door: "tool" as const } : {}),
  });
}

async function takeHeldSpawn(core: Core, name: string, id: string): Promise<HeldSpawn | null> {
  return withUsageLock(core.stateDir, async () => {
    const all = await readHeld(core);
    const h = all[name];
    if (!h || h.id !== id) return null;
    delete all[name];
    await writeUsageFile(core.stateDir, FILE, all);
    return h;
  });
}

/** approve NAME ID starts it (past the budget), deny NAME ID drops it; an assistant's tool does neither. */
export async function releaseHeldSpawn(
  core: Core & { spawn(req: SpawnRequest, actor: Actor): Promise<SpawnOutcome> },
  name: string,
  held: HeldSpawn,
  req: RespondRequest,
  actor: Actor,
): Promise<RespondOutcome> {
  const facts = {
    why: "over_budget" as const,
    what: "spawn" as const,
    session: name,
    id: held.id,
    scope: "day" as const,
    costUsd: held.costUsd,
    limitUsd: held.limitUsd,
  };
  if (!actor.authorized) return refusedWith("not_owner", { why: "not_owner", actor: actor.id, deed: "start sessions" });
  if (actor.channel === "tool") return refusedWith("needs_confirm", { ...facts, door: "tool" });
  if (req.action === "deny") {
    if (!(await takeHeldSpawn(core, name, held.id)))
      return refusedWith("stale_id", { why: "answered_already", session: name, id: held.id, state: "unknown" });
    return done("dropped", { session: name, id: held.id, what: "spawn" as const });
  }
  if (req.action !== "approve" && req.action !== "always") return refusedWith("needs_confirm", facts);
  const taken = await takeHeldSpawn(core, name, held.id);
  if (!taken) return refusedWith("stale_id", { why: "answered_already", session: name, id: held.id, state: "unknown" });
  const r = await core.spawn({ ...taken.req, confirm: true }, actor);
  if (!r.ok) return r;
  return done("released", {
    session: name,
    id: held.id,
    what: "spawn" as const,
    view: "view" in r.facts ? (r.facts.view as SessionView | null) : null,
  });
}
