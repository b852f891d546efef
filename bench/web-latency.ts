// The web page's latency on real Claude Code 2.1.331 (against the mock API), in the same run as the chat
// notification latency it builds on:
//   dialog drawn -> notification     the monitor's notifier is called (what WhatsApp would get)
//   dialog drawn -> buttons on page  the Approve button of that prompt is in the page's DOM (a MutationObserver
//                                    in the page stamps it), fed by events.jsonl -> server-sent events
// "Dialog drawn" is the first capture, polled every 20 ms by the benchmark, that shows the dialog (contract,
// "How the speed targets are measured"). Each trial is then approved by pressing the page's button.
//
//   npm run build && node bench/web-latency.ts [TRIALS]      (default 10; Chromium from npm or CHROMIUM_PATH)
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../devkit/chromium.ts";
import { CLAUDE_BIN, FAKE_API_KEY, claudeEnv, seedClaudeHome } from "../devkit/claude-home.ts";
import { startMockAnthropic } from "../devkit/mock-anthropic.ts";
import { owner, quiet, sleep, stats } from "./common.ts";

const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "index.js");
const { Monitor, createWingman, describeNotification, paneTarget, resolveConfig, startWeb } = (await import(
  dist
)) as typeof import("../src/index.ts");

const trials = Number(process.argv[2] ?? 10);

function row(label: string, xs: number[]) {
  const s = stats(xs);
  const f = (x: number) => (Number.isFinite(x) ? `${Math.round(x)}` : "-").padStart(6);
  console.log(
    `  ${label.padEnd(34)} n=${String(s.n).padEnd(3)} median ${f(s.p50)} ms  p95 ${f(s.p95)} ms  max ${f(s.max)} ms`,
  );
}

const root = mkdtempSync(join(tmpdir(), "wm-webbench-"));
const mock = await startMockAnthropic();
const home = join(root, "home");
const work = join(root, "project");
mkdirSync(join(home, ".claude"), { recursive: true });
mkdirSync(work);
seedClaudeHome(home, { apiKey: FAKE_API_KEY, trustedDirs: [work] });
const env = {
  ...claudeEnv({ home, mockUrl: mock.url, apiKey: FAKE_API_KEY, maxRetries: 1 }),
  WINGMAN_STATE_DIR: join(root, "state"),
  WINGMAN_CLAUDE_COMMAND: CLAUDE_BIN,
};
const config = resolveConfig({ pollSeconds: 2 }, env);
const w = createWingman({ config, env });
const notes: Array<{ type: string; id?: string; t: number }> = [];
// The monitor as the gateway runs it, with a notifier that stamps each notification; `wingman web` then finds
// the monitor lock taken and follows its events.jsonl, as it does beside a running gateway.
const monitor = new Monitor({
  describe: describeNotification,
  wingman: w,
  config,
  logger: quiet,
  notifier: {
    async send(n: { type: string; id?: string }) {
      notes.push({ type: n.type, id: n.id, t: Date.now() });
    },
  },
});
const browser = await chromium.launch({ executablePath: await chromiumPath(), headless: true, args: CHROMIUM_ARGS });
console.log(`\nWeb page latency on real Claude Code 2.1.331 (${trials} trials; Chromium ${browser.version()})`);
const notify: number[] = [];
const buttons: number[] = [];
let web: Awaited<ReturnType<typeof startWeb>> | undefined;
try {
  await w.spawn({ session: "bench", workdir: work }, owner);
  for (let i = 0; i < 100 && (await w.status("bench"))[0]?.state !== "idle"; i++) await sleep(100);
  await monitor.start();
  web = await startWeb(w, { port: 0, bind: "127.0.0.1", logger: quiet });
  if (web.ownMonitor)
    throw new Error("the web door started its own monitor: the benchmark's monitor should hold the lock");
  const page = await browser.newPage();
  await page.goto(`${web.url}#bench`);
  await page.locator("#d-name", { hasText: "bench" }).waitFor();
  // Stamp the moment each prompt's Approve button enters the DOM.
  await page.evaluate(`(() => {
    window.__seen = {};
    new MutationObserver(() => {
      for (const b of document.querySelectorAll('#prompt button[data-action="approve"]')) window.__seen[b.dataset.id] ??= Date.now();
    }).observe(document.body, { childList: true, subtree: true });
  })()`);
  const target = paneTarget("bench");
  for (let i = 0; i < trials; i++) {
    const mark = notes.length;
    await w.send("bench", `RUN_BASH python3 -c 'print(${i}*7)'`, {}, owner);
    let drawn = 0;
    for (let k = 0; k < 500 && !drawn; k++) {
      if ((await w.tmux.capture(target)).includes("Do you want to proceed?")) drawn = Date.now();
      else await sleep(20);
    }
    let note: (typeof notes)[number] | undefined;
    for (let k = 0; k < 300 && !note; k++) {
      note = notes.slice(mark).find((n) => n.type === "approval_needed");
      if (!note) await sleep(10);
    }
    const id = note?.id;
    let seen: number | undefined;
    for (let k = 0; k < 300 && id && seen === undefined; k++) {
      seen = (await page.evaluate(`window.__seen[${JSON.stringify(id)}]`)) as number | undefined;
      if (seen === undefined) await sleep(10);
    }
    if (drawn && note) notify.push(Math.max(0, note.t - drawn));
    if (drawn && seen) buttons.push(Math.max(0, seen - drawn));
    if (!drawn || !note || !seen) console.log(`  trial ${i}: drawn ${!!drawn}, notified ${!!note}, buttons ${!!seen}`);
    // Approve from the page, and wait for the turn to end before the next trial.
    if (id) await page.locator(`#prompt button[data-action="approve"][data-id="${id}"]`).click();
    for (let k = 0; k < 300; k++) {
      const s = await w.tmux.capture(target);
      if (s.includes(`TOOL_RESULT: ${i * 7}`) && s.includes("? for shortcuts")) break;
      await sleep(50);
    }
    await sleep(300);
  }
} finally {
  await browser.close();
  await web?.close();
  await monitor.stop();
  await w.tmux.killServer();
  await mock.close();
  rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}
row("dialog drawn -> notification", notify);
row("dialog drawn -> buttons on the page", buttons);
