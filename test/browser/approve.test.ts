// The page's buttons on a REAL Claude Code session (the real CLI against the mock API, devkit/claude-rig.ts as
// in test/e2e/approvals.test.ts): the dialog's buttons appear live, a press goes through the same core path as
// `/wm approve NAME ID` (id-bound, fingerprint re-checked, audited with channel `web`), the command runs and
// the buttons go away; a high-risk approve needs a second press; deny sends nothing to run.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/api/notify.js";
import { startWeb, type WebDoor } from "../../src/doors/cli/web-command.js";
import { claudeRig, type Rig } from "../../devkit/claude-rig.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { ARTIFACTS, launchBrowser } from "./browser.js";
import { say } from "../../devkit/say.js";

describe("approving from the page (real Claude Code, real Chromium)", () => {
  let rig: Rig;
  let web: WebDoor;
  let browser: Browser;
  let page: Page;
  const S = "webappr";

  /** Asks Claude Code (through the mock) to run a tool and waits until the page shows the dialog's buttons. */
  async function ask(directive: string): Promise<string> {
    const s = await rig.wingman.send(S, directive, {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    const v = await rig.waitState(
      S,
      (x) => x.state === "waiting_approval" && !!x.pending && !x.pending.optionsPending,
      15_000,
    );
    await page
      .locator(`#prompt button[data-action="approve"][data-id="${v.pending!.id}"]`)
      .waitFor({ timeout: 10_000 });
    // The hook may come before the dialog is drawn: the page first shows Approve/Deny, then the options.
    await page.locator("#prompt ul").waitFor({ timeout: 10_000 });
    return v.pending!.id;
  }

  beforeAll(async () => {
    rig = await claudeRig({ maxRetries: 1 });
    await rig.startIdle(S);
    web = await startWeb(rig.wingman, { port: 0, bind: "127.0.0.1", logger: silentLogger });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${web.url}#${S}`);
    await page.locator("#d-name", { hasText: S }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await rig?.close();
  });

  it("shows the live screen of the real session with its colours", async () => {
    await expect.poll(() => page.locator("#screen").textContent(), { timeout: 10_000 }).toContain("manual mode on");
    // Claude Code draws in colour: some runs carry a palette class or a #rrggbb colour.
    const coloured = await page.locator("#screen span[class*='f'], #screen span[style]").count();
    expect(coloured).toBeGreaterThan(0);
  });

  it("a Bash dialog's buttons appear; Approve runs the command; the buttons go away; the audit says web", async () => {
    const file = join(rig.work, "from-the-page.txt");
    const id = await ask(`RUN_BASH touch ${file}`);
    const prompt = page.locator("#prompt");
    expect(await prompt.textContent()).toContain(`touch ${file}`);
    expect(await Promise.all((await prompt.locator("button").all()).map((b) => b.getAttribute("data-action")))).toEqual(
      ["approve", "always", "deny"],
    );
    // The always button says exactly what it grants, as the dialog words it.
    const scope = (await rig.wingman.status(S))[0]?.pending?.options.find((o) => o.role === "always")?.scope;
    expect(scope).toContain(rig.work);
    expect(await prompt.locator('button[data-action="always"]').textContent()).toBe(`Always allow: ${scope}`);
    await expect
      .poll(() => page.locator("#screen").textContent(), { timeout: 10_000 })
      .toContain("Do you want to proceed?");
    await page.screenshot({ path: join(ARTIFACTS, "session-prompt.png"), fullPage: true });
    await page.locator(`#prompt button[data-action="approve"][data-id="${id}"]`).click();
    await expect.poll(() => existsSync(file), { timeout: 15_000 }).toBe(true);
    await rig.modelSaw("tool_result");
    await page.locator("#prompt").waitFor({ state: "hidden", timeout: 10_000 });
    expect(await page.locator(`#prompt button[data-id="${id}"]`).count()).toBe(0);
    await expect
      .poll(async () => (await rig.wingman.audit()).filter((e) => e.promptId === id).at(-1), { timeout: 10_000 })
      .toMatchObject({ channel: "web", actor: "web", action: "approve", outcome: "done" });
    await rig.waitState(S, (x) => x.state === "idle");
  });

  it("a high-risk approve: the first press is refused by the server (needs_confirm) and arms the button; the second runs it", async () => {
    const dir = join(rig.work, "build");
    await mkdir(join(dir, "sub"), { recursive: true });
    const id = await ask(`RUN_BASH rm -rf ${dir}`);
    expect(await page.locator("#prompt .risk").textContent()).toContain("high risk");
    expect(await page.locator('#prompt button[data-action="always"]').count()).toBe(0);
    const approve = page.locator(`#prompt button[data-action="approve"][data-id="${id}"]`);
    await approve.click();
    await expect.poll(() => approve.textContent()).toBe("Press again to run it (high risk)");
    // The server counted the first press: the core refused it (nothing pressed) and the audit says so.
    expect((await rig.wingman.audit()).filter((e) => e.promptId === id).at(-1)).toMatchObject({
      channel: "web",
      action: "approve",
      outcome: "refused",
    });
    expect((await rig.wingman.status(S))[0]?.pending?.id).toBe(id);
    expect(existsSync(dir)).toBe(true);
    await approve.click();
    await expect.poll(() => existsSync(dir), { timeout: 15_000 }).toBe(false);
    // The audit line is written once the dialog is verified closed, a moment after the command ran.
    await expect
      .poll(async () => (await rig.wingman.audit()).filter((e) => e.promptId === id).at(-1), { timeout: 10_000 })
      .toMatchObject({ channel: "web", action: "approve", outcome: "done" });
    await rig.waitState(S, (x) => x.state === "idle");
  });

  it("a high-risk approve sent without confirm is refused with 409 needs_confirm; a stale id with 409", async () => {
    const dir = join(rig.work, "build2");
    await mkdir(dir, { recursive: true });
    const id = await ask(`RUN_BASH rm -rf ${dir}`);
    const origin = new URL(web.url).origin;
    const post = (body: unknown) =>
      fetch(`${origin}/api/sessions/${S}/respond`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Wingman-Token": web.token, Origin: origin },
        body: JSON.stringify(body),
      });
    const r = await post({ action: "approve", id });
    expect(r.status).toBe(409);
    expect(await r.json()).toMatchObject({ ok: false, error: "needs_confirm" });
    const stale = await post({ action: "approve", id: "zz22", confirm: true });
    expect(stale.status).toBe(409);
    expect(existsSync(dir)).toBe(true);
    // Deny from the page, with a reason the model receives.
    await page.locator("#prompt-text").fill("keep the build folder");
    await page.locator(`#prompt button[data-action="deny"][data-id="${id}"]`).click();
    await rig.modelSaw("keep the build folder");
    await rig.waitState(S, (x) => x.state === "idle", 15_000);
    expect(existsSync(dir)).toBe(true);
    await expect
      .poll(async () => (await rig.wingman.audit()).filter((e) => e.promptId === id).at(-1), { timeout: 10_000 })
      .toMatchObject({ channel: "web", action: "deny", outcome: "done" });
  });

  it("saves screenshots of the dashboard and of the session", async () => {
    await page.goto(web.url);
    await page.locator(".card").first().waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "dashboard.png"), fullPage: true });
    await page.goto(`${web.url}#${S}`);
    await expect.poll(() => page.locator("#screen").textContent(), { timeout: 10_000 }).toContain("manual mode on");
    await page.screenshot({ path: join(ARTIFACTS, "session.png"), fullPage: true });
    // The README's image is copied from session-prompt.png by `npm run screenshot`, never by a test run.
    for (const f of ["dashboard.png", "session.png", "session-prompt.png"])
      expect(existsSync(join(ARTIFACTS, f))).toBe(true);
  });
});
