// `changes` on an adopted session (docs/adopt.md): a pane started by hand in a git repository is read against
// the commit its branch was at when adopted, so what the agent committed since then and what is uncommitted
// show; it has no branch of its own, so `merge` is refused. Real git, real tmux; the "agent" is cat under the
// name `claude` (a known agent by its command line), as in test/security/adopted-panes.test.ts.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { git, initRepo } from "../../devkit/git-repo.js";
import { OWNER, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import { paneRuns } from "../../devkit/wait.js";

const run = promisify(execFile);

describe("changes of an adopted session in a git repository", () => {
  let t: TempWingman;
  let root: string;
  let socket: string;
  let repo: string;
  const person = (...args: string[]) => run("tmux", ["-S", socket, "-f", "/dev/null", ...args]);

  beforeAll(async () => {
    root = realpathSync(await mkdtemp(join(tmpdir(), "wm-adopt-git-")));
    socket = join(root, "person.sock");
    repo = join(root, "shop");
    await mkdir(repo);
    await initRepo(repo, { "README.md": "shop\n", "app.js": "one\n" });
    await symlink("/bin/cat", join(root, "claude"));
    await person("new-session", "-d", "-s", "dev", "-c", repo, "--", join(root, "claude"));
    await paneRuns(person, "dev:0.0", "claude");
    t = await tempWingman();
  });
  afterAll(async () => {
    await person("kill-server").catch(() => {});
    await t?.cleanup();
    await rm(root, { recursive: true, force: true });
  });

  it("shows the commits since adoption and the uncommitted files; merge is refused", async () => {
    const a = await t.wingman.adopt({ target: `${socket}:dev:0.0`, session: "shop" }, OWNER);
    expect(a).toMatchObject({ ok: true, code: "adopted", facts: { workdir: repo } });
    // What the agent does meanwhile: one commit, one uncommitted edit, one new file.
    await writeFile(join(repo, "app.js"), "one\ntwo\n");
    await git(repo, "commit", "-qam", "agent: two");
    await writeFile(join(repo, "README.md"), "shop!\n");
    await writeFile(join(repo, "notes.txt"), "new\n");
    const c = await t.wingman.changes("shop");
    expect(c).toMatchObject({ ok: true, code: "changes", facts: { ahead: 1, behind: 0 } });
    if (!c.ok || c.code !== "changes") throw new Error("no changes");
    expect(c.facts.files).toEqual([
      expect.objectContaining({ path: "app.js", status: "modified", added: 1, removed: 0 }),
    ]);
    expect(c.facts.uncommitted.map((f) => f.path).sort()).toEqual(["README.md", "notes.txt"]);
    const m = await t.wingman.merge("shop", { commit: false, confirm: false }, OWNER);
    expect(m).toMatchObject({ ok: false, error: "wrong_state", facts: { why: "no_worktree" } });
  });
});
