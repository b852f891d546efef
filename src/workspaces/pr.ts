// `pr NAME`: push the session's branch to the remote its base tracks (never forced: a rejected push is a
// conflict) and open a pull request with `gh` when it is installed and logged in there; otherwise the reply
// gives the branch and, for a GitHub-style remote, the compare address to open one by hand.
import type { GitRefusalFacts, PrFacts, WorktreeInfo } from "../api/workspaces.js";
import type { ProgramRunner } from "../hosts/tmux.js";
import { Git, gitMessage } from "./git.js";

/** Runs argv in a folder on that machine: a fixed `sh` script, the folder and argv only as its arguments. */
const IN_DIR = 'cd -- "$1" || exit 1; shift; exec "$@"';

type Refusal = { ok: false; error: "wrong_state" | "conflict" | "failed"; facts: GitRefusalFacts };

/** The web address of a remote: https://host/owner/repo for `git@host:owner/repo.git` or `https://host/owner/repo(.git)`. */
export function webUrlOf(remoteUrl: string): string | null {
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/)([^\s]+?)(?:\.git)?\/?$/.exec(remoteUrl);
  if (scp && !remoteUrl.includes("://")) return `https://${scp[1]}/${scp[2]}`;
  const url = /^(?:https?|ssh|git):\/\/(?:[^@/]+@)?([\w.-]+)(?::\d+)?\/([^\s]+?)(?:\.git)?\/?$/.exec(remoteUrl);
  return url ? `https://${url[1]}/${url[2]}` : null;
}

export async function prSession(
  runner: ProgramRunner,
  session: string,
  info: WorktreeInfo,
  o: { title?: string; committed?: string },
): Promise<{ ok: true; facts: PrFacts } | Refusal> {
  const main = new Git(runner, info.repo);
  const refuse = (
    why: GitRefusalFacts["why"],
    more: Partial<GitRefusalFacts> = {},
    error: Refusal["error"] = "wrong_state",
  ): Refusal => ({
    ok: false,
    error,
    facts: { session, why, branch: info.branch, base: info.base, ...more },
  });
  const isBranch = info.base !== info.baseCommit && (await main.branchExists(info.base));
  // The base's upstream remote; a base with none falls back to `origin` when there is one.
  const tracked = isBranch ? await main.line(["config", "--get", `branch.${info.base}.remote`]) : null;
  const remote =
    tracked && tracked !== "."
      ? tracked
      : (await main.line(["config", "--get", "remote.origin.url"]))
        ? "origin"
        : null;
  if (!remote) return refuse("no_remote");
  const push = await runner([
    "env",
    "GIT_TERMINAL_PROMPT=0",
    "git",
    "-C",
    info.repo,
    "-c",
    "core.hooksPath=/dev/null",
    "-c",
    "core.fsmonitor=false",
    "push",
    "--porcelain",
    "--",
    remote,
    `refs/heads/${info.branch}:refs/heads/${info.branch}`,
  ]);
  if (push.exitCode !== 0) {
    const rejected = /\[rejected\]|\(non-fast-forward\)|\(fetch first\)/.test(push.stdout + push.stderr);
    return rejected
      ? refuse("push_rejected", { detail: gitMessage(push) }, "conflict")
      : refuse("git_failed", { detail: gitMessage(push) }, "failed");
  }
  const url = await main.line(["remote", "get-url", "--", remote]);
  const web = url ? webUrlOf(url) : null;
  const baseName = isBranch ? info.base : null;
  const compareUrl = web && baseName ? `${web}/compare/${baseName}...${info.branch}?expand=1` : undefined;
  const facts: PrFacts = {
    session,
    branch: info.branch,
    base: info.base,
    remote,
    gh: "missing",
    ...(compareUrl ? { compareUrl } : {}),
    ...(o.committed ? { committed: o.committed } : {}),
  };

  const auth = await runner(["sh", "-c", IN_DIR, "sh", info.repo, "gh", "auth", "status"]).catch(() => null);
  if (!auth || auth.exitCode === 127) return { ok: true, facts };
  if (auth.exitCode !== 0) return { ok: true, facts: { ...facts, gh: "logged_out" } };
  const subject =
    o.title ??
    (await main.line(["log", "-1", "--format=%s", `refs/heads/${info.branch}`])) ??
    `${session}: work from Wingman`;
  // `--flag=value`: a title that starts with "-" stays a title.
  const args = [
    "gh",
    "pr",
    "create",
    `--head=${info.branch}`,
    `--title=${subject}`,
    `--body=Opened by Wingman from session ${session}.`,
  ];
  if (baseName) args.push(`--base=${baseName}`);
  const made = await runner(["sh", "-c", IN_DIR, "sh", info.repo, ...args]);
  const prUrl = made.stdout
    .split("\n")
    .map((l) => l.trim())
    .find((l) => /^https?:\/\//.test(l));
  if (made.exitCode !== 0 || !prUrl) return { ok: true, facts: { ...facts, gh: "failed", ghError: gitMessage(made) } };
  return { ok: true, facts: { ...facts, gh: "used", prUrl } };
}
