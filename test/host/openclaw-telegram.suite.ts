// The phone conversation through OpenClaw 2026.9.6's own Telegram channel, offline: `channels.telegram.apiRoot`
// points at a mock Bot API on 127.0.0.1 (devkit/mock-telegram.ts) that plays the owner (Telegram id 123) and a
// stranger (456). The host lets anyone write (`dmPolicy: "open"`), so Wingman's own owner check
// (`approvers: ["telegram:123"]`) is what refuses the stranger. Behind Wingman, the real Claude Code talks to the
// mock Anthropic API, so a button press runs a real command. A second target, WhatsApp (the host's real
// adapter, no phone linked), fails on every try and must not hold up Telegram.
// The same gateway, before any session exists, tests the assistant's tool door: OpenClaw's own assistant, its
// model the scripted one of tool-model.ts, calls Wingman's tools the way a real model would. Wingman has an owner
// configured (the Telegram approver), so the gateway's web chat is NOT an owner here, although OpenClaw calls its
// operator an owner (senderIsOwner: the operator.admin scope): the host's bit is never enough alone. The tool
// result the host hands back to the model is what those assertions read. One gateway for both: a start costs
// 17 s or more of CPU.
// Left out only by WINGMAN_SKIP_HOST_TESTS=1.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claudeViaMock } from "../../devkit/claude-home.js";
import { type MockAnthropic, startMockAnthropic } from "../../devkit/mock-anthropic.js";
import { type BotCall, type MockTelegram, startMockTelegram } from "../../devkit/mock-telegram.js";
import { REPO } from "../../devkit/temp-wingman.js";
import { chat as chatOver, freePort, type Gateway, hostEnv, startGateway } from "./gateway.js";
import { PACKAGE, packedTarball } from "./packed.js";
import { assistantModel, gatewayClientModule, startToolModel, type ToolModel } from "./tool-model.js";

const run = promisify(execFile);
const HOST = join(REPO, "test/host/fixture/openclaw");
const PKG = join(HOST, "node_modules/openclaw");
const OWNER = 123;
const STRANGER = 456;
const WHATSAPP_OWNER = "+15550001111";
/** A hang guard for one step through the real gateway and the real agent (not a speed check: bench/buttons.ts). */
const STEP_MS = 90_000;

describe("in the real host: openclaw 2026.9.6 with an owner: the assistant's tools, then its own Telegram channel (mock Bot API)", () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let gateway: Gateway | undefined;
  let tg: MockTelegram;
  let mock: MockAnthropic | undefined;
  /** The host's own assistant's model (Claude Code behind Wingman talks to `mock`). */
  let model: ToolModel | undefined;
  /** The host's GatewayClient module, for its web chat. */
  let client: string;
  let work: string;

  const sent = (c: BotCall) => c.method === "sendMessage" && String(c.body.chat_id) === String(OWNER);
  const keyboard = (c: BotCall) =>
    (
      (c.body.reply_markup as { inline_keyboard?: Array<Array<{ text: string; callback_data: string }>> })
        ?.inline_keyboard ?? []
    ).flat();
  async function session(name: string) {
    const r = await run(process.execPath, [join(PACKAGE, "bin/wingman.js"), "status", "--json"], { env });
    return (
      JSON.parse(r.stdout) as { sessions: Array<{ name: string; state: string; pending: { id: string } | null }> }
    ).sessions.find((s) => s.name === name);
  }
  /** The owner's text; resolves with the bot's next message to the owner that holds `expect` (a notification may come first). */
  async function say(text: string, expect: string, replyTo?: number): Promise<BotCall> {
    const since = tg.calls.length;
    tg.sendText(OWNER, text, replyTo);
    return tg.waitFor((c) => sent(c) && String(c.body.text).includes(expect), STEP_MS, since);
  }
  /** The notification that carries a prompt's buttons for `name`, from call index `since`. */
  function promptNotice(name: string, since: number): Promise<BotCall> {
    return tg.waitFor((c) => sent(c) && keyboard(c).some((b) => b.callback_data.includes(`:${name}:`)), STEP_MS, since);
  }

  beforeAll(async () => {
    if (!existsSync(join(PKG, "package.json")))
      throw new Error(`openclaw is not installed in ${HOST}: run \`bash test/host/setup.sh\``);
    packedTarball();
    const pkg = JSON.parse(await readFile(join(PKG, "package.json"), "utf8")) as {
      bin?: Record<string, string> | string;
    };
    const bin = join(PKG, typeof pkg.bin === "string" ? pkg.bin : (pkg.bin?.openclaw ?? "openclaw.mjs"));
    root = await mkdtemp(join(tmpdir(), "wm-openclaw-tg-"));
    const state = join(root, "state");
    await mkdir(state, { recursive: true });
    await mkdir(join(root, "home"), { recursive: true });
    work = join(root, "work");
    await mkdir(work);
    client = gatewayClientModule(PKG);
    tg = await startMockTelegram();
    mock = await startMockAnthropic();
    model = await startToolModel();
    const wrapper = claudeViaMock(root, mock.url, work);
    const port = await freePort();
    const config = {
      gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: "t" } },
      ...assistantModel(model.url),
      channels: {
        telegram: { enabled: true, botToken: tg.token, apiRoot: tg.url, dmPolicy: "open", allowFrom: ["*"] },
      },
      plugins: {
        allow: ["claude-code-wingman", "whatsapp"],
        load: { paths: [PACKAGE, join(HOST, "node_modules/@openclaw/whatsapp")] },
        entries: {
          whatsapp: { enabled: true },
          "claude-code-wingman": {
            enabled: true,
            config: {
              approvers: [`telegram:${OWNER}`],
              notify: { targets: [`whatsapp:${WHATSAPP_OWNER}`, `telegram:${OWNER}`] },
            },
          },
        },
      },
    };
    await writeFile(join(state, "openclaw.json"), JSON.stringify(config, null, 2));
    env = hostEnv({
      HOME: join(root, "home"),
      OPENCLAW_STATE_DIR: state,
      OPENCLAW_NO_RESPAWN: "1",
      OPENCLAW_DISABLE_BONJOUR: "1",
      WINGMAN_STATE_DIR: join(root, "wingman"),
      WINGMAN_CLAUDE_COMMAND: wrapper,
    });
    const lock = join(root, "wingman", "monitor.lock");
    gateway = await startGateway({
      node: process.execPath,
      entry: bin,
      port,
      env,
      ready: (log) => /listening/i.test(log) && existsSync(lock) && tg.calls.some((c) => c.method === "getUpdates"),
    });
  });
  afterAll(async () => {
    // WM_HOST_DUMP=FILE keeps the gateway's log and the Bot API calls for a look after the run.
    if (process.env.WM_HOST_DUMP)
      await writeFile(process.env.WM_HOST_DUMP, `${gateway?.log()}\n${JSON.stringify(tg?.calls, null, 1)}`);
    await gateway?.stop();
    await tg?.close();
    await mock?.close();
    await model?.close();
    if (root) {
      await run("tmux", ["-S", join(root, "wingman", "tmux.sock"), "kill-server"]).catch(() => {});
      await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
  });

  /** What the host handed back to the model for each of its tool calls (the tool_result blocks, in order). */
  const toolResults = () => model!.requests.flatMap((r) => r.toolResults);

  it("an acting tool called for the web chat (not an owner: a Telegram owner is configured) is refused; nothing starts", async () => {
    const call = JSON.stringify({ session: "oc-tool", workdir: work, prompt: "hello" });
    const [reply] = await chatOver(
      { node: process.execPath, client, gateway: gateway!, env },
      `WM_TOOL wingman_spawn ${call}`,
    );
    expect(reply).toMatchObject({ agentRan: true });
    const called = model!.requests.filter((r) => r.toolUse === "wingman_spawn");
    expect(called.length, `the model was never asked (gateway log:\n${gateway!.log().slice(-3000)})`).toBe(1);
    // The result as OpenClaw's tool_call hands it back: Wingman's refusal, with the host's own owner bit beside it.
    const result = JSON.parse(toolResults().at(-1) ?? "{}") as {
      result?: { content: Array<{ text: string }>; details: Record<string, unknown> };
    };
    expect(result.result?.details).toMatchObject({
      ok: false,
      error: { code: "not_owner" },
      actor: "webchat:gateway-client",
      hostOwner: true,
    });
    expect(result.result?.content[0]?.text).toContain("/wm spawn oc-tool");
    // No session: not in Wingman's registry, no tmux server on its socket.
    const st = await run(process.execPath, [join(PACKAGE, "bin/wingman.js"), "status", "--json"], { env });
    expect((JSON.parse(st.stdout) as { sessions: unknown[] }).sessions).toEqual([]);
    expect(existsSync(join(root, "wingman", "tmux.sock"))).toBe(false);
  });

  it("a reading tool answers the same chat", async () => {
    const [reply] = await chatOver(
      { node: process.execPath, client, gateway: gateway!, env },
      "WM_TOOL wingman_status {}",
    );
    expect(reply).toMatchObject({ agentRan: true });
    const result = JSON.parse(toolResults().at(-1) ?? "{}") as { result?: { content: Array<{ text: string }> } };
    expect(result.result?.content[0]?.text).toContain("No Claude Code sessions yet");
  });

  it("the owner's `status` is answered in Telegram, without the assistant", async () => {
    const asked = model!.requests.length;
    const reply = await say("status", "No Claude Code sessions yet");
    expect(reply.body.reply_markup).toBeUndefined();
    expect(model!.requests.length, "the host's assistant was asked too").toBe(asked);
  });

  let noticeId = 0;
  let promptId = "";
  it("a real Claude Code dialog arrives as a sendMessage with Approve / Always / Deny buttons", async () => {
    const since = tg.calls.length;
    await say(`/wm spawn tg-build ${work} RUN_BASH touch approved-by-button`, "tg-build started");
    const notice = await promptNotice("tg-build", since);
    const s = await session("tg-build");
    expect(s?.state).toBe("waiting_approval");
    promptId = s!.pending!.id;
    const buttons = keyboard(notice);
    expect(buttons.map((b) => b.text)).toEqual(["Approve", "Always", "Deny"]);
    expect(buttons.map((b) => b.callback_data)).toEqual([
      `wm:approve:tg-build:${promptId}`,
      `wm:always:tg-build:${promptId}`,
      `wm:deny:tg-build:${promptId}`,
    ]);
    // Waiting reads as waiting at a glance (its first line), and the message is loud (not silent).
    expect(String(notice.body.text).split("\n")[0]).toContain("needs approval");
    expect(notice.body.disable_notification).toBeFalsy();
    noticeId = [...tg.messages.values()].find((m) => m.text === notice.body.text)!.message_id;
  });

  it("a stranger's press, a forged payload and a press naming another prompt are refused with nothing pressed", async () => {
    const before = tg.messages.get(noticeId)!.edits;
    tg.press(STRANGER, noticeId, `wm:approve:tg-build:${promptId}`);
    tg.press(OWNER, noticeId, "wm:approve:tg-build:;rm -rf");
    tg.press(OWNER, noticeId, `wm:approve:tg-build:${promptId === "2345" ? "2346" : "2345"}`);
    await tg.waitFor((c) => c.method === "answerCallbackQuery", STEP_MS);
    // Give the three presses time to go through the host (each is answered with answerCallbackQuery).
    for (const until = Date.now() + STEP_MS; tg.calls.filter((c) => c.method === "answerCallbackQuery").length < 3; ) {
      if (Date.now() > until) throw new Error("the host did not answer three callback queries");
      await new Promise((r) => setTimeout(r, 100));
    }
    // Each press ends in its own refusal line once Wingman has handled it (the host answers the query first):
    // wait for the three, not for a fixed time, then look at what they left.
    const refusals = [
      `telegram:${STRANGER} is not an owner`,
      `a payload Wingman did not write (telegram:${OWNER})`,
      `does not match the notification it came on (telegram:${OWNER})`,
    ];
    for (const until = Date.now() + STEP_MS; !refusals.every((r) => gateway!.log().includes(r)); ) {
      if (Date.now() > until || gateway!.log().includes(`came on (telegram:${STRANGER})`))
        throw new Error(
          `not every press was refused as expected; the gateway's log ends:\n${gateway!.log().slice(-3000)}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(tg.messages.get(noticeId)!.edits).toBe(before);
    expect(tg.messages.get(noticeId)!.keyboard.flat()).toHaveLength(3);
    expect((await session("tg-build"))?.pending?.id).toBe(promptId);
    expect(existsSync(join(work, "approved-by-button"))).toBe(false);
    expect(gateway!.log()).toContain(`telegram:${STRANGER} is not an owner`);
  });

  it("the owner's press approves: the command runs, the message is edited to the outcome and its buttons cleared", async () => {
    const since = tg.calls.length;
    tg.press(OWNER, noticeId, `wm:approve:tg-build:${promptId}`);
    const edit = await tg.waitFor(
      (c) => c.method === "editMessageText" && Number(c.body.message_id) === noticeId,
      STEP_MS,
      since,
    );
    expect(String(edit.body.text)).toMatch(/✓ approved by .+ at \d\d:\d\d/);
    expect(tg.messages.get(noticeId)!.keyboard.flat()).toEqual([]);
    const proof = join(work, "approved-by-button");
    for (const until = Date.now() + STEP_MS; !existsSync(proof) && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(proof)).toBe(true);
  });

  it("a replayed press on the answered prompt is refused and the message says what happened", async () => {
    const edits = tg.messages.get(noticeId)!.edits;
    const since = tg.calls.length;
    tg.press(OWNER, noticeId, `wm:approve:tg-build:${promptId}`);
    const edit = await tg.waitFor(
      (c) => c.method === "editMessageText" && Number(c.body.message_id) === noticeId,
      STEP_MS,
      since,
    );
    expect(tg.messages.get(noticeId)!.edits).toBe(edits + 1);
    expect(String(edit.body.text)).toContain(promptId);
    expect(String(edit.body.text)).not.toMatch(/✓ approved by .*\n\n✓ approved/);
    expect(tg.messages.get(noticeId)!.keyboard.flat()).toEqual([]);
  });

  it("a quoted reply `no use staging` denies the next prompt with that reason", async () => {
    for (const until = Date.now() + STEP_MS; (await session("tg-build"))?.state !== "idle" && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 250));
    const since = tg.calls.length;
    await say("/wm tell tg-build RUN_BASH touch denied-by-reply", "tg-build");
    const notice = await promptNotice("tg-build", since);
    const id = (await session("tg-build"))!.pending!.id;
    const msg = [...tg.messages.values()].find((m) => m.text === notice.body.text)!;
    const reply = await say("no use staging", "denied", msg.message_id);
    expect(String(reply.body.text)).toContain(`tg-build: denied`);
    expect(String(reply.body.text)).toContain("use staging");
    expect((await session("tg-build"))?.pending?.id ?? null).not.toBe(id);
    expect(existsSync(join(work, "denied-by-reply"))).toBe(false);
  });

  it("high risk: Approve… brings a Confirm message; the owner's Confirm approves and the command runs", async () => {
    for (const until = Date.now() + STEP_MS; (await session("tg-build"))?.state !== "idle" && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 250));
    await mkdir(join(work, "build-out"));
    const since = tg.calls.length;
    await say("/wm tell tg-build RUN_BASH rm -rf build-out", "tg-build");
    const notice = await promptNotice("tg-build", since);
    const id = (await session("tg-build"))!.pending!.id;
    expect(keyboard(notice).map((b) => b.text)).toEqual(["Approve…", "Deny"]);
    const msg = [...tg.messages.values()].find((m) => m.text === notice.body.text)!;
    const before = tg.calls.length;
    tg.press(OWNER, msg.message_id, `wm:approve:tg-build:${id}`);
    const confirm = await tg.waitFor((c) => sent(c) && keyboard(c).length > 0, STEP_MS, before);
    expect(String(confirm.body.text)).toContain("high risk");
    expect(keyboard(confirm).map((b) => [b.text, b.callback_data])).toEqual([["Confirm", `wm:confirm:tg-build:${id}`]]);
    // Nothing pressed yet: the dialog waits for Confirm.
    expect((await session("tg-build"))?.pending?.id).toBe(id);
    expect(existsSync(join(work, "build-out"))).toBe(true);
    const confirmMsg = [...tg.messages.values()].find((m) => m.text === confirm.body.text)!;
    const at = tg.calls.length;
    tg.press(OWNER, confirmMsg.message_id, `wm:confirm:tg-build:${id}`);
    const edit = await tg.waitFor(
      (c) => c.method === "editMessageText" && Number(c.body.message_id) === confirmMsg.message_id,
      STEP_MS,
      at,
    );
    expect(String(edit.body.text)).toMatch(/✓ approved by .+ at \d\d:\d\d/);
    for (const until = Date.now() + STEP_MS; existsSync(join(work, "build-out")) && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(join(work, "build-out"))).toBe(false);
  });

  it('"finished" reads differently at a glance and goes out silently', async () => {
    const done = await tg.waitFor((c) => sent(c) && String(c.body.text).includes("finished"), STEP_MS);
    expect(String(done.body.text).split("\n")[0]).toMatch(/^✅ .*tg-build.* finished\b/);
    expect(done.body.disable_notification).toBe(true);
    expect(done.body.reply_markup).toBeUndefined();
  });

  it("WhatsApp (a target, no phone linked): the real adapter gets the text, the failure is logged once and Telegram still gets everything", () => {
    const log = gateway!.log();
    const lines = log.split("\n").filter((l) => l.includes(`notification not delivered to whatsapp:${WHATSAPP_OWNER}`));
    expect(lines.length).toBe(1);
    expect(lines[0]).toContain("No active WhatsApp Web listener");
    expect(log).not.toContain("notification not delivered (try");
  });
});
