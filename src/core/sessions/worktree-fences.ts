// A session's worktree seen from a refresh (docs/worktrees.md): a worktree removed by hand ends its session
// once, and the fences a worktree session's commands must not cross (its main checkout, the other sessions'
// worktrees on its machine) for the risk rules.
import { stat } from "node:fs/promises";
import type { Core } from "../context.js";
import type { SessionHost } from "../fleet.js";
import type { SessionRecord } from "../store/registry.js";

/** stateReason of a session whose worktree folder was removed outside Wingman. */
export const WORKTREE_GONE = "worktree removed";

/**
 * A live session on this machine whose worktree folder was removed by hand has no folder to work in: its pane
 * is ended once and the session reads as exited with that reason, never an error on every refresh. (Another
 * machine's folders are looked at by its host in the refresh's one call there: endGoneRemoteWorktrees.)
 */
export async function endGoneWorktrees(core: Core, records: SessionRecord[]): Promise<Set<string>> {
  const gone = new Set<string>();
  for (const r of records) {
    if (!r.worktree || r.host || r.lastState === "exited") continue;
    if (
      await stat(r.worktree.path).then(
        () => true,
        () => false,
      )
    )
      continue;
    gone.add(r.name);
    await core.panes.killSession(r.name).catch(() => false);
    core.logger.warn(`${r.name}: its worktree ${r.worktree.path} is gone; the session is ended`);
  }
  return gone;
}

/** The worktree folders of the live sessions among `records` (what a host is asked to look for). */
export function liveWorktrees(records: Array<SessionRecord | undefined>): string[] {
  return records.filter((r) => r?.worktree && r.lastState !== "exited").map((r) => r!.worktree!.path);
}

/**
 * The same on another machine: `missing` is what its host found gone among the folders it was asked about
 * (undefined: it did not look). Each live session there whose worktree is missing has its pane ended, once.
 */
export async function endGoneRemoteWorktrees(
  core: Core,
  host: SessionHost,
  sessions: string[],
  records: Record<string, SessionRecord>,
  missing: string[] | undefined,
): Promise<Set<string>> {
  const gone = new Set<string>();
  if (!missing?.length) return gone;
  const lost = new Set(missing);
  for (const n of sessions) {
    const r = records[n];
    if (!r?.worktree || r.lastState === "exited" || !lost.has(r.worktree.path)) continue;
    gone.add(n);
    await host.panes.killSession(n).catch(() => false);
    core.logger.warn(`${n}: its worktree ${r.worktree.path} on host ${host.name} is gone; the session is ended`);
  }
  return gone;
}

/** What a session in a worktree must not reach: its main checkout and the other sessions' worktrees on its machine. */
export function fencesOf(rec: SessionRecord, all: Record<string, SessionRecord>): string[] {
  if (!rec.worktree) return [];
  const others = Object.values(all)
    .filter((s) => s.name !== rec.name && (s.host ?? null) === (rec.host ?? null) && s.worktree)
    .map((s) => s.worktree!.path);
  return [rec.worktree.repo, ...others];
}
