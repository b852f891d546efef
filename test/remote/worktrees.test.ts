// A worktree session on another machine: a fake host of real OpenSSH + tmux, the repository only in that
// host's own HOME (/root there, a private folder here), so every git command that works must have run there,
// over the host's connection. Spawn makes the worktree there; changes, merge and kill … clean work through it.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
    t = await tempWingman({
      config: { hosts: { wtbox: { ssh: fake.hosts[0]!.alias, sshConfig: fake.sshConfig, claudeCommand: STANDIN } } },
    });
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
});
