// A worktree session's diff on the web page in a real browser: the card shows its branch, the detail shows the
// whole diff as text, and a committed file whose content is hostile HTML is shown as text: nothing runs.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeOutcome } from "../../src/format/outcomes.js";
import { silentLogger } from "../../src/api/notify.js";
import { startWeb, type WebDoor } from "../../src/doors/cli/web-command.js";
import { OWNER, tempWingman, type TempWingman } from "../../devkit/temp-wingman.js";
import { until } from "../../devkit/wait.js";
import { ARTIFACTS, launchBrowser } from "./browser.js";
import { git, initRepo } from "../../devkit/git-repo.js";

const HOSTILE = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> & "quotes"`;

describe("a worktree session's diff in Chromium", () => {
  let t: TempWingman;
  let web: WebDoor;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await tempWingman();
    const repo = join(t.root, "project");
    await initRepo(repo, { "README.md": "hello\n" });
    const r = await t.wingman.spawn({ session: "diffy", workdir: repo }, OWNER);
    expect(r.ok, describeOutcome(r)).toBe(true);
    await until(
      () => t.wingman.status("diffy"),
      (vs) => vs[0]?.state === "idle",
    );
    const wt = join(t.root, "project.worktrees", "diffy");
    await writeFile(join(wt, "page.html"), `${HOSTILE}\n`);
    await git(wt, "add", ".");
    await git(wt, "commit", "-q", "-m", "hostile page");
    web = await startWeb(t.wingman, { port: 0, bind: "127.0.0.1", logger: silentLogger });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await t?.cleanup();
  });

  it("the card shows the branch; the detail shows the diff as text and nothing in it runs", async () => {
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(web.url);
    const card = page.locator(".card", { hasText: "diffy" });
    await card.waitFor();
    expect(await card.textContent()).toContain("⎇ wingman/diffy");
    await card.click();
    const diff = page.locator("#diff");
    await expect.poll(() => diff.textContent(), { timeout: 10_000 }).toContain(`+${HOSTILE}`);
    expect(await page.locator("#changes-summary").textContent()).toContain("1 file +1 −0 on wingman/diffy");
    expect(await page.evaluate("window.__pwned")).toBeUndefined();
    expect(await page.locator("#diff script, #diff img, #diff [onerror]").count()).toBe(0);
    expect(await page.locator("#diff .d-add").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, "session-diff.png"), fullPage: true });
    expect(errors).toEqual([]);
  });
});
