// Spawn's worktree step (docs/worktrees.md): decide and make the session's own worktree before its agent
// starts, give a refusal's facts, take back what this spawn made when a later step fails, and judge the agent's first
// screen (every spawn's) so that one that dies at once is a failed spawn and leaves no worktree behind.
import { refusal } from "../../api/errors.js";
import { redactSecrets } from "../../api/redact.js";
import type { RefusalFacts } from "../../api/outcomes.js";
import type { SpawnRequest } from "../../api/wingman-api.js";
import type { WorktreeInfo } from "../../api/workspaces.js";
import { expandHome } from "../../config.js";
import { GitError } from "../../workspaces/git.js";
import {
  prepareWorktree,
  removeWorktree,
  type WorktreePlan,
  type WorktreeRefusal,
  WorktreeRefused,
} from "../../workspaces/worktree.js";
import type { Core } from "../context.js";
import type { SessionHost } from "../fleet.js";

/** Whether `dir` (as asked) is the main checkout, or a folder in it, of a session's worktree. */
export function inWorktreeOf(w: WorktreeInfo | null | undefined, dir: string): boolean {
  return !!w && (dir === w.repo || dir.startsWith(`${w.repo}/`));
}

/** The session's own worktree, made now (or found from before), or none; a refusal leaves nothing made. */
export async function worktreeFor(
  core: Core,
  host: SessionHost,
  name: string,
  asked: SpawnRequest,
  dir: string,
): Promise<WorktreePlan> {
  const root = core.config.worktreeRoot ? expandHome(core.config.worktreeRoot, core.env.HOME || undefined) : undefined;
  const others = Object.values((await core.registry.read()).sessions).filter(
    (s) => s.name !== name && (s.host ?? null) === host.name && s.lastState !== "exited",
  );
  try {
    return await prepareWorktree(host.files.run, {
      session: name,
      dir,
      mode: core.config.worktrees,
      ...(asked.worktree !== undefined ? { want: asked.worktree } : {}),
      ...(asked.base !== undefined ? { base: asked.base } : {}),
      ...(asked.branch !== undefined ? { branch: asked.branch } : {}),
      branchPrefix: core.config.branchPrefix,
      ...(root?.startsWith("/") ? { root } : {}),
      sharedWith: (repo) =>
        others.some((s) => s.workdir === repo || s.workdir.startsWith(`${repo}/`) || s.worktree?.repo === repo),
    });
  } catch (e) {
    if (e instanceof WorktreeRefused)
      throw refusal(e.facts.reason === "git_failed" ? "failed" : "refused", worktreeRefusalFacts(name, e.facts));
    if (e instanceof GitError)
      throw refusal("failed", { why: "worktree_failed", session: name, dir, detail: e.message });
    throw e;
  }
}

/** The refusal's facts (worded by format/outcomes.ts). */
function worktreeRefusalFacts(session: string, f: WorktreeRefusal): RefusalFacts {
  const { reason, ...rest } = f;
  const why = (
    {
      not_git: "not_git",
      bare: "bare_repo",
      bad_base: "bad_base",
      bad_branch: "bad_branch",
      branch_exists: "branch_exists",
      path_exists: "worktree_path_taken",
      git_failed: "worktree_failed",
    } as const
  )[reason];
  return { why, session, ...rest };
}

/** Take back a worktree and branch this spawn made; a failure here is logged, the spawn's own error stands. */
export async function undoWorktree(host: SessionHost, info: WorktreeInfo, madeBranch: boolean): Promise<void> {
  await removeWorktree(host.files.run, info, { force: true, deleteBranch: madeBranch ? "always" : "never" }).catch(
    () => {},
  );
}

/** How long a freshly started agent gets to draw its first screen before the spawn is judged. */
const FIRST_SCREEN_MS = 15_000;

/**
 * An agent that exits before its first screen (a `command` that rejects the flags Wingman adds, a missing
 * login, a crash) fails the spawn with the exit reason and the dead pane's last words; a worktree this spawn
 * made for it goes too, and the record keeps no worktree. The record itself stays, exited with that reason, so
 * `status` and `history` show what happened. An agent still drawing when the time is up is reported started.
 */
export async function checkFirstScreen(
  core: Core,
  name: string,
  host: SessionHost,
  made: { info: WorktreeInfo; madeBranch: boolean } | null,
): Promise<void> {
  const first = await core.waitForState(name, (v) => v.state !== "starting" && v.state !== "unknown", FIRST_SCREEN_MS);
  if (first?.state !== "exited") return;
  const detail = await lastWords(host, name);
  if (made) {
    await host.panes.killSession(name).catch(() => false);
    await undoWorktree(host, made.info, made.madeBranch);
    await core.registry.update((d) => {
      const r = d.sessions[name];
      if (r) r.worktree = null;
    });
  }
  throw refusal("failed", {
    why: "exited_before_screen",
    session: name,
    reason: first.stateReason ?? null,
    detail,
    ...(made ? { path: made.info.path, branch: made.info.branch, branchRemoved: made.madeBranch } : {}),
  });
}

/** What a dead agent left on its screen (its own error, usually), redacted and cut for a reply; null if nothing. */
async function lastWords(host: SessionHost, name: string): Promise<string | null> {
  const text = await host.panes.capture(name).catch(() => "");
  const lines = redactSecrets(text)
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^Pane is dead\b/.test(l));
  const words = lines.slice(-3).join(" · ");
  return words ? words.slice(-300) : null;
}
