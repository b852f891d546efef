// `kill NAME clean`: the worktree goes when nothing would be lost (its branch is merged into base, or is still
// exactly what Wingman merged, a squash included, and nothing is uncommitted); otherwise `confirm` is needed and
// the refusal names what would be lost. The branch is deleted only when merged; unmerged work keeps its branch.
import type { CleanFacts, GitRefusalFacts, WorktreeInfo } from "../api/workspaces.js";
import type { ProgramRunner } from "../hosts/tmux.js";
import { uncommittedOf } from "./changes.js";
import { Git } from "./git.js";
import { removeWorktree } from "./worktree.js";

export interface CleanCheck {
  merged: boolean;
  unmergedCommits: number;
  uncommitted: string[];
}

/** What removing the worktree would lose. */
export async function cleanCheck(runner: ProgramRunner, info: WorktreeInfo): Promise<CleanCheck> {
  const git = new Git(runner, info.repo);
  const tip = await git.commitOf(`refs/heads/${info.branch}`);
  const uncommitted = (await uncommittedOf(runner, info)).map((f) => f.path);
  if (!tip) return { merged: true, unmergedCommits: 0, uncommitted };
  const baseTip = info.base !== info.baseCommit ? await git.commitOf(`refs/heads/${info.base}`) : null;
  const intoBase = baseTip ? await git.isAncestor(tip, baseTip) : false;
  // A squash leaves the branch's commits off base: Wingman's record of what it merged stands for them.
  const recorded = !!info.mergedCommit && info.mergedTip === tip;
  const merged = intoBase || recorded;
  const unmergedCommits = merged
    ? 0
    : Number((await git.line(["rev-list", "--count", `${baseTip ?? info.baseCommit}..${tip}`, "--"])) ?? 0);
  return { merged, unmergedCommits, uncommitted };
}

export async function cleanWorktree(
  runner: ProgramRunner,
  session: string,
  info: WorktreeInfo,
  check: CleanCheck,
  confirm: boolean,
): Promise<{ ok: true; facts: CleanFacts } | { ok: false; error: "needs_confirm"; facts: GitRefusalFacts }> {
  const loses = !check.merged || check.uncommitted.length > 0;
  if (loses && !confirm) {
    return {
      ok: false,
      error: "needs_confirm",
      facts: {
        session,
        why: "unmerged",
        branch: info.branch,
        base: info.base,
        files: check.uncommitted,
        unmergedCommits: check.unmergedCommits,
      },
    };
  }
  const r = await removeWorktree(runner, info, { force: loses, deleteBranch: "never" });
  let branchDeleted = false;
  if (check.merged) {
    const git = new Git(runner, info.repo);
    // -D: a squash-merged branch is not an ancestor of base, and Wingman's record says it landed.
    if (await git.branchExists(info.branch))
      branchDeleted = (await git.run(["branch", "-D", info.branch])).exitCode === 0;
  }
  return {
    ok: true,
    facts: {
      session,
      path: info.path,
      branch: info.branch,
      worktreeRemoved: r.worktreeRemoved,
      branchDeleted,
      ...(check.uncommitted.length ? { lostFiles: check.uncommitted } : {}),
      ...(check.merged ? {} : { keptCommits: check.unmergedCommits }),
    },
  };
}
