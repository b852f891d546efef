// Landing a session's branch on its base, in the main checkout: only when the main checkout is on that base
// branch with no tracked changes (untracked files do not block: only what git itself refuses does), and the
// session's work is committed (or `commit` commits it first, `confirm` leaves it out). A conflict is aborted
// at once, so the main checkout is as it was, and the conflicting files are named.
import type { GitRefusalFacts, MergeFacts, MergeMode, WorktreeInfo } from "../api/workspaces.js";
import type { ProgramRunner } from "../hosts/tmux.js";
import { baseRef, uncommittedOf, worktreeThere } from "./changes.js";
import { Git, GitError, gitMessage, NO_EXTERNAL } from "./git.js";

type Refusal = { ok: false; error: "wrong_state" | "conflict" | "failed"; facts: GitRefusalFacts };
export type MergeResult = { ok: true; code: "merged" | "up_to_date"; facts: MergeFacts } | Refusal;

/** `-c user.name/-c user.email` only where git has no identity of its own for a commit Wingman makes. */
async function identity(git: Git): Promise<string[]> {
  const r = await git.run(["var", "GIT_COMMITTER_IDENT"]);
  return r.exitCode === 0 ? [] : ["-c", "user.name=Wingman", "-c", "user.email=wingman@localhost"];
}

/** Commit everything git tracks or sees as untracked (not ignored) in the worktree; returns the commit. */
export async function commitAll(runner: ProgramRunner, session: string, info: WorktreeInfo): Promise<string> {
  const wt = new Git(runner, info.path);
  await wt.must(["add", "--all", "--", "."]);
  await wt.must([...(await identity(wt)), "commit", "--quiet", "--no-verify", "-m", `${session}: work from Wingman`]);
  return (await wt.line(["rev-parse", "HEAD"])) ?? "";
}

/** Before merge or pr: the session's uncommitted work committed (`commit`), left out (`confirm`), or a refusal. */
export async function settleUncommitted(
  runner: ProgramRunner,
  session: string,
  info: WorktreeInfo,
  o: { commit: boolean; confirm: boolean },
): Promise<{ ok: true; committed?: string } | Refusal> {
  const loose = await uncommittedOf(runner, info);
  if (!loose.length) return { ok: true };
  if (o.commit) return { ok: true, committed: await commitAll(runner, session, info) };
  if (o.confirm) return { ok: true };
  return {
    ok: false,
    error: "wrong_state",
    facts: { session, why: "uncommitted", files: loose.map((f) => f.path), branch: info.branch },
  };
}

async function conflictsIn(git: Git): Promise<string[]> {
  const out = (await git.run(["diff", ...NO_EXTERNAL, "--name-only", "--diff-filter=U", "-z"])).stdout;
  return out.split("\0").filter(Boolean);
}

export async function mergeSession(
  runner: ProgramRunner,
  session: string,
  info: WorktreeInfo,
  mode: MergeMode,
  o: { commit: boolean; confirm: boolean },
): Promise<MergeResult> {
  const main = new Git(runner, info.repo);
  const base = info.base;
  const refuse = (
    why: GitRefusalFacts["why"],
    more: Partial<GitRefusalFacts> = {},
    error: Refusal["error"] = "wrong_state",
  ): Refusal => ({
    ok: false,
    error,
    facts: { session, why, branch: info.branch, base, ...more },
  });
  if (base === info.baseCommit || !(await main.branchExists(base))) return refuse("base_not_branch");
  const on = await main.currentBranch();
  if (on !== base) return refuse("not_on_base", { detail: on ?? "a detached HEAD" });
  const dirty = await main.status({ untracked: false });
  if (dirty.length) return refuse("main_dirty", { files: dirty.map((f) => f.path) });
  if (!(await main.commitOf(`refs/heads/${info.branch}`))) return refuse("worktree_gone", { detail: "branch" });
  const there = await worktreeThere(runner, info);
  let committed: string | undefined;
  if (there) {
    const settled = await settleUncommitted(runner, session, info, o);
    if (!settled.ok) return settled;
    committed = settled.committed;
  }
  const branchRef = `refs/heads/${info.branch}`;
  const commits = Number((await main.must(["rev-list", "--count", `refs/heads/${base}..${branchRef}`, "--"])).trim());
  const facts: MergeFacts = {
    session,
    branch: info.branch,
    base,
    repo: info.repo,
    mode,
    mergedCommit: null,
    commits,
    files: 0,
    added: 0,
    removed: 0,
    ...(committed ? { committed } : {}),
  };
  if (commits === 0) return { ok: true, code: "up_to_date", facts };
  const stat = await main.must([
    "diff",
    ...NO_EXTERNAL,
    "--numstat",
    "-z",
    `${await baseRef(main, info)}...${branchRef}`,
    "--",
  ]);
  for (const line of stat.split("\0")) {
    const m = /^(-|\d+)\t(-|\d+)\t/.exec(line);
    if (!m) continue;
    facts.files++;
    facts.added += m[1] === "-" ? 0 : Number(m[1]);
    facts.removed += m[2] === "-" ? 0 : Number(m[2]);
  }

  const who = await identity(main);
  switch (mode) {
    case "merge": {
      const r = await main.run([
        ...who,
        "merge",
        "--no-ff",
        "--no-edit",
        "--no-verify",
        "-m",
        `Merge ${info.branch} (Wingman session ${session})`,
        branchRef,
      ]);
      if (r.exitCode !== 0) {
        const files = await conflictsIn(main);
        await main.run(["merge", "--abort"]);
        return files.length
          ? refuse("conflict", { files }, "conflict")
          : refuse("git_failed", { detail: gitMessage(r) }, "failed");
      }
      break;
    }
    case "squash": {
      const r = await main.run(["merge", "--squash", "--no-verify", branchRef]);
      if (r.exitCode !== 0) {
        const files = await conflictsIn(main);
        // A squash leaves no MERGE_HEAD to abort: reset --merge puts the index and tracked files back.
        await main.run(["reset", "--merge"]);
        return files.length
          ? refuse("conflict", { files }, "conflict")
          : refuse("git_failed", { detail: gitMessage(r) }, "failed");
      }
      const c = await main.run([
        ...who,
        "commit",
        "--quiet",
        "--no-verify",
        "-m",
        `${session}: ${info.branch} squashed by Wingman`,
      ]);
      if (c.exitCode !== 0) {
        await main.run(["reset", "--merge"]);
        return refuse("git_failed", { detail: gitMessage(c) }, "failed");
      }
      break;
    }
    case "ff": {
      const r = await main.run(["merge", "--ff-only", branchRef]);
      if (r.exitCode !== 0)
        return refuse("conflict", { detail: "not a fast-forward: base has commits the branch does not" }, "conflict");
      break;
    }
    case "rebase": {
      if (!there) return refuse("worktree_gone");
      const wt = new Git(runner, info.path);
      const r = await wt.run([...who, "rebase", "--quiet", `refs/heads/${base}`]);
      if (r.exitCode !== 0) {
        const files = await conflictsIn(wt);
        await wt.run(["rebase", "--abort"]);
        return files.length
          ? refuse("conflict", { files }, "conflict")
          : refuse("git_failed", { detail: gitMessage(r) }, "failed");
      }
      const ff = await main.run(["merge", "--ff-only", branchRef]);
      if (ff.exitCode !== 0) return refuse("git_failed", { detail: gitMessage(ff) }, "failed");
      break;
    }
  }
  facts.mergedCommit = await main.line(["rev-parse", "HEAD"]);
  return { ok: true, code: "merged", facts };
}

/** The branch's tip now (to record beside mergedCommit). */
export async function branchTip(runner: ProgramRunner, info: WorktreeInfo): Promise<string | null> {
  return new Git(runner, info.repo).commitOf(`refs/heads/${info.branch}`);
}

export { GitError };
