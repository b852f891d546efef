// The phone's two latencies through the real host: OpenClaw 2026.9.6's own Telegram channel against the mock
// Bot API (devkit/mock-telegram.ts), the real Claude Code behind Wingman against the mock Anthropic API.
//   notify:  (the follow-up that asks is sent from the CLI) dialog drawn (seen on the pane, polled every 20 ms) → the Bot API receives the sendMessage that
//            carries its buttons. Baseline, same dialogs: drawn → Wingman's monitor logs the notification
//            (events.jsonl), i.e. what the host's channel adds on top of Wingman's own detection.
//   answer:  the owner's button press (callback_query handed to the host) → the Bot API receives the edit that
//            says the dialog was answered (Wingman edits only after it verified the dialog closed).
//            Baseline, alternate dialogs: the owner types `approve NAME ID` → the Bot API receives the reply.
//
//   bash test/host/setup.sh && npm exec -- node bench/buttons.ts [DIALOGS]
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { claudeViaMock } from "../devkit/claude-home.ts";
import { startMockAnthropic } from "../devkit/mock-anthropic.ts";
import { type BotCall, startMockTelegram } from "../devkit/mock-telegram.ts";
import { sleep, stats } from "./common.ts";

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, "..");
const PACKAGE = join(REPO, ".cache/host-package/package");
const PKG = join(REPO, "test/host/fixture/openclaw/node_modules/openclaw");
const dialogs = Number(process.argv[2] ?? 20);
const OWNER = 123;
const NAME = "bench-tg";

if (!existsSync(join(PACKAGE, "package.json")) || !existsSync(join(PKG, "package.json"))) {
  console.error("run `bash test/host/setup.sh` first (it installs OpenClaw 2026.9.6 and packs Wingman)");
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")) as { bin?: Record<string, string> | string };
const bin = join(PKG, typeof pkg.bin === "string" ? pkg.bin : (pkg.bin?.openclaw ?? "openclaw.mjs"));

const freePort = () =>
  new Promise<number>((ok) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => ok(p));
    });
  });

const root = await mkdtemp(join(tmpdir(), "wm-bench-buttons-"));
const work = join(root, "work");
const state = join(root, "state");
const wstate = join(root, "wingman");
await mkdir(work);
await mkdir(state);
await mkdir(join(root, "home"));
const tg = await startMockTelegram();
const mock = await startMockAnthropic();
const wrapper = claudeViaMock(root, mock.url, work);
const port = await freePort();
await writeFile(
  join(state, "openclaw.json"),
  JSON.stringify({
    gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: "t" } },
    channels: {
      telegram: {
        enabled: true,
        botToken: tg.token,
        apiRoot: tg.url,
        dmPolicy: "allowlist",
        allowFrom: [String(OWNER)],
      },
    },
    plugins: {
      allow: ["claude-code-wingman"],
      load: { paths: [PACKAGE] },
      entries: { "claude-code-wingman": { enabled: true, config: { notify: { targets: [`telegram:${OWNER}`] } } } },
    },
  }),
);
const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(NODE_OPTIONS|npm_)/.test(k))),
  HOME: join(root, "home"),
  OPENCLAW_STATE_DIR: state,
  OPENCLAW_NO_RESPAWN: "1",
  OPENCLAW_DISABLE_BONJOUR: "1",
  WINGMAN_STATE_DIR: wstate,
  WINGMAN_CLAUDE_COMMAND: wrapper,
};
const sock = join(wstate, "tmux.sock");
let gw: ChildProcess | undefined;
let log = "";

const toOwner = (c: BotCall) => c.method === "sendMessage" && String(c.body.chat_id) === String(OWNER);
const buttonsOf = (c: BotCall) =>
  (
    (c.body.reply_markup as { inline_keyboard?: Array<Array<{ callback_data: string }>> })?.inline_keyboard ?? []
  ).flat();
const screen = async () =>
  (await run("tmux", ["-S", sock, "capture-pane", "-p", "-t", `=${NAME}:0.0`]).catch(() => ({ stdout: "" }))).stdout;
const drawn = (s: string) => /Do you want to proceed\?/.test(s) && /❯\s*1\./.test(s);
/** When a new approval_needed line appears in Wingman's events log after `lines` lines (polled every 10 ms). */
async function eventLogged(lines: number, until: number): Promise<number> {
  for (;;) {
    const text = await readFile(join(wstate, "events.jsonl"), "utf8").catch(() => "");
    if (
      text
        .split("\n")
        .slice(lines)
        .some((l) => l.includes('"type":"approval_needed"'))
    )
      return performance.now();
    if (performance.now() > until) return Number.NaN;
    await sleep(10);
  }
}
const eventLines = async () =>
  (await readFile(join(wstate, "events.jsonl"), "utf8").catch(() => "")).split("\n").length - 1;
async function status(): Promise<
  { state: string; pending: { id: string; optionsPending?: boolean } | null } | undefined
> {
  const r = await run(process.execPath, [join(PACKAGE, "bin/wingman.js"), "status", "--json"], { env });
  return (
    JSON.parse(r.stdout) as {
      sessions: Array<{ name: string; state: string; pending: { id: string; optionsPending?: boolean } | null }>;
    }
  ).sessions.find((s) => s.name === NAME);
}
async function untilIdle() {
  for (let i = 0; i < 600; i++) {
    if ((await status())?.state === "idle") return;
    await sleep(100);
  }
  throw new Error("the session did not come back to idle");
}

const notifyMs: number[] = [];
const eventMs: number[] = [];
const pressMs: number[] = [];
const typedMs: number[] = [];
try {
  gw = spawn(process.execPath, [bin, "gateway", "run", "--port", String(port), "--bind", "loopback", "--token", "t"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  gw.stdout?.on("data", (c: Buffer) => (log += String(c)));
  gw.stderr?.on("data", (c: Buffer) => (log += String(c)));
  for (let i = 0; !(existsSync(join(wstate, "monitor.lock")) && tg.calls.some((c) => c.method === "getUpdates")); i++) {
    if (i > 2400 || gw.exitCode !== null) throw new Error(`the gateway did not start:\n${log.slice(-2000)}`);
    await sleep(250);
  }
  tg.sendText(OWNER, `/wm spawn ${NAME} ${work} SAY ready`);
  await tg.waitFor((c) => toOwner(c) && String(c.body.text).includes(`${NAME} started`), 120_000);
  await untilIdle();
  let lastStart = 0;
  for (let i = 0; i < dialogs; i++) {
    // Each dialog brings two notifications (the prompt, then "finished"); the flood cap allows 6 per session a
    // minute and folds the rest into a digest without buttons: one dialog per 21 s stays under it.
    await sleep(Math.max(0, lastStart + 21_000 - performance.now()));
    lastStart = performance.now();
    const since = tg.calls.length;
    const lines = await eventLines();
    // The follow-up from a terminal: a reply to a Telegram `tell` would go to the same chat just before the
    // notification, and the host spaces messages to one chat (measured: the notification then waited ~0.8 s).
    await run(process.execPath, [join(PACKAGE, "bin/wingman.js"), "send", NAME, `RUN_BASH touch f${i}`], { env });
    let drawnAt = 0;
    for (let k = 0; k < 3000 && !drawnAt; k++) {
      if (drawn(await screen())) drawnAt = performance.now();
      else await sleep(20);
    }
    if (!drawnAt) throw new Error(`dialog ${i} was not drawn`);
    // Both watched from the moment the dialog is drawn.
    const [notice, loggedAt] = await Promise.all([
      tg.waitFor((c) => toOwner(c) && buttonsOf(c).length > 0, 60_000, since),
      eventLogged(lines, performance.now() + 60_000),
    ]);
    const id = buttonsOf(notice)[0]!.callback_data.split(":")[3]!;
    notifyMs.push(notice.at - drawnAt);
    eventMs.push(loggedAt - drawnAt);
    await sleep(1500); // a person reads the phone first: past the dialog's settle time
    const msg = [...tg.messages.values()].find((m) => m.text === notice.body.text)!;
    const before = tg.calls.length;
    const t0 = performance.now();
    if (i % 2 === 0) {
      tg.press(OWNER, msg.message_id, `wm:approve:${NAME}:${id}`);
      const edit = await tg.waitFor(
        (c) => c.method === "editMessageText" && Number(c.body.message_id) === msg.message_id,
        60_000,
        before,
      );
      if (!String(edit.body.text).includes("✓ approved")) throw new Error(`press ${i}: ${String(edit.body.text)}`);
      pressMs.push(edit.at - t0);
    } else {
      tg.sendText(OWNER, `approve ${NAME} ${id}`);
      const reply = await tg.waitFor((c) => toOwner(c) && String(c.body.text).includes("approved"), 60_000, before);
      typedMs.push(reply.at - t0);
    }
    if (!existsSync(join(work, `f${i}`))) {
      for (let k = 0; k < 100 && !existsSync(join(work, `f${i}`)); k++) await sleep(50);
      if (!existsSync(join(work, `f${i}`))) throw new Error(`dialog ${i}: the approved command did not run`);
    }
    await untilIdle();
  }
} catch (e) {
  console.error(`${(e as Error).message}\nBot API calls:`);
  for (const c of tg.calls.filter((x) => x.method !== "getUpdates"))
    console.error(`  ${c.method} ${JSON.stringify(c.body).slice(0, 300)}`);
  console.error(log.slice(-3000));
  process.exitCode = 1;
} finally {
  if (gw?.pid && gw.exitCode === null) gw.kill("SIGTERM");
  await sleep(500);
  if (gw?.pid && gw.exitCode === null) gw.kill("SIGKILL");
  await run("tmux", ["-S", sock, "kill-server"]).catch(() => {});
  await tg.close();
  await mock.close();
  await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

const row = (label: string, xs: number[]) => {
  const s = stats(xs);
  console.log(
    `  ${label.padEnd(58)} n=${String(s.n).padStart(2)}  p50 ${s.p50.toFixed(0).padStart(5)} ms  p95 ${s.p95.toFixed(0).padStart(5)} ms  max ${s.max.toFixed(0).padStart(5)} ms`,
  );
};
console.log(
  `Phone latencies through OpenClaw 2026.9.6's Telegram channel (mock Bot API), real Claude Code, ${dialogs} dialogs:`,
);
row("drawn → Bot API gets sendMessage with buttons", notifyMs);
row("baseline: drawn → Wingman's events log has it (no channel)", eventMs);
row("button press → Bot API gets the edit (dialog verified closed)", pressMs);
row("baseline: typed `approve NAME ID` → Bot API gets the reply", typedMs);
