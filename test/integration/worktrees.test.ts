// Worktrees at spawn, changes, merge, kill … clean and pr, on real git and real tmux with the stand-in agent
// (the agent is not the point here: test/e2e/worktrees.test.ts has real Claude Code editing in two of them).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { describeOutcome } from "../../src/format/outcomes.js";
import type { Refused } from "../../src/api/outcomes.js";
import type { ChangesFacts, GitRefusalFacts, MergeFacts, WorktreeInfo } from "../../src/api/workspaces.js";
import { OWNER, tempWingman, type TempWingman } from "../../devkit/temp-wingman.js";
import { until } from "../../devkit/wait.js";
import { git, initRepo } from "../../devkit/git-repo.js";

const run = promisify(execFile);

let t: TempWingman | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

/** A Wingman and a repository `project` on main with one commit (a.txt), its parent a fresh temp folder. */
async function setup(config: Record<string, unknown> = {}) {
  t = await tempWingman({ config });
  const repo = join(t.root, "project");
  await initRepo(repo, { "a.txt": "one\ntwo\nthree\n", "sub/s.txt": "sub\n" });
  return { t, repo, w: t.wingman };
}

const branches = (repo: string) =>
  git(repo, "branch", "--format=%(refname:short)").then((s) => s.split("\n").filter(Boolean).sort());

async function spawnIdle(
  w: TempWingman["wingman"],
  session: string,
  workdir: string,
  extra: Record<string, unknown> = {},
) {
  const r = await w.spawn({ session, workdir, ...extra }, OWNER);
  expect(r.ok, describeOutcome(r)).toBe(true);
  await until(
    () => w.status(session),
    (vs) => vs[0]?.state === "idle",
  );
  return r;
}

describe("a worktree per session (real git, real tmux)", () => {
  it("spawn in a repository makes wingman/NAME beside the main checkout; the agent runs there; status shows it", async () => {
    const { repo, w } = await setup();
    const head = await git(repo, "rev-parse", "HEAD");
    const r = await spawnIdle(w, "api", repo);
    const path = join(t!.root, "project.worktrees", "api");
    expect(describeOutcome(r)).toContain(`worktree ${path} on wingman/api (from main)`);
    const [v] = await w.status("api");
    expect(v!.workdir).toBe(path);
    expect(v!.worktree).toEqual({ repo, path, branch: "wingman/api", base: "main", baseCommit: head });
    expect(await git(path, "rev-parse", "--abbrev-ref", "HEAD")).toBe("wingman/api");
    const panes = await w.tmux.listPanes();
    expect(panes.find((p) => p.session === "api")?.currentPath).toBe(path);
    // The main checkout is untouched: same branch, nothing new in it.
    expect(await git(repo, "status", "--porcelain")).toBe("");
    expect(await git(repo, "rev-parse", "--abbrev-ref", "HEAD")).toBe("main");
  });

  it("a sub-folder of the repository maps to the same sub-folder of the worktree", async () => {
    const { repo, w } = await setup();
    await spawnIdle(w, "sub", join(repo, "sub"));
    const [v] = await w.status("sub");
    expect(v!.workdir).toBe(join(t!.root, "project.worktrees", "sub", "sub"));
  });

  it("worktree=no, worktrees off, and a folder outside git: the folder itself; worktree=yes outside git is refused", async () => {
    const { repo, w } = await setup();
    await spawnIdle(w, "plain", repo, { worktree: false });
    expect((await w.status("plain"))[0]!.worktree).toBeNull();
    expect((await w.status("plain"))[0]!.workdir).toBe(repo);
    const loose = join(t!.root, "loose");
    await mkdir(loose);
    await spawnIdle(w, "loose", loose);
    expect((await w.status("loose"))[0]!.worktree).toBeNull();
    const r = await w.spawn({ session: "must", workdir: loose, worktree: true }, OWNER);
    expect(r.ok).toBe(false);
    expect(describeOutcome(r)).toContain("is not in a git repository");
    expect((await w.tmux.listPanes()).map((p) => p.session).sort()).toEqual(["loose", "plain"]);
    expect(existsSync(join(t!.root, "project.worktrees"))).toBe(false);

    const off = await tempWingman({ config: { worktrees: "off" } });
    try {
      await spawnIdle(off.wingman, "off", repo);
      expect((await off.wingman.status("off"))[0]!.worktree).toBeNull();
    } finally {
      await off.cleanup();
    }
  });

  it("shared: the first session works in the folder, the second in the same repository gets a worktree", async () => {
    const { repo, w } = await setup({ worktrees: "shared" });
    await spawnIdle(w, "one", repo);
    await spawnIdle(w, "two", repo);
    expect((await w.status("one"))[0]!.worktree).toBeNull();
    expect((await w.status("two"))[0]!.worktree?.branch).toBe("wingman/two");
  });

  it("base=, branch=, a detached main checkout (base is the commit) and a dirty one (said, not carried)", async () => {
    const { repo, w } = await setup();
    await git(repo, "branch", "dev");
    await spawnIdle(w, "b1", repo, { base: "dev", branch: "feature/x" });
    expect((await w.status("b1"))[0]!.worktree).toMatchObject({ base: "dev", branch: "feature/x" });
    const head = await git(repo, "rev-parse", "HEAD");
    await git(repo, "checkout", "-q", "--detach");
    await spawnIdle(w, "b2", repo);
    expect((await w.status("b2"))[0]!.worktree).toMatchObject({ base: head, baseCommit: head });
    await git(repo, "checkout", "-q", "main");
    await writeFile(join(repo, "a.txt"), "changed\n");
    const r = await spawnIdle(w, "b3", repo);
    expect(describeOutcome(r)).toContain(`1 uncommitted change in ${repo} stay there`);
    expect(await readFile(join(t!.root, "project.worktrees", "b3", "a.txt"), "utf8")).toBe("one\ntwo\nthree\n");
  });

  it("refusals leave nothing made: bare repository, bad base, existing branch, existing path", async () => {
    const { repo, w } = await setup();
    const bare = join(t!.root, "bare.git");
    await git(t!.root, "init", "-q", "--bare", bare);
    const r1 = await w.spawn({ session: "bare", workdir: bare }, OWNER);
    expect(r1.ok).toBe(false);
    expect(describeOutcome(r1)).toContain("is a bare git repository");
    const r2 = await w.spawn({ session: "nobase", workdir: repo, base: "no-such-branch" }, OWNER);
    expect(describeOutcome(r2)).toContain('base "no-such-branch" is not a commit or branch');
    await git(repo, "branch", "wingman/taken");
    const r3 = await w.spawn({ session: "taken", workdir: repo }, OWNER);
    expect(r3.ok).toBe(false);
    expect(describeOutcome(r3)).toContain("branch wingman/taken already exists (not in a Wingman worktree)");
    await mkdir(join(t!.root, "project.worktrees", "occupied"), { recursive: true });
    const r4 = await w.spawn({ session: "occupied", workdir: repo }, OWNER);
    expect(describeOutcome(r4)).toContain("already exists and is not occupied's worktree");
    expect(await branches(repo)).toEqual(["main", "wingman/taken"]);
    expect(await w.tmux.listPanes()).toEqual([]);
    expect((await git(repo, "worktree", "list", "--porcelain")).match(/^worktree /gm)?.length).toBe(1);
  });

  it("an agent that exits before its first screen fails the spawn and its worktree and branch are removed", async () => {
    const { repo } = await setup();
    const quick = await tempWingman({ env: { STANDIN_MODE: "exit-now" } });
    try {
      const r = await quick.wingman.spawn({ session: "gone", workdir: repo }, OWNER);
      expect(r.ok).toBe(false);
      expect(r.ok ? null : r.error).toBe("failed");
      expect(describeOutcome(r)).toContain("exited before its first screen");
      expect(existsSync(join(t!.root, "project.worktrees", "gone"))).toBe(false);
      expect(await branches(repo)).toEqual(["main"]);
    } finally {
      await quick.cleanup();
    }
  });

  it("an agent that dies at once outside any worktree fails the spawn too: its exit reason, the record kept as exited", async () => {
    const { t: tw } = await setup();
    const plain = join(tw.root, "plain");
    await mkdir(plain);
    const quick = await tempWingman({ env: { STANDIN_MODE: "crash" } });
    try {
      const r = await quick.wingman.spawn({ session: "crashy", workdir: plain }, OWNER);
      // tmux 3.3a does not always record a pane's exit status; then all anyone can say is "exited".
      const reason = r.ok ? null : (r.facts as { reason?: string | null }).reason;
      expect(reason).toMatch(/^(exit status 3|exited)$/);
      expect(r).toMatchObject({
        ok: false,
        error: "failed",
        facts: { why: "exited_before_screen", session: "crashy" },
      });
      expect(describeOutcome(r)).toContain(
        `crashy did not start: its agent exited before its first screen (${reason})`,
      );
      // (Its stderr line is not asserted: tmux often has not read a pane that dies this fast; the reply adds what the
      // dead pane shows when it shows anything.)
      expect(describeOutcome(r)).not.toContain("worktree");
      expect((await quick.wingman.status("crashy"))[0]).toMatchObject({ state: "exited", stateReason: reason });
    } finally {
      await quick.cleanup();
    }
  });

  it("kill on a session that already exited says so with its reason, keeps the reason, and kill NAME clean still works", async () => {
    const { repo, w } = await setup();
    await spawnIdle(w, "done", repo);
    const pid = (await w.registry.read()).sessions.done!.panePid!;
    // The agent ends on its own (its process killed by a signal): tmux shows the pane dead; Wingman has not
    // looked yet, so the kill is the first to see it.
    process.kill(pid, "SIGTERM");
    await until(
      () => w.tmux.listPanes(),
      (ps) => !!ps.find((p) => p.session === "done")?.dead,
    );
    expect((await w.registry.read()).sessions.done!.lastState).not.toBe("exited");
    const k = await w.kill("done", OWNER);
    expect(k).toMatchObject({ ok: true, code: "already_exited", facts: { session: "done", worktree: true } });
    const reason = k.ok && k.code === "already_exited" ? k.facts.reason : null;
    // tmux 3.3a does not always record how a pane's program ended; then the reason is just "exited", as the
    // status fields document (docs/cli.md) and foundation.test.ts accepts (seen in a loaded run).
    expect(reason).toMatch(/^(killed by signal 15|exit status \d+|exited)$/);
    expect(describeOutcome(k)).toBe(
      `done had already exited (${reason}); nothing to kill · kill done clean removes its worktree`,
    );
    // The reason is kept on later reads (the dead pane is gone now), and a second kill says the same.
    expect((await w.status("done"))[0]).toMatchObject({ state: "exited", stateReason: reason });
    expect(await w.kill("done", OWNER)).toMatchObject({ code: "already_exited", facts: { reason } });
    const c = await w.killClean("done", false, OWNER);
    expect(c).toMatchObject({ ok: true, code: "cleaned", facts: { worktreeRemoved: true, branchDeleted: true } });
    expect(existsSync(join(t!.root, "project.worktrees", "done"))).toBe(false);
  });

  it("spawning the same name again reuses its own worktree; a resumed or re-sent session stays in it", async () => {
    const { repo, w } = await setup();
    await spawnIdle(w, "again", repo);
    await w.kill("again", OWNER);
    const r = await spawnIdle(w, "again", repo);
    expect(describeOutcome(r)).toContain(", reused");
    expect((await w.status("again"))[0]!.workdir).toBe(join(t!.root, "project.worktrees", "again"));
    // spawn NAME DIR TEXT on the live session is a send, not "already runs in another folder".
    const s = await w.spawn({ session: "again", workdir: repo, prompt: "hello" }, OWNER);
    expect(s.ok, describeOutcome(s)).toBe(true);
  });
});

describe("a worktree removed by hand", () => {
  it("ends the session once as exited with the reason; resume refuses; spawn checks the branch out again", async () => {
    const { repo, w } = await setup();
    await spawnIdle(w, "gone", repo);
    const wt = join(t!.root, "project.worktrees", "gone");
    await writeFile(join(wt, "kept.txt"), "work\n");
    await git(wt, "add", ".");
    await git(wt, "commit", "-q", "-m", "kept work");
    await rm(wt, { recursive: true, force: true });
    const [v] = await w.status("gone");
    expect(v).toMatchObject({ state: "exited", stateReason: "worktree removed" });
    expect(await w.tmux.listPanes()).toEqual([]);
    // Read again: still exited, same reason, no error.
    expect((await w.status("gone"))[0]).toMatchObject({ state: "exited", stateReason: "worktree removed" });
    const r = await w.resume("gone", OWNER);
    expect(r.ok).toBe(false);
    const again = await spawnIdle(w, "gone", repo);
    expect(describeOutcome(again)).toContain("checked out again");
    expect(await readFile(join(wt, "kept.txt"), "utf8")).toBe("work\n");
  });
});

describe("Wingman's own git", () => {
  it("runs none of the repository's hooks and no fsmonitor program: spawn, changes, merge commit, kill clean", async () => {
    const { repo, w } = await setup();
    // Every hook these steps could run, and an fsmonitor program, each leaving a mark when run.
    const marks = join(t!.root, "marks");
    await mkdir(marks);
    const hooks = ["post-checkout", "pre-commit", "commit-msg", "post-commit", "pre-merge-commit", "post-merge"];
    for (const h of hooks) {
      await writeFile(join(repo, ".git", "hooks", h), `#!/bin/sh\ntouch '${join(marks, h)}'\nexit 0\n`);
      await chmod(join(repo, ".git", "hooks", h), 0o755);
    }
    await writeFile(join(repo, ".git", "fsmon.sh"), `#!/bin/sh\ntouch '${join(marks, "fsmonitor")}'\nexit 1\n`);
    await chmod(join(repo, ".git", "fsmon.sh"), 0o755);
    await git(repo, "config", "core.fsmonitor", join(repo, ".git", "fsmon.sh"));

    await spawnIdle(w, "hooked", repo);
    const wt = join(t!.root, "project.worktrees", "hooked");
    await writeFile(join(wt, "a.txt"), "one\ntwo\nthree\nhooked\n");
    expect(await w.changes("hooked")).toMatchObject({ ok: true, facts: { uncommitted: [{ path: "a.txt" }] } });
    expect(await w.merge("hooked", { commit: true, confirm: false }, OWNER)).toMatchObject({
      ok: true,
      code: "merged",
    });
    expect(await readFile(join(repo, "a.txt"), "utf8")).toBe("one\ntwo\nthree\nhooked\n");
    expect(await w.killClean("hooked", false, OWNER)).toMatchObject({ ok: true, code: "cleaned" });
    expect(await readdir(marks)).toEqual([]);
    // The hooks are live: git run by hand in the same repository runs them.
    await git(repo, "checkout", "-q", "-b", "by-hand");
    expect(await readdir(marks)).toContain("post-checkout");
  });
});

describe("changes, merge, kill … clean", () => {
  async function withWork() {
    const { repo, w } = await setup();
    await spawnIdle(w, "api", repo);
    const wt = join(t!.root, "project.worktrees", "api");
    await writeFile(join(wt, "a.txt"), "one\nTWO\nthree\nfour\n");
    await writeFile(join(wt, "new.txt"), "new\n");
    await git(wt, "add", ".");
    await git(wt, "commit", "-q", "-m", "work");
    return { repo, w, wt };
  }

  it("changes --json is exact for a known edit, committed and uncommitted apart", async () => {
    const { w, wt } = await withWork();
    await writeFile(join(wt, "loose.txt"), "not committed\n");
    await writeFile(join(wt, "sub", "s.txt"), "edited\n");
    const r = await w.changes("api");
    expect(r.ok).toBe(true);
    expect(r.facts).toEqual({
      session: "api",
      branch: "wingman/api",
      base: "main",
      ahead: 1,
      behind: 0,
      files: [
        { path: "a.txt", status: "modified", added: 2, removed: 1 },
        { path: "new.txt", status: "added", added: 1, removed: 0 },
      ],
      uncommitted: [
        { path: "sub/s.txt", status: "modified" },
        { path: "loose.txt", status: "added" },
      ],
    } satisfies ChangesFacts);
    const p = await w.changes("api", "a.txt");
    expect(p.ok && p.code === "patch" && p.facts.patch).toContain("-two\n+TWO");
    const q = await w.changes("api", "nope.txt");
    expect(q.ok).toBe(false);
    expect((q as Refused<GitRefusalFacts>).facts.why).toBe("not_listed");
  });

  it("the CLI: changes --json has the contract's fields; a refused merge exits 1 with its code and facts", async () => {
    await withWork();
    const cli = (...args: string[]) =>
      run(process.execPath, [join(import.meta.dirname, "../../bin/wingman.js"), ...args], { env: t!.env }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    const c = await cli("changes", "api", "--json");
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({
      ok: true,
      code: "changes",
      branch: "wingman/api",
      base: "main",
      ahead: 1,
      behind: 0,
      files: [
        { path: "a.txt", status: "modified", added: 2, removed: 1 },
        { path: "new.txt", status: "added", added: 1, removed: 0 },
      ],
      uncommitted: [],
    });
    const d = await cli("diff", "api", "a.txt");
    expect(d.stdout).toContain("+TWO");
    await writeFile(join(t!.root, "project", "a.txt"), "dirty\n");
    const m = await cli("merge", "api", "--json");
    expect(m.code).toBe(1);
    expect(JSON.parse(m.stdout)).toMatchObject({
      ok: false,
      error: "wrong_state",
      facts: { why: "main_dirty", files: ["a.txt"] },
    });
    expect(m.stderr).toContain("wingman: the main checkout has uncommitted changes (a.txt)");
  });

  it("changes of a branch made from a tag (not a local branch) and after its base branch was deleted", async () => {
    const { repo, w } = await setup();
    await git(repo, "tag", "v1");
    await spawnIdle(w, "tagged", repo, { base: "v1" });
    const wt = join(t!.root, "project.worktrees", "tagged");
    await writeFile(join(wt, "t.txt"), "t\n");
    await git(wt, "add", ".");
    await git(wt, "commit", "-q", "-m", "t");
    expect(await w.changes("tagged")).toMatchObject({
      ok: true,
      facts: { base: "v1", ahead: 1, files: [{ path: "t.txt", status: "added" }] },
    });
    await git(repo, "branch", "dev");
    await spawnIdle(w, "ondev", repo, { base: "dev" });
    await git(repo, "branch", "-D", "dev");
    expect(await w.changes("ondev")).toMatchObject({ ok: true, facts: { base: "dev", ahead: 0, files: [] } });
  });

  it("merge and pr are refused while the session waits on a prompt (nothing changes); once it is idle again, merge lands", async () => {
    const { repo, w } = await withWork();
    const head = await git(repo, "rev-parse", "HEAD");
    expect((await w.send("api", "ASK", {}, OWNER)).ok).toBe(true);
    const [v] = await until(
      () => w.status("api"),
      (vs) => !!vs[0]?.pending && !vs[0].pending.optionsPending,
    );
    expect(v?.state).toBe("waiting_approval");
    const m = await w.merge("api", { commit: true, confirm: true }, OWNER);
    expect(m).toMatchObject({
      ok: false,
      error: "wrong_state",
      facts: { why: "not_at_rest", detail: "waiting_approval" },
    });
    expect(await w.pr("api", { commit: true }, OWNER)).toMatchObject({
      ok: false,
      error: "wrong_state",
      facts: { why: "not_at_rest" },
    });
    expect(await git(repo, "rev-parse", "HEAD")).toBe(head);
    expect(await w.respond({ session: "api", action: "approve", id: v!.pending!.id }, OWNER)).toMatchObject({
      ok: true,
    });
    await until(
      () => w.status("api"),
      (vs) => vs[0]?.state === "idle",
    );
    expect(await w.merge("api", { commit: false, confirm: false }, OWNER)).toMatchObject({ ok: true, code: "merged" });
  });

  it("merge refuses uncommitted work, a dirty main checkout and another branch, changing nothing; then lands with mergedCommit", async () => {
    const { repo, w, wt } = await withWork();
    const before = await git(repo, "rev-parse", "HEAD");
    await writeFile(join(wt, "loose.txt"), "x\n");
    const r1 = await w.merge("api", { commit: false, confirm: false }, OWNER);
    expect(r1).toMatchObject({ ok: false, error: "wrong_state", facts: { why: "uncommitted", files: ["loose.txt"] } });
    await writeFile(join(repo, "a.txt"), "dirty\n");
    const r2 = await w.merge("api", { commit: true, confirm: false }, OWNER);
    expect(r2).toMatchObject({ ok: false, error: "wrong_state", facts: { why: "main_dirty", files: ["a.txt"] } });
    await git(repo, "checkout", "-q", "--", "a.txt");
    await git(repo, "checkout", "-q", "-b", "elsewhere");
    const r3 = await w.merge("api", { commit: true, confirm: false }, OWNER);
    expect(r3).toMatchObject({ ok: false, facts: { why: "not_on_base", detail: "elsewhere" } });
    await git(repo, "checkout", "-q", "main");
    expect(await git(repo, "rev-parse", "HEAD")).toBe(before);
    // Untracked files in the main checkout do not block.
    await writeFile(join(repo, "untracked.txt"), "u\n");
    const ok = await w.merge("api", { commit: true, confirm: false }, OWNER);
    expect(ok.ok).toBe(true);
    const f = ok.facts as MergeFacts;
    expect(f).toMatchObject({ mode: "merge", commits: 2, files: 3 });
    expect(f.committed).toMatch(/^[0-9a-f]{40}$/);
    expect(f.mergedCommit).toBe(await git(repo, "rev-parse", "HEAD"));
    expect(await git(repo, "log", "-1", "--format=%P")).toContain(before);
    expect(await readFile(join(repo, "loose.txt"), "utf8")).toBe("x\n");
    const rec = (await w.readRegistry()).sessions.api!.worktree as WorktreeInfo;
    expect(rec.mergedCommit).toBe(f.mergedCommit);
    const audit = await w.audit();
    expect(audit.map((a) => [a.action, a.outcome])).toEqual(
      expect.arrayContaining([
        ["merge", "refused"],
        ["merge", "done"],
      ]),
    );
    // kill clean now removes the worktree and deletes the merged branch.
    const c = await w.killClean("api", false, OWNER);
    expect(c).toMatchObject({ ok: true, facts: { worktreeRemoved: true, branchDeleted: true } });
    expect(existsSync(wt)).toBe(false);
    expect(await branches(repo)).toEqual(["elsewhere", "main"]);
    expect((await w.status("api"))[0]).toMatchObject({ state: "exited", worktree: null });
  });

  it("a conflict is aborted: nothing changed, the files named, code conflict", async () => {
    const { repo, w } = await withWork();
    await writeFile(join(repo, "a.txt"), "one\ndeux\nthree\n");
    await git(repo, "commit", "-qam", "main edit");
    const before = await git(repo, "rev-parse", "HEAD");
    for (const mode of [undefined, "squash", "rebase"] as const) {
      const r = await w.merge("api", { ...(mode ? { mode } : {}), commit: false, confirm: false }, OWNER);
      expect(r, mode).toMatchObject({ ok: false, error: "conflict", facts: { why: "conflict", files: ["a.txt"] } });
      expect(await git(repo, "rev-parse", "HEAD")).toBe(before);
      expect(await git(repo, "status", "--porcelain")).toBe("");
    }
    const ff = await w.merge("api", { mode: "ff", commit: false, confirm: false }, OWNER);
    expect(ff).toMatchObject({ ok: false, error: "conflict" });
  });

  it("squash lands one commit; kill clean trusts the record and deletes the branch", async () => {
    const { repo, w, wt } = await withWork();
    const r = await w.merge("api", { mode: "squash", commit: false, confirm: false }, OWNER);
    expect(r).toMatchObject({ ok: true, code: "merged", facts: { mode: "squash", commits: 1 } });
    expect(await git(repo, "log", "-1", "--format=%s")).toBe("api: wingman/api squashed by Wingman");
    expect(await readFile(join(repo, "new.txt"), "utf8")).toBe("new\n");
    const c = await w.killClean("api", false, OWNER);
    expect(c).toMatchObject({ ok: true, facts: { branchDeleted: true } });
    expect(existsSync(wt)).toBe(false);
  });

  it("kill clean with unmerged or uncommitted work needs confirm, names it, and keeps the unmerged branch", async () => {
    const { repo, w, wt } = await withWork();
    await writeFile(join(wt, "loose.txt"), "x\n");
    const r = await w.killClean("api", false, OWNER);
    expect(r).toMatchObject({
      ok: false,
      error: "needs_confirm",
      facts: { why: "unmerged", unmergedCommits: 1, files: ["loose.txt"] },
    });
    expect((await w.status("api"))[0]!.state).toBe("idle"); // nothing was killed
    const c = await w.killClean("api", true, OWNER);
    expect(c).toMatchObject({
      ok: true,
      facts: { worktreeRemoved: true, branchDeleted: false, keptCommits: 1, lostFiles: ["loose.txt"] },
    });
    expect(existsSync(wt)).toBe(false);
    expect(await branches(repo)).toEqual(["main", "wingman/api"]);
  });

  it("merge is refused for someone who is not an owner, and while another live session works in the main checkout", async () => {
    const { repo, w } = await withWork();
    const stranger = { id: "whatsapp:+1555", channel: "whatsapp", authorized: false };
    expect(await w.merge("api", { commit: false, confirm: false }, stranger)).toMatchObject({
      ok: false,
      error: "not_owner",
    });
    expect((await w.audit()).at(-1)).toMatchObject({
      action: "merge",
      outcome: "refused",
      actor: "whatsapp:+1555",
      session: "api",
    });
    await spawnIdle(w, "main-user", repo, { worktree: false });
    expect(await w.merge("api", { commit: false, confirm: false }, OWNER)).toMatchObject({
      ok: false,
      error: "wrong_state",
      facts: { why: "main_in_use", other: "main-user" },
    });
  });
});

describe("pr", () => {
  async function withRemote() {
    const { repo, w } = await setup();
    const remote = join(t!.root, "remote.git");
    await git(t!.root, "init", "-q", "--bare", remote);
    await git(repo, "remote", "add", "origin", remote);
    await git(repo, "push", "-q", "-u", "origin", "main");
    await spawnIdle(w, "api", repo);
    const wt = join(t!.root, "project.worktrees", "api");
    await writeFile(join(wt, "a.txt"), "pr work\n");
    return { repo, w, wt, remote };
  }

  it("without gh: pushes the branch to the base's upstream and says how to open one", async () => {
    const { remote } = await withRemote();
    // PATH without gh: only the folders git and sh live in.
    const bin = join(t!.root, "bin");
    await mkdir(bin);
    t!.env.PATH = `${bin}:/usr/bin:/bin`;
    const w2 = t!.again();
    const refused = await w2.pr("api", { commit: false }, OWNER);
    expect(refused).toMatchObject({ ok: false, error: "wrong_state", facts: { why: "uncommitted" } });
    const r = await w2.pr("api", { commit: true }, OWNER);
    expect(r).toMatchObject({
      ok: true,
      code: "pushed",
      facts: { remote: "origin", gh: "missing", branch: "wingman/api" },
    });
    expect(await git(remote, "rev-parse", "wingman/api")).toMatch(/^[0-9a-f]{40}$/);
  });

  it("a push the remote rejects is a conflict; nothing is forced", async () => {
    const { remote } = await withRemote();
    // Someone else pushed wingman/api first, from another clone.
    const other = join(t!.root, "other");
    await git(t!.root, "clone", "-q", remote, other);
    await git(other, "config", "user.name", "O");
    await git(other, "config", "user.email", "o@example.com");
    await git(other, "checkout", "-q", "-b", "wingman/api");
    await writeFile(join(other, "theirs.txt"), "theirs\n");
    await git(other, "add", ".");
    await git(other, "commit", "-q", "-m", "theirs");
    await git(other, "push", "-q", "origin", "wingman/api");
    const before = await git(remote, "rev-parse", "wingman/api");
    t!.env.PATH = `${join(t!.root, "nogh")}:/usr/bin:/bin`;
    const r = await t!.again().pr("api", { commit: true }, OWNER);
    expect(r).toMatchObject({ ok: false, error: "conflict", facts: { why: "push_rejected" } });
    expect(await git(remote, "rev-parse", "wingman/api")).toBe(before);
  });

  it("with a stand-in gh that is logged in: opens the PR with the branch, base and title", async () => {
    await withRemote();
    const bin = join(t!.root, "bin");
    await mkdir(bin);
    const calls = join(t!.root, "gh-calls.log");
    await writeFile(
      join(bin, "gh"),
      `#!/bin/sh\nprintf '%s\\n' "$*" >> "${calls}"\n[ "$1" = auth ] && exit 0\necho https://github.example/o/r/pull/7\n`,
    );
    await chmod(join(bin, "gh"), 0o755);
    t!.env.PATH = `${bin}:${process.env.PATH}`;
    const w2 = t!.again();
    const r = await w2.pr("api", { commit: true, title: "Fix the thing" }, OWNER);
    expect(r).toMatchObject({ ok: true, facts: { gh: "used", prUrl: "https://github.example/o/r/pull/7" } });
    const log = await readFile(calls, "utf8");
    expect(log).toContain("auth status");
    expect(log).toContain(
      "pr create --head=wingman/api --title=Fix the thing --body=Opened by Wingman from session api. --base=main",
    );
  });
});
