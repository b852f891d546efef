// Wingman's own git: a fixed argv run on the session's machine (this one, or another over the same SSH
// connection as its tmux), never a shell string. The agent can write a repository's files, so Wingman's git
// never runs what those files could name: no hooks (core.hooksPath=/dev/null), no fsmonitor program, no
// external diff or textconv program, and pathspecs are literal (a file named `*` is that file). Filter and
// merge drivers can only be defined in git config, which an agent cannot write without a high-risk prompt
// (core/approvals/risk.ts), so a repository's own drivers (git-lfs) keep working.
import type { ProgramRunner } from "../hosts/tmux.js";

export interface GitResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** What goes before every git subcommand Wingman runs. */
export const GIT_SAFETY = [
  "-c",
  "core.hooksPath=/dev/null",
  "-c",
  "core.fsmonitor=false",
  "-c",
  "color.ui=false",
  "--literal-pathspecs",
  // Reading never takes the index lock: a `status` from the phone never collides with the agent's own git.
  "--no-optional-locks",
] as const;

/** For diff-like subcommands: never an external diff program or a textconv filter. */
export const NO_EXTERNAL = ["--no-ext-diff", "--no-textconv"] as const;

/** A git error as one line (git's own words, last line first is usually the reason). */
export function gitMessage(r: GitResult): string {
  const lines = (r.stderr || r.stdout)
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? `git exited ${r.exitCode}`).slice(0, 300);
}

export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly result: GitResult,
  ) {
    super(`git ${args[0]}: ${gitMessage(result)}`);
    this.name = "GitError";
  }
}

/** git in one folder of one machine. */
export class Git {
  constructor(
    private readonly runner: ProgramRunner,
    readonly dir: string,
  ) {}

  /** Another folder on the same machine. */
  at(dir: string): Git {
    return new Git(this.runner, dir);
  }

  /** Runs `git -C DIR <safety> ARGS`; the exit code is the caller's to read. */
  async run(args: readonly string[], input?: string): Promise<GitResult> {
    return this.runner(["git", "-C", this.dir, ...GIT_SAFETY, ...args], input);
  }

  /** Runs it and fails (GitError) on a non-zero exit. */
  async must(args: readonly string[], input?: string): Promise<string> {
    const r = await this.run(args, input);
    if (r.exitCode !== 0) throw new GitError(args, r);
    return r.stdout;
  }

  /** The trimmed first line of a command that succeeded, else null. */
  async line(args: readonly string[]): Promise<string | null> {
    const r = await this.run(args);
    return r.exitCode === 0 ? (r.stdout.split("\n")[0] ?? "").trim() : null;
  }

  /** A commit's full hash for a ref, or null when it names none. */
  commitOf(ref: string): Promise<string | null> {
    return this.line(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  }

  /** The branch checked out here (short name), or null when detached. */
  currentBranch(): Promise<string | null> {
    return this.line(["symbolic-ref", "--quiet", "--short", "HEAD"]);
  }

  async branchExists(branch: string): Promise<boolean> {
    return (await this.run(["show-ref", "--verify", "--quiet", `refs/heads/${branch}`])).exitCode === 0;
  }

  async isAncestor(a: string, b: string): Promise<boolean> {
    return (await this.run(["merge-base", "--is-ancestor", a, b])).exitCode === 0;
  }

  /** Tracked and untracked (not ignored) changes, as `git status --porcelain -z` lists them. */
  async status(opts: { untracked: boolean }): Promise<Array<{ path: string; xy: string; oldPath?: string }>> {
    const out = await this.must([
      "status",
      "--porcelain=v1",
      "-z",
      `--untracked-files=${opts.untracked ? "all" : "no"}`,
      "--ignore-submodules=dirty",
    ]);
    return parseStatus(out);
  }

  /** Whether a ref name is one git accepts for a branch (`git check-ref-format --branch`). */
  async validBranchName(name: string): Promise<boolean> {
    if (name.startsWith("-")) return false;
    return (await this.run(["check-ref-format", "--branch", name])).exitCode === 0;
  }
}

/** `git status --porcelain=v1 -z`: `XY path\0`, a rename or copy followed by `oldpath\0`. */
export function parseStatus(out: string): Array<{ path: string; xy: string; oldPath?: string }> {
  const parts = out.split("\0");
  const list: Array<{ path: string; xy: string; oldPath?: string }> = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.length < 4) continue;
    const xy = p.slice(0, 2);
    const path = p.slice(3);
    if (xy[0] === "R" || xy[0] === "C") list.push({ path, xy, oldPath: parts[++i] ?? "" });
    else list.push({ path, xy });
  }
  return list;
}
