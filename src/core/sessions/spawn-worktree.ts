// Spawn's worktree step (docs/worktrees.md): decide and make the session's own worktree before its agent
// starts, word a refusal, take back what this spawn made when a later step fails, and judge the agent's first
// screen so that one that dies at once does not leave a worktree behind.
import { failed, WingmanError } from "../../api/errors.js";
import type { SpawnRequest } from "../../api/wingman-api.js";
import type { WorktreeInfo } from "../../api/workspaces.js";
import { expandHome } from "../../config.js";
import { GitError } from "../../workspaces/git.js";
import { prepareWorktree, removeWorktree, type WorktreePlan, type WorktreeRefusal, WorktreeRefused } from "../../workspaces/worktree.js";
import type { Core } from "../context.js";
import type { SessionHost } from "../fleet.js";
import { quote } from "../store/names.js";

/** Whether `dir` (as asked) is the main checkout, or a folder in it, of a session's worktree. */
export function inWorktreeOf(w: WorktreeInfo | null | undefined, dir: string): boolean {
  return !!w && (dir === w.repo || dir.startsWith(`${w.repo}/`));
}

/** A commit hash shortened for a reply; a branch name as it is. */
export function shortRef(ref: string): string {
  return /^[0-9a-f]{40,64}$/.test(ref) ? ref.slice(0, 12) : ref;
}

/** The session's own worktree, made now (or found from before), or none; a refusal leaves nothing made. */
export async function worktreeFor(core: Core, host: SessionHost, name: string, asked: SpawnRequest, dir: string): Promise<WorktreePlan> {
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
      sharedWith: (repo) => others.some((s) => s.workdir === repo || s.workdir.startsWith(`${repo}/`) || s.worktree?.repo === repo),
    });
  } catch (e) {
    if (e instanceof WorktreeRefused) throw new WingmanError(e.facts.reason === "git_failed" ? "failed" : "refused", worktreeRefusalText(name, e.facts));
    if (e instanceof GitError) throw failed(`${name} not started: ${e.message}`);
    throw e;
  }
}

// The one sentence per refusal; it moves to format/ when spawn's outcome becomes facts (the facts are in e.facts).
function worktreeRefusalText(name: string, f: WorktreeRefusal): string {
  const dir = quote(f.dir, 80);
  switch (f.reason) {
    case "not_git":
      return `${dir} is not in a git repository, so ${name} cannot have a worktree: spawn it with worktree=no`;
    case "bare":
      return `${dir} is a bare git repository (no checkout to branch from): spawn in a checkout, or with worktree=no`;
    case "bad_base":
      return `base ${quote(f.base ?? "", 60)} is not a commit or branch in ${dir}: use base=BRANCH`;
    case "bad_branch":
      return `${quote(f.branch ?? "", 60)} is not a valid branch name: use branch=NAME with letters, digits, - and /`;
    case "branch_exists":
      return f.checkedOutAt
        ? `branch ${f.branch} is already checked out at ${f.checkedOutAt}: pick another name, or branch=OTHER`
        : `branch ${f.branch} already exists (not in a Wingman worktree): pick another name, branch=OTHER, or delete it (git branch -d ${f.branch})`;
    case "path_exists":
      return `${f.path} already exists and is not ${name}'s worktree: move it away, or pick another name`;
    case "git_failed":
      return `the worktree for ${name} could not be made (nothing was left behind): ${f.detail ?? "git failed"}`;
  }
}

/** Take back a worktree and branch this spawn made; a failure here is logged, the spawn's own error stands. */
export async function undoWorktree(host: SessionHost, info: WorktreeInfo, madeBranch: boolean): Promise<void> {
  await removeWorktree(host.files.run, info, { force: true, deleteBranch: madeBranch ? "always" : "never" }).catch(() => {});
}

/** How long a freshly made worktree's agent gets to draw its first screen before the spawn is judged. */
const FIRST_SCREEN_MS = 15_000;

/** An agent that exits before its first screen fails the spawn, and the worktree made for it goes. */
export async function checkFirstScreen(core: Core, name: string, host: SessionHost, info: WorktreeInfo, madeBranch: boolean): Promise<void> {
  const first = await core.waitForState(name, (v) => v.state !== "starting" && v.state !== "unknown", FIRST_SCREEN_MS);
  if (first?.state !== "exited") return;
  await host.panes.killSession(name).catch(() => false);
  await undoWorktree(host, info, madeBranch);
  await core.registry.update((d) => {
    const r = d.sessions[name];
    if (r) r.worktree = null;
  });
  throw failed(`${name}'s agent exited before its first screen (${first.stateReason ?? "no reason given"}); its worktree ${info.path}${madeBranch ? ` and branch ${info.branch} were` : " was"} removed`);
}
