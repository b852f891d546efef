// The web door's view of a worktree session, over real HTTP, real git and real tmux (stand-in agent): the
// status carries the branch, and the session's changes come with its whole diff as text in JSON (a file whose
// content is hostile HTML stays text), under the page's strict CSP, and only with the token.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeOutcome } from "../../src/format/outcomes.js";
import { silentLogger } from "../../src/api/notify.js";
import { startWeb, type WebDoor } from "../../src/doors/cli/web-command.js";
import { CSP } from "../../src/doors/web/app.js";
import { OWNER, tempWingman, type TempWingman } from "../../devkit/temp-wingman.js";
import { until } from "../../devkit/wait.js";
import { git, initRepo } from "../../devkit/git-repo.js";

const HOSTILE_HTML = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> & "quotes"`;

describe("a worktree session on the web page's API", () => {
  let t: TempWingman;
  let web: WebDoor;
  let base: string;
  let token: string;

  beforeAll(async () => {
    t = await tempWingman();
    const repo = join(t.root, "project");
    await initRepo(repo, { "README.md": "hello\n" });
    const r = await t.wingman.spawn({ session: "webwt", workdir: repo }, OWNER);
    expect(r.ok, describeOutcome(r)).toBe(true);
    await until(
      () => t.wingman.status("webwt"),
      (vs) => vs[0]?.state === "idle",
    );
    const wt = join(t.root, "project.worktrees", "webwt");
    await writeFile(join(wt, "page.html"), `${HOSTILE_HTML}\n`);
    await git(wt, "add", ".");
    await git(wt, "commit", "-q", "-m", "hostile page");
    await writeFile(join(wt, "README.md"), "hello\nkey sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
    web = await startWeb(t.wingman, { port: 0, bind: "127.0.0.1", logger: silentLogger });
    base = web.url.replace(/\?.*$/, "");
    token = web.token;
  });
  afterAll(async () => {
    await web?.close();
    await t?.cleanup();
  });

  it("status carries the worktree (the page's branch line)", async () => {
    const res = await fetch(`${base}api/status?token=${token}`);
    const body = (await res.json()) as { sessions: Array<{ name: string; worktree: { branch: string } | null }> };
    expect(body.sessions.find((s) => s.name === "webwt")?.worktree?.branch).toBe("wingman/webwt");
  });

  it("changes: the summary and the whole diff as text, hostile HTML verbatim, secrets redacted, strict CSP", async () => {
    const res = await fetch(`${base}api/sessions/webwt/changes?token=${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toBe(CSP);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = (await res.json()) as {
      ok: boolean;
      summary: string;
      diff: string;
      changes: { files: Array<{ path: string }> };
    };
    expect(body.ok).toBe(true);
    expect(body.summary).toBe("1 file +1 −0 on wingman/webwt · 1 uncommitted");
    expect(body.changes.files.map((f) => f.path)).toEqual(["page.html"]);
    expect(body.diff).toContain(`+${HOSTILE_HTML}`);
    expect(body.diff).toContain("+key ");
    expect(body.diff).not.toContain("sk-ant-api03-AAAA");
  });

  it("without the token: refused; a session without a worktree: 409 with the reason", async () => {
    expect((await fetch(`${base}api/sessions/webwt/changes`)).status).toBe(403);
    const plain = join(t.root, "plain");
    await mkdir(plain);
    const r = await t.wingman.spawn({ session: "plain", workdir: plain }, OWNER);
    expect(r.ok, describeOutcome(r)).toBe(true);
    const res = await fetch(`${base}api/sessions/plain/changes?token=${token}`);
    expect(res.status).toBe(409);
    expect(((await res.json()) as { message: string }).message).toContain("has no worktree of its own");
  });
});
