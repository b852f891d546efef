// The web page in a real browser, against real tmux sessions of the stand-in agent: the grid and its totals,
// a session's screen shown as text (markup on a screen never runs), the follow-up box, and the server's
// refusals (no token, a foreign origin, a control character). Screenshots go to .cache/artifacts/.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWeb, type WebDoor } from "../../src/doors/cli/web-command.js";
import { silentLogger } from "../../src/api/notify.js";
import { OWNER, tempWingman, type TempWingman } from "../../devkit/temp-wingman.js";
import { standinPrompts, until } from "../../devkit/wait.js";
import { ARTIFACTS, launchBrowser } from "./browser.js";
import { say } from "../../devkit/say.js";

const HOSTILE = `<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> & "quotes"`;

describe("the web dashboard (stand-in sessions, real tmux, real Chromium)", () => {
  let t: TempWingman;
  let web: WebDoor;
  let browser: Browser;
  let page: Page;
  let log: string;
  let base: string;

  beforeAll(async () => {
    t = await tempWingman();
    log = join(t.root, "prompts.log");
    t.env.STANDIN_LOG = log;
    const work = join(t.root, "project");
    await mkdir(work);
    for (const name of ["alpha", "bravo"]) {
      const r = await t.wingman.spawn({ session: name, workdir: work }, OWNER);
      expect(r.ok, say(r)).toBe(true);
    }
    await until(
      () => t.wingman.status(),
      (vs) => vs.every((v) => v.state === "idle"),
      15_000,
    );
    // A screen that contains markup: the stand-in echoes the prompt it received.
    const s = await t.wingman.send("bravo", HOSTILE, {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    await until(
      () => standinPrompts(log),
      (p) => p.includes(HOSTILE),
    );
    web = await startWeb(t.wingman, { port: 0, bind: "127.0.0.1", logger: silentLogger });
    base = web.url.replace(/\?.*$/, "");
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await t?.cleanup();
  });

  it("prints one URL on 127.0.0.1 with a random token, and runs the monitor when none is running", () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    expect(web.ownMonitor).toBe(true);
  });

  it("shows every session with its state, agent and folder, and the totals line", async () => {
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
    await page.goto(web.url);
    await page.locator(".card").nth(1).waitFor();
    const cards = await page.locator(".card").allTextContents();
    expect(cards).toHaveLength(2);
    expect(cards[0]).toContain("alpha");
    expect(cards[0]).toContain("Idle");
    expect(cards[0]).toContain("claude-code");
    expect(await page.locator("#totals").textContent()).toBe("Total: 2 sessions | Working: 0 | Waiting: 0 | Error: 0");
    await expect.poll(() => page.locator("#conn").textContent()).toBe("live");
    await page.screenshot({ path: join(ARTIFACTS, "dashboard-standin.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it("takes the token out of the address bar after load (kept in sessionStorage); a reload still works", async () => {
    expect(page.url()).not.toContain(web.token);
    expect(page.url()).not.toContain("token=");
    expect(await page.evaluate('sessionStorage.getItem("wingman-token")')).toBe(web.token);
    await page.reload();
    await page.locator(".card").nth(1).waitFor();
    expect(page.url()).not.toContain(web.token);
    expect(await page.evaluate("location.href")).not.toContain("token");
  });

  it("a screen containing <script> and <img onerror> is shown as text; nothing runs", async () => {
    await page.locator(".card", { hasText: "bravo" }).click();
    const screen = page.locator("#screen");
    await expect.poll(() => screen.textContent(), { timeout: 10_000 }).toContain(HOSTILE);
    expect(await page.evaluate("window.__pwned")).toBeUndefined();
    expect(await page.locator("#screen script, #screen img, #screen [onerror]").count()).toBe(0);
    expect(await page.locator("img").count()).toBe(0);
    await page.screenshot({ path: join(ARTIFACTS, "session-standin.png"), fullPage: true });
  });

  it("the follow-up box sends through the core (the stand-in receives the text exactly)", async () => {
    await page.locator("#send-text").fill("please run the tests\nand report");
    await page.locator("#send-go").click();
    await expect.poll(() => page.locator("#result").textContent()).toMatch(/bravo/);
    await until(
      () => standinPrompts(log),
      (p) => p.includes("please run the tests\nand report"),
    );
    expect(await standinPrompts(log)).toContain("please run the tests\nand report");
    const audit = await until(
      () => t.wingman.history(50),
      (h) => h.entries.some((e) => e.event === "prompt" && e.by === "web"),
    );
    expect(audit.entries.some((e) => e.event === "prompt" && e.by === "web")).toBe(true);
  });

  it("the page carries a strict Content-Security-Policy and serves its script as a file", async () => {
    const res = await fetch(web.url);
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    const html = await res.text();
    expect(html).toContain('<script src="app.js" defer></script>');
    expect(html).not.toMatch(/<script>(?!<)/);
    expect(html).not.toContain(web.token);
  });

  it("refuses requests without the token, with a wrong one, or from another origin; nothing is typed", async () => {
    const before = (await standinPrompts(log)).length;
    // The page's shell holds no data (a reload after the token left the address needs it); the data does.
    const shell = await fetch(base);
    expect(shell.status).toBe(200);
    expect(await shell.text()).not.toContain(web.token);
    const st = await fetch(`${base}api/status?token=wrong`);
    expect(st.status).toBe(403);
    expect(await st.json()).toMatchObject({ ok: false, error: "not_owner" });
    expect((await fetch(`${base}api/events`)).status).toBe(403);
    const post = (headers: Record<string, string>, body: unknown = { text: "hello" }) =>
      fetch(`${base}api/sessions/bravo/send`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...headers },
        body: JSON.stringify(body),
      });
    const origin = new URL(base).origin;
    // The token in the URL is not enough for a state change: it must come in the header.
    expect(
      (
        await fetch(`${base}api/sessions/bravo/send?token=${web.token}`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Origin: origin },
          body: "{}",
        })
      ).status,
    ).toBe(403);
    const foreign = await post({ "X-Wingman-Token": web.token, Origin: "https://evil.example" });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { message: string }).message).toContain("evil.example");
    expect((await post({ "X-Wingman-Token": web.token, "Sec-Fetch-Site": "cross-site" })).status).toBe(403);
    expect((await post({ "X-Wingman-Token": web.token })).status).toBe(403);
    // From the page's own origin with the token, a control character is refused by the core: 400 control_char.
    const cc = await post({ "X-Wingman-Token": web.token, Origin: origin }, { text: "evil\rrm -rf /" });
    expect(cc.status).toBe(400);
    expect(await cc.json()).toMatchObject({ ok: false, error: "control_char" });
    const missing = await post({ "X-Wingman-Token": web.token, Origin: origin }, { nothing: 1 });
    expect(missing.status).toBe(400);
    const nope = await fetch(`${base}api/sessions/nosuch/send`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Wingman-Token": web.token, Origin: origin },
      body: JSON.stringify({ text: "x" }),
    });
    expect(nope.status).toBe(404);
    expect(await nope.json()).toMatchObject({ ok: false, error: "not_found" });
    // A foreign page cannot even read: the browser blocks the cross-origin fetch (no CORS headers are sent).
    expect((await standinPrompts(log)).length).toBe(before);
  });

  it("an answer to a prompt that is not pending is refused with 409", async () => {
    const origin = new URL(base).origin;
    const r = await fetch(`${base}api/sessions/alpha/respond`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Wingman-Token": web.token, Origin: origin },
      body: JSON.stringify({ action: "approve", id: "a2b3" }),
    });
    expect(r.status).toBe(409);
    expect(((await r.json()) as { ok: boolean }).ok).toBe(false);
  });

  it("kill from the page takes a second press and goes through the core", async () => {
    await page.goto(`${web.url}#alpha`);
    await page.locator("#d-name", { hasText: "alpha" }).waitFor();
    await page.locator("#kill").click();
    // The page arms the button once the server has answered the first press (needs_confirm): wait for that.
    await expect.poll(() => page.locator("#kill").textContent()).toBe("Press again to kill alpha");
    expect((await t.wingman.status("alpha"))[0]?.state).toBe("idle");
    await page.locator("#kill").click();
    await expect.poll(() => page.locator("#result").textContent()).toContain("alpha killed");
    await expect.poll(async () => (await t.wingman.status("alpha"))[0]?.state).toBe("exited");
    expect(
      (await t.wingman.history(50)).entries.some(
        (e) => e.event === "killed" && e.session === "alpha" && e.by === "web",
      ),
    ).toBe(true);
  });

  it("fits a phone screen: nothing wider than the viewport", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(web.url);
    await phone.locator(".card").first().waitFor();
    expect(await phone.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: join(ARTIFACTS, "dashboard-phone.png"), fullPage: true });
    await phone.close();
  });
});
