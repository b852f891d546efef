// The core's git operations on a session's worktree: changes (read-only), merge, pr and kill … clean (owner
// only, one at a time per session, audited). Each returns facts (api/workspaces.ts); git itself runs on the
// session's machine through its host's runner (workspaces/).
import { errorMessage, WingmanError } from "../../api/errors.js";
import type { Actor } from "../../api/types.js";
import type {
  ChangesOutcome,
  CleanOutcome,
  DiffOutcome,
  GitRefusal,
  MergeMode,
  MergeOutcome,
  PatchOutcome,
  PrOutcome,
  WorktreeInfo,
} from "../../api/workspaces.js";
import { changesOf, fullDiffOf, patchOf, worktreeThere } from "../../workspaces/changes.js";
import { cleanCheck, cleanWorktree } from "../../workspaces/clean.js";
import { GitError } from "../../workspaces/git.js";
import { branchTip, mergeSession, settleUncommitted } from "../../workspaces/merge.js";
import { prSession } from "../../workspaces/pr.js";
import { mayAct } from "../approvals/authorize.js";
import type { Core } from "../context.js";
import type { SessionHost } from "../fleet.js";
import { killSession } from "./lifecycle.js";
import { sessionName } from "./checks.js";

/** States in which a session may be merged or pushed: its agent is not in the middle of anything. */
const AT_REST = new Set(["idle", "error", "exited"]);

type Refusal = { ok: false; error: WingmanError["code"]; facts: GitRefusal };

const refusal = (error: WingmanError["code"], facts: GitRefusal): Refusal => ({ ok: false, error, facts });

/** The session's record with a worktree, and its host; or the refusal that says why not. */
async function worktreeOf(
  core: Core,
  session: string,
  o: { adopted?: boolean } = {},
): Promise<{ name: string; info: WorktreeInfo; host: SessionHost } | Refusal> {
  const name = sessionName(session);
  const rec = (await core.registry.read()).sessions[name];
  if (!rec) return refusal("not_found", { why: "no_session", session: name });
  // An adopted session in a git repository is read (changes, diff) against the commit it was adopted at; it
  // has no branch of its own, so nothing merges or pushes it.
  const info = rec.worktree ?? (o.adopted ? rec.adopted?.since : undefined);
  if (!info) return refusal("wrong_state", { session: name, why: "no_worktree" });
  return { name, info, host: core.fleet.forRecord(rec) };
}

/** A thrown error as a refusal with facts (a core refusal's own facts, or git's own message). */
function caught(session: string, e: unknown): Refusal {
  if (e instanceof WingmanError) return refusal(e.code, e.facts ?? { why: "error", text: e.message });
  if (e instanceof GitError) return refusal("failed", { session, why: "git_failed", detail: e.message });
  return refusal("failed", { session, why: "git_failed", detail: errorMessage(e) });
}

export async function sessionChanges(
  core: Core,
  session: string,
  file?: string,
): Promise<ChangesOutcome | PatchOutcome> {
  try {
    const w = await worktreeOf(core, session, { adopted: true });
    if ("ok" in w) return w;
    const c = await changesOf(w.host.files.run, w.name, w.info);
    if (!c.ok) return refusal("wrong_state", c.facts);
    if (file === undefined) return { ok: true, code: "changes", facts: c.facts };
    const p = await patchOf(w.host.files.run, c.facts, w.info, file);
    return p.ok ? { ok: true, code: "patch", facts: p.facts } : refusal("not_found", p.facts);
  } catch (e) {
    return caught(session, e);
  }
}

/** The whole diff of a session, for the web page (read-only). */
export async function sessionDiff(core: Core, session: string): Promise<DiffOutcome> {
  try {
    const w = await worktreeOf(core, session, { adopted: true });
    if ("ok" in w) return w;
    const c = await changesOf(w.host.files.run, w.name, w.info);
    if (!c.ok) return refusal("wrong_state", c.facts);
    const d = await fullDiffOf(w.host.files.run, c.facts, w.info);
    return { ok: true, code: "diff", facts: { session: w.name, branch: w.info.branch, base: w.info.base, ...d } };
  } catch (e) {
    return caught(session, e);
  }
}

/** Refused unless the session is at rest and no other live session works in the main checkout. */
async function checkQuiet(core: Core, name: string, info: WorktreeInfo, host: string | null): Promise<Refusal | null> {
  const views = await core.refresh();
  const own = views.find((v) => v.name === name);
  if (own && !AT_REST.has(own.state))
    return refusal("wrong_state", { session: name, why: "not_at_rest", detail: own.state });
  const other = views.find(
    (v) =>
      v.name !== name &&
      v.state !== "exited" &&
      (v.host ?? null) === host &&
      (v.workdir === info.repo || v.workdir.startsWith(`${info.repo}/`)),
  );
  if (other) return refusal("wrong_state", { session: name, why: "main_in_use", other: other.name });
  return null;
}

export async function mergeSessionBranch(
  core: Core,
  session: string,
  o: { mode?: MergeMode; commit: boolean; confirm: boolean },
  actor: Actor,
): Promise<MergeOutcome> {
  const mode = o.mode ?? "merge";
  return audited(core, actor, session, `merge${mode === "merge" ? "" : ` ${mode}`}`, async () => {
    mayAct(actor, "merge a session's work");
    const w = await worktreeOf(core, session);
    if ("ok" in w) return w;
    return core.withSessionLock(w.name, async (): Promise<MergeOutcome> => {
      const quiet = await checkQuiet(core, w.name, w.info, w.host.name);
      if (quiet) return quiet;
      const r = await mergeSession(w.host.files.run, w.name, w.info, mode, o);
      if (!r.ok) return r;
      if (r.code === "merged" && r.facts.mergedCommit) {
        const tip = await branchTip(w.host.files.run, w.info);
        await core.registry.update((d) => {
          const rec = d.sessions[w.name];
          if (rec?.worktree)
            rec.worktree = { ...rec.worktree, mergedCommit: r.facts.mergedCommit!, ...(tip ? { mergedTip: tip } : {}) };
        });
        await core.journal.history({
          session: w.name,
          event: "merged",
          detail: `${w.info.branch} → ${w.info.base} (${mode})`,
          by: actor.id,
        });
      }
      return r;
    });
  });
}

export async function prSessionBranch(
  core: Core,
  session: string,
  o: { title?: string; commit: boolean },
  actor: Actor,
): Promise<PrOutcome> {
  return audited(core, actor, session, "pr", async () => {
    mayAct(actor, "push a session's work");
    const w = await worktreeOf(core, session);
    if ("ok" in w) return w;
    return core.withSessionLock(w.name, async (): Promise<PrOutcome> => {
      const views = await core.refresh(w.name);
      const state = views[0]?.state;
      if (state && !AT_REST.has(state))
        return refusal("wrong_state", { session: w.name, why: "not_at_rest", detail: state });
      let committed: string | undefined;
      if (await worktreeThere(w.host.files.run, w.info)) {
        const settled = await settleUncommitted(w.host.files.run, w.name, w.info, { commit: o.commit, confirm: false });
        if (!settled.ok) return settled;
        committed = settled.committed;
      }
      const r = await prSession(w.host.files.run, w.name, w.info, {
        ...(o.title ? { title: o.title } : {}),
        ...(committed ? { committed } : {}),
      });
      return r.ok ? { ok: true, code: "pushed", facts: r.facts } : r;
    });
  });
}

/**
 * `kill NAME clean`: what would be lost is checked first (nothing is killed on a refusal), then the session
 * is killed as `kill` does, then its worktree removed and, when merged, its branch deleted.
 */
export async function killAndClean(core: Core, session: string, confirm: boolean, actor: Actor): Promise<CleanOutcome> {
  return audited(core, actor, session, confirm ? "kill clean confirm" : "kill clean", async () => {
    mayAct(actor, "kill sessions");
    const w = await worktreeOf(core, session);
    if ("ok" in w) return w;
    return core.withSessionLock(w.name, async (): Promise<CleanOutcome> => {
      const check = await cleanCheck(w.host.files.run, w.info);
      if ((!check.merged || check.uncommitted.length) && !confirm) {
        return refusal("needs_confirm", {
          session: w.name,
          why: "unmerged",
          branch: w.info.branch,
          base: w.info.base,
          files: check.uncommitted,
          unmergedCommits: check.unmergedCommits,
        });
      }
      if (await w.host.panes.hasSession(w.name)) {
        const killed = await killSession(core, w.name, actor);
        if (!killed.ok) return killed;
      }
      const r = await cleanWorktree(w.host.files.run, w.name, w.info, check, confirm);
      if (!r.ok) return r;
      await core.registry.update((d) => {
        const rec = d.sessions[w.name];
        if (rec) rec.worktree = null;
      });
      await core.journal.history({
        session: w.name,
        event: "cleaned",
        detail: `${w.info.path}${r.facts.branchDeleted ? `, ${w.info.branch} deleted` : ""}`,
        by: actor.id,
      });
      return { ok: true, code: "cleaned", facts: r.facts };
    });
  });
}

/**
 * Runs an owner-only git operation and writes one audit line for it, whatever happened (a refusal at the door,
 * not_owner included, is audited too); a thrown error comes back as a refusal with facts.
 */
async function audited<T extends { ok: boolean; facts: unknown }>(
  core: Core,
  actor: Actor,
  session: string,
  action: string,
  fn: () => Promise<T>,
): Promise<T> {
  let out: T;
  try {
    out = await fn();
  } catch (e) {
    out = caught(session, e) as unknown as T;
  }
  await auditGit(
    core,
    actor,
    session.slice(0, 40),
    action,
    out as { ok: boolean; facts: unknown; error?: string; code?: string },
  );
  return out;
}

/** One audit line per merge, pr and clean: who, what, and how it ended (the facts' key values). */
async function auditGit(
  core: Core,
  actor: Actor,
  session: string,
  action: string,
  out: { ok: boolean; facts: unknown; error?: string; code?: string },
): Promise<void> {
  const f = out.facts as Record<string, unknown>;
  const summary = out.ok
    ? `${out.code}${f.mergedCommit ? ` ${String(f.mergedCommit).slice(0, 12)}` : ""}${f.prUrl ? ` ${String(f.prUrl)}` : ""}`
    : `${out.error}: ${String(f.why)}${Array.isArray(f.files) && f.files.length ? ` (${f.files.slice(0, 5).join(", ")})` : ""}`;
  await core.journal
    .audit({
      actor: actor.id,
      channel: actor.channel,
      session,
      action,
      outcome: out.ok ? "done" : out.error === "failed" ? "failed" : "refused",
      message: summary,
    })
    .catch((e) => core.logger.warn(`audit not written: ${errorMessage(e)}`));
}
