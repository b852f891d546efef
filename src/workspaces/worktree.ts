// A session's own git worktree, made at spawn: branch `wingman/NAME` (or `branch=`) from `base=` (default: the
// main checkout's branch, else its HEAD commit), in a folder beside the main checkout, never inside it. Every
// step is checked before anything is made, and what one spawn made is removed again when a later step fails,
// so a refusal never leaves half a worktree behind.
import { posix } from "node:path";
import type { WorktreeInfo } from "../api/workspaces.js";
import type { ProgramRunner } from "../hosts/tmux.js";
import { Git, GitError, gitMessage } from "./git.js";

export type WorktreeMode = "always" | "shared" | "off";

export interface WorktreeRequest {
  session: string;
  /** The folder asked for, already resolved to its real path on that machine. */
  dir: string;
  mode: WorktreeMode;
  /** `worktree=yes|no` on this spawn; wins over the mode. */
  want?: boolean;
  base?: string;
  branch?: string;
  branchPrefix: string;
  /** Folder for worktrees: `<root>/<repo name>/<NAME>`; default `<repo's parent>/<repo name>.worktrees/<NAME>`. */
  root?: string;
  /** For `shared`: whether another live session already works in this repository (its main checkout path). */
  sharedWith(repo: string): boolean;
}

/** Why a spawn in a git repository was refused before anything was made. */
export interface WorktreeRefusal {
  reason: "not_git" | "bare" | "bad_base" | "bad_branch" | "branch_exists" | "path_exists" | "git_failed";
  dir: string;
  branch?: string;
  base?: string;
  path?: string;
  /** Where the existing branch is checked out (`branch_exists`). */
  checkedOutAt?: string;
  detail?: string;
}

export type WorktreePlan =
  | { kind: "none"; why: "off" | "not_wanted" | "not_git" | "not_shared" }
  | {
      kind: "worktree";
      info: WorktreeInfo;
      /** The agent's folder: the same sub-folder of the worktree as DIR was of the main checkout. */
      workdir: string;
      /** False when an existing Wingman worktree of this name is reused. */
      created: boolean;
      /** The branch was made by this spawn too (a failed spawn deletes it; a branch with work is never deleted). */
      madeBranch: boolean;
      /** Tracked files changed in the main checkout (not carried into the worktree). */
      mainChanges: number;
    };

export class WorktreeRefused extends Error {
  constructor(readonly facts: WorktreeRefusal) {
    super(`worktree refused: ${facts.reason}`);
    this.name = "WorktreeRefused";
  }
}

interface RepoFacts {
  top: string;
  prefix: string;
}

/** The checkout DIR is in, or null when DIR is in no git repository; a bare repository is refused. */
async function repoOf(git: Git): Promise<RepoFacts | null> {
  const kind = await git.run(["rev-parse", "--is-bare-repository", "--is-inside-work-tree"]);
  if (kind.exitCode !== 0) return null;
  const [bare, inside] = kind.stdout.split("\n");
  // A bare repository, or a folder inside a .git directory: no checkout to branch from.
  if (bare === "true" || inside !== "true") throw new WorktreeRefused({ reason: "bare", dir: git.dir });
  const r = await git.run(["rev-parse", "--show-prefix", "--show-toplevel"]);
  const [prefix, top] = r.stdout.split("\n");
  if (r.exitCode !== 0 || !top) throw new WorktreeRefused({ reason: "bare", dir: git.dir });
  return { top, prefix: (prefix ?? "").replace(/\/$/, "") };
}

/** Where the worktree goes (a path on that machine). */
export function worktreePath(repoTop: string, session: string, root?: string): string {
  const name = posix.basename(repoTop);
  return root ? posix.join(root, name, session) : posix.join(posix.dirname(repoTop), `${name}.worktrees`, session);
}

/** Worktrees of a repository: path → branch (`refs/heads/…`, or null when detached). */
export async function listWorktrees(git: Git): Promise<Map<string, string | null>> {
  const out = await git.must(["worktree", "list", "--porcelain"]);
  const map = new Map<string, string | null>();
  let path: string | null = null;
  for (const line of out.split("\n")) {
    if (line.startsWith("worktree ")) {
      path = line.slice(9);
      map.set(path, null);
    } else if (line.startsWith("branch ") && path) map.set(path, line.slice(7));
  }
  return map;
}

/**
 * Decide and, when a worktree is wanted, make it (or find this session's own from before). Throws
 * WorktreeRefused with the facts when it cannot be made; nothing is left behind then.
 */
export async function prepareWorktree(runner: ProgramRunner, req: WorktreeRequest): Promise<WorktreePlan> {
  if (req.want === false) return { kind: "none", why: "not_wanted" };
  if (req.want === undefined && req.mode === "off") return { kind: "none", why: "off" };
  const git = new Git(runner, req.dir);
  const repo = await repoOf(git);
  if (!repo) {
    if (req.want) throw new WorktreeRefused({ reason: "not_git", dir: req.dir });
    return { kind: "none", why: "not_git" };
  }
  if (req.want === undefined && req.mode === "shared" && !req.sharedWith(repo.top))
    return { kind: "none", why: "not_shared" };
  const main = git.at(repo.top);

  const branch = req.branch ?? `${req.branchPrefix}${req.session}`;
  if (!(await main.validBranchName(branch))) throw new WorktreeRefused({ reason: "bad_branch", dir: req.dir, branch });
  const base = req.base ?? (await main.currentBranch()) ?? "HEAD";
  if (req.base !== undefined && (req.base.startsWith("-") || !req.base.trim()))
    throw new WorktreeRefused({ reason: "bad_base", dir: req.dir, base: req.base });
  const baseCommit = await main.commitOf(base);
  if (!baseCommit) throw new WorktreeRefused({ reason: "bad_base", dir: req.dir, base });
  // Detached: the base is the commit itself (merge will say it cannot land there).
  const baseName = base === "HEAD" ? baseCommit : base;
  const path = worktreePath(repo.top, req.session, req.root);
  const workdir = repo.prefix ? posix.join(path, repo.prefix) : path;
  const info: WorktreeInfo = { repo: repo.top, path, branch, base: baseName, baseCommit };
  const mainChanges = (await main.status({ untracked: false })).length;

  if (await main.branchExists(branch)) {
    const trees = await listWorktrees(main);
    const at = [...trees].find(([, b]) => b === `refs/heads/${branch}`)?.[0];
    // This session's own worktree from before (same place, same branch): go on working in it. Its folder
    // removed by hand: git forgets it (prune) and it is checked out again on the same branch, work intact.
    if (at === path) {
      const reused = await reusedInfo(main, info);
      if ((await runner(["test", "-d", path])).exitCode === 0)
        return { kind: "worktree", info: reused, workdir, created: false, madeBranch: false, mainChanges };
      await main.run(["worktree", "prune"]);
      const again = await main.run(["worktree", "add", "--quiet", "--", path, branch]);
      if (again.exitCode !== 0)
        throw new WorktreeRefused({ reason: "git_failed", dir: req.dir, branch, path, detail: gitMessage(again) });
      return { kind: "worktree", info: reused, workdir, created: true, madeBranch: false, mainChanges };
    }
    throw new WorktreeRefused({ reason: "branch_exists", dir: req.dir, branch, ...(at ? { checkedOutAt: at } : {}) });
  }
  const there = await runner(["test", "-e", path]);
  if (there.exitCode === 0) throw new WorktreeRefused({ reason: "path_exists", dir: req.dir, path });

  const made = await main.run(["worktree", "add", "--quiet", "-b", branch, "--", path, baseCommit]);
  if (made.exitCode !== 0) {
    // git makes the branch before checking out: take back whatever it got to.
    await removeWorktree(runner, info, { force: true, deleteBranch: "always" }).catch(() => {});
    throw new WorktreeRefused({ reason: "git_failed", dir: req.dir, branch, path, detail: gitMessage(made) });
  }
  return { kind: "worktree", info, workdir, created: true, madeBranch: true, mainChanges };
}

/** A reused worktree keeps the base it was made from when the branch still descends from it. */
async function reusedInfo(main: Git, info: WorktreeInfo): Promise<WorktreeInfo> {
  const fork = await main.line(["merge-base", "--end-of-options", info.base, info.branch]);
  return fork ? { ...info, baseCommit: fork } : info;
}

/**
 * Remove a worktree (and its branch: `always` for one this spawn just made, `merged` only when merged).
 * Without force, git itself refuses a worktree with changes.
 */
export async function removeWorktree(
  runner: ProgramRunner,
  info: WorktreeInfo,
  o: { force: boolean; deleteBranch: "always" | "never" },
): Promise<{ worktreeRemoved: boolean; branchDeleted: boolean }> {
  const main = new Git(runner, info.repo);
  let worktreeRemoved = false;
  const gone = (await runner(["test", "-e", info.path])).exitCode !== 0;
  if (gone) {
    await main.run(["worktree", "prune"]);
    worktreeRemoved = true;
  } else {
    const r = await main.run(["worktree", "remove", ...(o.force ? ["--force", "--force"] : []), "--", info.path]);
    if (r.exitCode !== 0) throw new GitError(["worktree", "remove"], r);
    worktreeRemoved = true;
  }
  let branchDeleted = false;
  if (o.deleteBranch === "always" && (await main.branchExists(info.branch))) {
    branchDeleted = (await main.run(["branch", "-D", "--", info.branch])).exitCode === 0;
  }
  return { worktreeRemoved, branchDeleted };
}
