// What a session changed on its branch, for a phone: commits ahead of and behind its base, each file with its
// lines added and removed (`base...branch`, so work that landed on base meanwhile is not counted as the
// session's), and what is not committed yet in its worktree. One file's patch on request.
import { redactSecrets } from "../api/redact.js";
import type {
  ChangedFile,
  ChangesFacts,
  FileStatus,
  GitRefusalFacts,
  PatchFacts,
  WorktreeInfo,
} from "../api/workspaces.js";
import type { ProgramRunner } from "../hosts/tmux.js";
import { Git, GitError, NO_EXTERNAL, parseStatus } from "./git.js";

/** The ref the branch is compared with: the base branch while it exists, else the commit it started from. */
export async function baseRef(git: Git, info: WorktreeInfo): Promise<string> {
  if (info.base !== info.baseCommit && (await git.commitOf(info.base))) return info.base;
  return info.baseCommit;
}

function statusOf(letter: string): FileStatus {
  if (letter === "A" || letter === "?" || letter === "C") return "added";
  if (letter === "D") return "deleted";
  if (letter === "R") return "renamed";
  return "modified";
}

/** `git diff --raw --numstat -z` output → files (renames carry oldPath; binary files have null counts). */
export function parseRawNumstat(out: string): ChangedFile[] {
  const parts = out.split("\0");
  const files: ChangedFile[] = [];
  const counts: Array<{ added: number | null; removed: number | null }> = [];
  let i = 0;
  while (i < parts.length) {
    const p = parts[i]!;
    if (p.startsWith(":")) {
      const letter = p.trim().split(" ").pop()!.charAt(0);
      if (letter === "R" || letter === "C") {
        const oldPath = parts[i + 1] ?? "";
        const path = parts[i + 2] ?? "";
        files.push({
          path,
          status: statusOf(letter),
          added: null,
          removed: null,
          ...(letter === "R" ? { oldPath } : {}),
        });
        i += 3;
      } else {
        files.push({ path: parts[i + 1] ?? "", status: statusOf(letter), added: null, removed: null });
        i += 2;
      }
      continue;
    }
    const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(p);
    if (m) {
      counts.push({ added: m[1] === "-" ? null : Number(m[1]), removed: m[2] === "-" ? null : Number(m[2]) });
      // A rename's numstat has an empty path followed by the old and new paths.
      i += m[3] === "" ? 3 : 1;
      continue;
    }
    i++;
  }
  // numstat lists the same files in the same order as raw.
  counts.forEach((c, k) => {
    const f = files[k];
    if (f) Object.assign(f, c);
  });
  return files;
}

/** Whether the worktree folder is still there (removed by hand: only the branch can be read). */
export async function worktreeThere(runner: ProgramRunner, info: WorktreeInfo): Promise<boolean> {
  return (await runner(["test", "-d", info.path])).exitCode === 0;
}

export async function uncommittedOf(
  runner: ProgramRunner,
  info: WorktreeInfo,
): Promise<Array<{ path: string; status: FileStatus }>> {
  const git = new Git(runner, info.path);
  const r = await git.run(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignore-submodules=dirty"]);
  if (r.exitCode !== 0) {
    // A worktree folder that is gone has nothing uncommitted (its branch is what is left); anything else is an error.
    if (!(await worktreeThere(runner, info))) return [];
    throw new GitError(["status"], r);
  }
  return parseStatus(r.stdout).map((e) => {
    const letter = e.xy === "??" ? "?" : e.xy[0] !== " " ? e.xy[0]! : e.xy[1]!;
    return { path: e.path, status: statusOf(letter) };
  });
}

export async function changesOf(
  runner: ProgramRunner,
  session: string,
  info: WorktreeInfo,
): Promise<{ ok: true; facts: ChangesFacts } | { ok: false; facts: GitRefusalFacts }> {
  const git = new Git(runner, info.repo);
  const branchRef = `refs/heads/${info.branch}`;
  const baseBranch = info.base !== info.baseCommit ? `refs/heads/${info.base}` : null;
  // A phone waits on every git call: the usual case is one parallel round of three processes; a base that is a
  // tag, a remote branch or deleted, or a branch that is gone, takes a second look.
  const read = (base: string) => {
    const range = `${base}...${branchRef}`;
    return Promise.all([
      git.run(["rev-list", "--left-right", "--count", range, "--"]),
      git.run(["diff", ...NO_EXTERNAL, "--raw", "--numstat", "-z", "-M", range, "--"]),
    ]);
  };
  // refs/heads/BASE: a local base branch, the usual case; else (a tag, a remote branch, a commit) git's own reading.
  const [first, uncommitted] = await Promise.all([read(baseBranch ?? info.baseCommit), uncommittedOf(runner, info)]);
  let [countRun, diffRun] = first;
  if (countRun.exitCode !== 0 || diffRun.exitCode !== 0) {
    // One end is missing: the session's branch (gone: say so), or the base branch (deleted, or not a local one).
    if (!(await git.commitOf(branchRef)))
      return { ok: false, facts: { session, why: "worktree_gone", branch: info.branch, detail: "branch" } };
    [countRun, diffRun] = await read(await baseRef(git, info));
  }
  const counts = countRun.stdout;
  const diff = diffRun.stdout;
  const [behind, ahead] = counts.trim().split(/\s+/).map(Number);
  return {
    ok: true,
    facts: {
      session,
      branch: info.branch,
      base: info.base,
      ahead: ahead ?? 0,
      behind: behind ?? 0,
      files: parseRawNumstat(diff),
      uncommitted,
    },
  };
}

/** The most diff text the web page is sent (the rest is cut, and it says so). */
export const MAX_DIFF_BYTES = 2 * 1024 * 1024;

/** The session's whole diff: `base...branch`, then what is uncommitted (untracked files as added). */
export async function fullDiffOf(
  runner: ProgramRunner,
  changes: ChangesFacts,
  info: WorktreeInfo,
): Promise<{ patch: string; truncated: boolean }> {
  const git = new Git(runner, info.repo);
  const base = await baseRef(git, info);
  const parts = [await git.must(["diff", ...NO_EXTERNAL, "-M", `${base}...refs/heads/${info.branch}`, "--"])];
  if (changes.uncommitted.length) {
    const wt = new Git(runner, info.path);
    parts.push(await wt.must(["diff", ...NO_EXTERNAL, "HEAD", "--"]));
    const untracked = (await wt.must(["ls-files", "--others", "--exclude-standard", "-z"])).split("\0").filter(Boolean);
    for (const f of untracked.slice(0, 200))
      parts.push((await wt.run(["diff", ...NO_EXTERNAL, "--no-index", "--", "/dev/null", f])).stdout);
  }
  let patch = parts.filter((p) => p.trim()).join("\n");
  const truncated = Buffer.byteLength(patch) > MAX_DIFF_BYTES;
  if (truncated)
    patch = Buffer.from(patch)
      .subarray(0, MAX_DIFF_BYTES)
      .toString("utf8")
      .replace(/\n[^\n]*$/, "");
  return { patch: redactSecrets(patch.replace(/\n$/, "")), truncated };
}

/**
 * One listed file's patch: the committed part (`base...branch`), then what is uncommitted in the worktree
 * (an untracked file as all added). Redacted like every screen; the door decides how much a phone gets.
 */
export async function patchOf(
  runner: ProgramRunner,
  changes: ChangesFacts,
  info: WorktreeInfo,
  file: string,
): Promise<{ ok: true; facts: PatchFacts } | { ok: false; facts: GitRefusalFacts }> {
  const committed = changes.files.find((f) => f.path === file || f.oldPath === file);
  const loose = changes.uncommitted.find((f) => f.path === file);
  if (!committed && !loose) {
    return {
      ok: false,
      facts: {
        session: changes.session,
        why: "not_listed",
        detail: file,
        files: [...changes.files.map((f) => f.path), ...changes.uncommitted.map((f) => f.path)].slice(0, 10),
      },
    };
  }
  const git = new Git(runner, info.repo);
  const parts: string[] = [];
  let binary = false;
  if (committed) {
    binary ||= committed.added === null;
    const base = await baseRef(git, info);
    const paths = committed.oldPath ? [committed.oldPath, committed.path] : [committed.path];
    parts.push(await git.must(["diff", ...NO_EXTERNAL, "-M", `${base}...refs/heads/${info.branch}`, "--", ...paths]));
  }
  if (loose) {
    const wt = new Git(runner, info.path);
    const tracked = (await wt.run(["ls-files", "--error-unmatch", "--", loose.path])).exitCode === 0;
    if (!tracked) {
      // Untracked: git diff --no-index shows it as a new file (exit 1 means "differs").
      const r = await wt.run(["diff", ...NO_EXTERNAL, "--no-index", "--", "/dev/null", loose.path]);
      parts.push(r.stdout);
    } else {
      parts.push(await wt.must(["diff", ...NO_EXTERNAL, "HEAD", "--", loose.path]));
    }
  }
  const patch = parts.filter((p) => p.trim()).join("\n");
  if (/^Binary files /m.test(patch)) binary = true;
  return {
    ok: true,
    facts: {
      session: changes.session,
      branch: info.branch,
      path: file,
      patch: redactSecrets(patch.replace(/\n$/, "")),
      binary,
    },
  };
}
