// A session's worktree seen from a refresh (docs/worktrees.md): a worktree removed by hand ends its session
// once, and the fences a worktree session's commands must not cross (its main checkout, the other sessions'
// worktrees on its machine) for the risk rules.
import { stat } from "node:fs/promises";
import type { PaneStatus } from "../../api/types.js";
import type { Core } from "../context.js";
import type { SessionHost } from "../fleet.js";
import type { SessionRecord } from "../store/registry.js";

/** stateReason of a session whose worktree folder was removed outside Wingman. */
export const WORKTREE_GONE = "worktree removed";

/**
 * This machine's live worktrees that are gone. A pane whose working folder tmux reports inside its worktree
 * shows the folder is there (no system call: a status of 50 sessions looked at 50 folders one by one, which
 * cost a loaded machine tens of milliseconds, bench/worktrees.ts); the others are looked at with one `stat`
 * each, side by side. tmux reports a removed folder as `PATH (deleted)` on Linux, which is not inside it.
 */
export async function missingLocalWorktrees(
  records: Array<SessionRecord | undefined>,
  panes: PaneStatus[],
): Promise<string[]> {
  const where = new Map(panes.filter((p) => !p.dead).map((p) => [p.session, p.currentPath]));
  const doubtful = liveWorktrees(
    records.filter((r) => {
      if (!r?.worktree) return false;
      const cwd = where.get(r.name);
      return !(cwd && (cwd === r.worktree.path || cwd.startsWith(`${r.worktree.path}/`)));
    }),
  );
  const there = await Promise.all(
    doubtful.map((path) =>
      stat(path).then(
        (s) => s.isDirectory(),
        () => false,
      ),
    ),
  );
  return doubtful.filter((_, i) => !there[i]);
}

/** The worktree folders of the live sessions among `records` (what a host is asked to look for). */
export function liveWorktrees(records: Array<SessionRecord | undefined>): string[] {
  return records.filter((r) => r?.worktree && r.lastState !== "exited").map((r) => r!.worktree!.path);
}

/**
 * A live session whose worktree folder was removed by hand has no folder to work in: its pane is ended once
 * and the session reads as exited with that reason, never an error on every refresh. `missing` is what was
 * found gone among its host's live worktrees (this machine: missingLocalWorktrees; another: its host looked in
 * the refresh's one call there).
 */
export async function endGoneWorktrees(
  core: Core,
  host: SessionHost,
  sessions: string[],
  records: Record<string, SessionRecord>,
  missing: string[],
): Promise<Set<string>> {
  const gone = new Set<string>();
  if (!missing.length) return gone;
  const lost = new Set(missing);
  for (const n of sessions) {
    const r = records[n];
    if (!r?.worktree || r.lastState === "exited" || !lost.has(r.worktree.path)) continue;
    gone.add(n);
    await host.panes.killSession(n).catch(() => false);
    core.logger.warn(
      `${n}: its worktree ${r.worktree.path}${host.name ? ` on host ${host.name}` : ""} is gone; the session is ended`,
    );
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
