// A worktree session on another machine: a fake host of real OpenSSH + tmux, the repository only in that
// host's own HOME (/root there, a private folder here), so every git command that works must have run there,
// over the host's connection. Spawn makes the worktree there; changes, merge, pr and kill … clean work through it;
// a worktree removed by hand there ends its session once.
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describePr } from "../../src/format/changes.js";
import { describeOutcome } from "../../src/format/outcomes.js";
import { type FakeSshHosts, fakeSshHosts, fakeSshUnavailable } from "../../devkit/fake-ssh-host.js";
import { OWNER, STANDIN, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import { until } from "../../devkit/wait.js";
import { git, initRepo } from "../../devkit/git-repo.js";

describe("a worktree session on a fake SSH host", () => {
  let fake: FakeSshHosts;
  let t: TempWingman;
  let home: string;

  beforeAll(async () => {
    const why = await fakeSshUnavailable();
    if (why) throw new Error(`these tests need fake SSH hosts: ${why}`);
    fake = await fakeSshHosts(["wtbox"]);
    home = fake.hosts[0]!.home;
    // The host's PATH starts with a folder of its own (~/bin there), where a stand-in `gh` comes and goes; node
    // (for the stand-in agent), git and sh come after it.
    const path = `/root/bin:${dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`;
    t = await tempWingman({
      config: {
        hosts: {
          wtbox: { ssh: fake.hosts[0]!.alias, sshConfig: fake.sshConfig, claudeCommand: STANDIN, env: { PATH: path } },
        },
      },
    });
    await mkdir(join(home, "bin"));
    // The repository, made here in the folder that is /root on the host (and nowhere else).
    const repo = join(home, "shop");
    await initRepo(repo, { "a.txt": "one\n" });
  }, 60_000);

  afterAll(async () => {
    await t?.wingman.fleet.close();
    await t?.cleanup();
    await fake?.cleanup();
  });

  it("spawn makes the worktree on the host; the agent runs there; changes, merge and clean go over ssh", async () => {
    expect(existsSync("/root/shop")).toBe(false); // only the host has it
    const r = await t.wingman.spawn({ session: "far", workdir: "~/shop", host: "wtbox" }, OWNER);
    expect(r.ok, describeOutcome(r)).toBe(true);
    expect(describeOutcome(r)).toContain("worktree /root/shop.worktrees/far on wingman/far (from main)");
    const [v] = await until(
      () => t.wingman.status("far"),
      (vs) => vs[0]?.state === "idle",
      20_000,
    );
    expect(v).toMatchObject({
      host: "wtbox",
      workdir: "/root/shop.worktrees/far",
      worktree: { repo: "/root/shop", branch: "wingman/far" },
    });
    const local = join(home, "shop.worktrees", "far");
    // The worktree's .git names the host's paths (so git could only have made it there).
    expect(await readFile(join(local, ".git"), "utf8")).toBe("gitdir: /root/shop/.git/worktrees/far\n");
    expect(await git(join(home, "shop"), "branch", "--list", "wingman/far")).toContain("wingman/far");

    await writeFile(join(local, "a.txt"), "one\ntwo\n");
    const c = await t.wingman.changes("far");
    expect(c).toMatchObject({
      ok: true,
      facts: { branch: "wingman/far", ahead: 0, uncommitted: [{ path: "a.txt", status: "modified" }] },
    });
    const m = await t.wingman.merge("far", { commit: true, confirm: false }, OWNER);
    expect(m).toMatchObject({ ok: true, code: "merged" });
    expect(await readFile(join(home, "shop", "a.txt"), "utf8")).toBe("one\ntwo\n");
    const k = await t.wingman.killClean("far", false, OWNER);
    expect(k).toMatchObject({ ok: true, facts: { worktreeRemoved: true, branchDeleted: true } });
    expect(existsSync(local)).toBe(false);
  });

  it("pr pushes to the host's remote (a bare repository there); gh there opens the PR, and without gh the branch is named", async () => {
    const repo = join(home, "shop");
    // The remote is a path on the host (/root/remote.git), which this machine does not have: only git there can push to it.
    await git(home, "init", "-q", "--bare", join(home, "remote.git"));
    expect(existsSync("/root/remote.git")).toBe(false);
    await git(repo, "remote", "add", "origin", "/root/remote.git");
    await git(repo, "push", "-q", join(home, "remote.git"), "main");
    await git(repo, "config", "branch.main.remote", "origin");
    await git(repo, "config", "branch.main.merge", "refs/heads/main");
    const r = await t.wingman.spawn({ session: "prbox", workdir: "~/shop", host: "wtbox" }, OWNER);
    expect(r.ok, describeOutcome(r)).toBe(true);
    await until(
      () => t.wingman.status("prbox"),
      (vs) => vs[0]?.state === "idle",
      20_000,
    );
    const wt = join(home, "shop.worktrees", "prbox");
    await writeFile(join(wt, "b.txt"), "for review\n");

    // No gh on the host's PATH: pushed there, and the reply names the branch to open a PR from.
    expect(await t.wingman.pr("prbox", { commit: false }, OWNER)).toMatchObject({
      ok: false,
      error: "wrong_state",
      facts: { why: "uncommitted" },
    });
    const plain = await t.wingman.pr("prbox", { commit: true }, OWNER);
    expect(plain).toMatchObject({
      ok: true,
      code: "pushed",
      facts: { remote: "origin", gh: "missing", branch: "wingman/prbox", base: "main" },
    });
    expect(plain.ok && describePr(plain.facts)).toContain(
      "wingman/prbox pushed to origin (first committed its uncommitted work as ",
    );
    expect(plain.ok && describePr(plain.facts)).toContain(
      "No pull request opened (gh is not installed). Open one for branch wingman/prbox against main.",
    );
    // (The worktree's own .git names the host's paths: its branch is read from the main checkout here.)
    const pushed = await git(join(home, "remote.git"), "rev-parse", "refs/heads/wingman/prbox");
    expect(pushed).toBe(await git(repo, "rev-parse", "refs/heads/wingman/prbox"));
    expect(await git(join(home, "remote.git"), "log", "-1", "--format=%s", "wingman/prbox")).toBe(
      "prbox: work from Wingman",
    );

    // A stand-in gh in ~/bin there, logged in: it is run there, in the main checkout, with the branch, base and title.
    const calls = join(home, "gh-calls.log");
    await writeFile(
      join(home, "bin", "gh"),
      `#!/bin/sh\nprintf '%s %s\\n' "$PWD" "$*" >> /root/gh-calls.log\n[ "$1" = auth ] && exit 0\necho https://github.example/o/shop/pull/3\n`,
    );
    await chmod(join(home, "bin", "gh"), 0o755);
    await writeFile(join(wt, "b.txt"), "for review, again\n");
    const opened = await t.wingman.pr("prbox", { commit: true, title: "Review the shop" }, OWNER);
    expect(opened).toMatchObject({
      ok: true,
      code: "pushed",
      facts: { gh: "used", prUrl: "https://github.example/o/shop/pull/3" },
    });
    expect(opened.ok && describePr(opened.facts)).toContain("Pull request: https://github.example/o/shop/pull/3");
    expect((await readFile(calls, "utf8")).split("\n")).toEqual([
      "/root/shop auth status",
      "/root/shop pr create --head=wingman/prbox --title=Review the shop --body=Opened by Wingman from session prbox. --base=main",
      "",
    ]);
    expect(await git(join(home, "remote.git"), "rev-parse", "refs/heads/wingman/prbox")).toBe(
      await git(repo, "rev-parse", "refs/heads/wingman/prbox"),
    );
    expect(await git(repo, "rev-parse", "refs/heads/wingman/prbox")).not.toBe(pushed);
    await rm(join(home, "bin", "gh"));
    await t.wingman.kill("prbox", OWNER);
  });

  it("a worktree removed by hand on the host ends its session once: exited with the reason, no error, resume refuses", async () => {
    const r = await t.wingman.spawn({ session: "gonebox", workdir: "~/shop", host: "wtbox" }, OWNER);
    expect(r.ok, describeOutcome(r)).toBe(true);
    await until(
      () => t.wingman.status("gonebox"),
      (vs) => vs[0]?.state === "idle",
      20_000,
    );
    const host = t.wingman.fleet.get("wtbox");
    expect(await host.panes.hasSession("gonebox")).toBe(true);
    await rm(join(home, "shop.worktrees", "gonebox"), { recursive: true, force: true });
    // The next read sees it (the look rides on the refresh's one call there), ends the agent's pane there once.
    const [v] = await t.wingman.status("gonebox");
    expect(v).toMatchObject({ state: "exited", stateReason: "worktree removed", host: "wtbox" });
    expect(await host.panes.hasSession("gonebox")).toBe(false);
    // Read again, and as part of the whole fleet: still exited, same reason, no error.
    expect((await t.wingman.status("gonebox"))[0]).toMatchObject({ state: "exited", stateReason: "worktree removed" });
    expect((await t.wingman.status()).find((s) => s.name === "gonebox")).toMatchObject({
      state: "exited",
      stateReason: "worktree removed",
    });
    // Its branch is what is left, and it still reads (nothing uncommitted: the folder is gone).
    expect(await t.wingman.changes("gonebox")).toMatchObject({
      ok: true,
      facts: { branch: "wingman/gonebox", uncommitted: [] },
    });
    const back = await t.wingman.resume("gonebox", OWNER);
    expect(back.ok).toBe(false);
    // The other worktree session on that host was not touched.
    expect((await t.wingman.status("far"))[0]?.state ?? "exited").toBe("exited");
  });
});
