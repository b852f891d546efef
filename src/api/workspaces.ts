// The facts of Wingman's git operations (worktree at spawn, changes, merge, pr, kill … clean), in the
// outcome shape of api/outcomes.ts: the core returns these, format/changes.ts writes the words. Shapes
// that are part of the contract (`worktree` in `status --json`, `changes --json`) are marked so.
import type { Outcome, RefusalFacts } from "./outcomes.js";

// WorktreeInfo lives with the session views (types.ts) that carry it; named here too for the git layer.
export type { WorktreeInfo } from "./types.js";

export type FileStatus = "added" | "modified" | "deleted" | "renamed";

/** One file of `changes` (contract: added/removed are null for a binary file; renames carry oldPath). */
export interface ChangedFile {
  path: string;
  status: FileStatus;
  added: number | null;
  removed: number | null;
  oldPath?: string;
}

/** `changes --json` (contract shape), plus the session and whether the worktree was found. */
export interface ChangesFacts {
  session: string;
  branch: string;
  base: string;
  ahead: number;
  behind: number;
  files: ChangedFile[];
  uncommitted: Array<{ path: string; status: FileStatus }>;
}

/** `changes NAME FILE`: one file's patch (committed part, then the uncommitted part), already redacted. */
export interface PatchFacts {
  session: string;
  branch: string;
  path: string;
  /** Unified diff text, secrets redacted; "" when git shows no text (a binary file). */
  patch: string;
  binary: boolean;
}

/**
 * Why a git operation on a session could not start (the facts of a refusal; `why` names the case, worded by
 * format/changes.ts). Refusals every operation shares (no such session, not an owner, a host that does not
 * answer) come as api/outcomes.ts's RefusalFacts instead: see GitRefusal.
 */
export interface GitRefusalFacts {
  session: string;
  /** What stood in the way. */
  why:
    | "no_worktree"
    | "worktree_gone"
    | "not_at_rest"
    | "uncommitted"
    | "not_on_base"
    | "main_dirty"
    | "base_not_branch"
    | "main_in_use"
    | "conflict"
    | "not_listed"
    | "no_remote"
    | "push_rejected"
    | "unmerged"
    | "git_failed";
  /** The session's state for `not_at_rest`; the main checkout's branch for `not_on_base`; git's message for `git_failed`. */
  detail?: string;
  /** Files involved: uncommitted ones, conflicting ones, the main checkout's changed ones. */
  files?: string[];
  /** Commits on the branch that are not on base (what `kill … clean` would lose). */
  unmergedCommits?: number;
  /** The other session working in the main checkout (`main_in_use`). */
  other?: string;
  branch?: string;
  base?: string;
}

/** A refusal of changes, merge, pr or clean: a git case, or one every operation shares. */
export type GitRefusal = GitRefusalFacts | RefusalFacts;

export type MergeMode = "merge" | "squash" | "rebase" | "ff";

export interface MergeFacts {
  session: string;
  branch: string;
  base: string;
  repo: string;
  mode: MergeMode;
  /** The commit now at the tip of base (null when there was nothing to merge). */
  mergedCommit: string | null;
  /** Commits the branch had that base did not. */
  commits: number;
  files: number;
  added: number;
  removed: number;
  /** Set when `commit` first committed uncommitted work: that commit. */
  committed?: string;
}

export interface PrFacts {
  session: string;
  branch: string;
  base: string;
  remote: string;
  /** The pull request's address when gh opened one. */
  prUrl?: string;
  /** Where a person opens one by hand (GitHub-style hosts), when gh was not used. */
  compareUrl?: string;
  /** Why gh was not used: not installed, or not logged in. */
  gh: "used" | "missing" | "logged_out" | "failed";
  ghError?: string;
  committed?: string;
}

export interface CleanFacts {
  session: string;
  path: string;
  branch: string;
  worktreeRemoved: boolean;
  branchDeleted: boolean;
  /** With confirm: the uncommitted files thrown away with the worktree. */
  lostFiles?: string[];
  /** Unmerged commits, kept on the branch (which stays). */
  keptCommits?: number;
}

/** The whole diff of a session (the web page): committed part then uncommitted part, redacted, capped. */
export interface DiffFacts {
  session: string;
  branch: string;
  base: string;
  patch: string;
  /** The diff was longer than the cap and was cut there. */
  truncated: boolean;
}

export type DiffOutcome = Outcome<"diff", DiffFacts, GitRefusal>;
export type ChangesOutcome = Outcome<"changes", ChangesFacts, GitRefusal>;
export type PatchOutcome = Outcome<"patch", PatchFacts, GitRefusal>;
export type MergeOutcome = Outcome<"merged" | "up_to_date", MergeFacts, GitRefusal>;
export type PrOutcome = Outcome<"pushed", PrFacts, GitRefusal>;
export type CleanOutcome = Outcome<"cleaned", CleanFacts, GitRefusal>;
