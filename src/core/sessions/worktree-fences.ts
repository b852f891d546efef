// A session's worktree seen from a refresh (docs/worktrees.md): a worktree removed by hand ends its session
// once, and the fences a worktree session's commands must not cross (its main checkout, the other sessions'
// worktrees on its machine) for the risk rules.
import { stat } from "node:fs/promises";
import type { Core } from "../context.js";
import type { SessionRecord } from "../store/registry.js";

/** stateReason of a session whose worktree folder was removed outside Wingman. */
export const WORKTREE_GONE = "worktree removed";

/**
 * A live session on this machine whose worktree folder was removed by hand has no folder to work in: its pane
 * is ended once and the session reads as exited with that reason, never an error on every refresh. (Another
 * machine's folders are not looked at here: that would cost a round trip per refresh.)
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

/** What a session in a worktree must not reach: its main checkout and the other sessions' worktrees on its machine. */
export function fencesOf(rec: SessionRecord, all: Record<string, SessionRecord>): string[] {
  if (!rec.worktree) return [];
  const others = Object.values(all)
    .filter((s) => s.name !== rec.name && (s.host ?? null) === (rec.host ?? null) && s.worktree)
    .map((s) => s.worktree!.path);
  return [rec.worktree.repo, ...others];
}
