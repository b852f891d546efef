// The phone conversation's pure parts and its door logic over fakes of the host (the real host runs in
// test/host/openclaw-telegram.suite.ts): targets and their default order, button data, what a press may do,
// what a quoted reply means, and a notifier that keeps going when one channel fails.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Notification } from "../../src/api/notify.js";
import type { ActOutcome, RespondOutcome } from "../../src/api/outcomes.js";
import type { Actor, PendingPrompt, RespondRequest } from "../../src/api/types.js";
import type { RespondOptions } from "../../src/api/wingman-api.js";
import { resolveConfig } from "../../src/config.js";
import type { HostApi } from "../../src/doors/host/api-types.js";
import {
  ButtonPresses,
  CONFIRM_WINDOW_MS,
  callbackData,
  type Press,
  parsePayload,
  promptButtons,
} from "../../src/doors/host/buttons.js";
import { ChannelNotifier, NotDelivered } from "../../src/doors/host/notifier.js";
import { readQuoted } from "../../src/doors/host/quoted.js";
import { SentNotices } from "../../src/doors/host/sent-notices.js";
import { notifyTargets, parseTarget } from "../../src/doors/host/targets.js";
import { bash4, opt } from "../../devkit/prompts.js";

const pending = (over: Partial<PendingPrompt> = {}): PendingPrompt => ({
  ...bash4,
  id: "7f3k",
  fingerprint: "fp",
  since: "2026-12-03T10:00:00Z",
  risk: "low",
  riskReasons: [],
  ...over,
});
const notice = (over: Partial<Notification> = {}): Notification => ({
  type: "approval_needed",
  session: "vsr",
  at: "2026-12-03T10:00:00Z",
  text: "🔒 vsr needs approval",
  pending: pending(),
  ...over,
});
const registry = (lastOwner?: string) => ({ readRegistry: async () => ({ lastOwner }) as never });

describe("notification targets", () => {
  it('parses "<channel>:<id>" with an optional "@<account>"', () => {
    expect(parseTarget("telegram:123456789")).toEqual({ channel: "telegram", to: "123456789" });
    expect(parseTarget("telegram:123@work")).toEqual({ channel: "telegram", to: "123", accountId: "work" });
    expect(parseTarget("whatsapp:+1 555 000 1111")).toEqual({ channel: "whatsapp", to: "+15550001111" });
    expect(parseTarget("WhatsApp:15550001111@s.whatsapp.net")).toEqual({ channel: "whatsapp", to: "+15550001111" });
    expect(parseTarget("telegram:tg:42")).toEqual({ channel: "telegram", to: "42" });
    expect(parseTarget("+15550001111")).toBeNull();
    expect(parseTarget("telegram:")).toBeNull();
  });

  it("notify.targets wins as written; lists are never merged", async () => {
    const config = resolveConfig({ notify: { targets: ["telegram:1", "slack:U2@ops"], to: "+15550001111" } }, {});
    expect(await notifyTargets({}, config, registry("telegram:9"))).toEqual([
      { channel: "telegram", to: "1" },
      { channel: "slack", to: "U2", accountId: "ops" },
    ]);
  });

  it("then notify.to (WhatsApp, with notify.accountId)", async () => {
    const config = resolveConfig(
      { notify: { to: "+1 555 000 1111", accountId: "biz" }, approvers: ["telegram:5"] },
      {},
    );
    expect(await notifyTargets({}, config, registry())).toEqual([
      { channel: "whatsapp", to: "+15550001111", accountId: "biz" },
    ]);
  });

  it("then the owner who last wrote, on any channel, only while still an owner", async () => {
    const config = resolveConfig({ approvers: ["whatsapp:+15550001111", "telegram:5"] }, {});
    expect(await notifyTargets({}, config, registry("telegram:5"))).toEqual([{ channel: "telegram", to: "5" }]);
    expect(await notifyTargets({}, config, registry("telegram:6"))).toEqual([
      { channel: "whatsapp", to: "+15550001111" },
    ]);
  });

  it("then the first approver, before the host's allowFrom; never '*' and never a local channel", async () => {
    const host = { channels: { whatsapp: { allowFrom: ["*", "+15559990000"] } } };
    expect(
      await notifyTargets({ config: host }, resolveConfig({ approvers: ["webchat:gw", "telegram:5"] }, {}), registry()),
    ).toEqual([{ channel: "telegram", to: "5" }]);
    expect(await notifyTargets({ config: host }, resolveConfig({}, {}), registry())).toEqual([
      { channel: "whatsapp", to: "+15559990000" },
    ]);
    expect(
      await notifyTargets(
        { config: { channels: { telegram: { allowFrom: ["*"] } } } },
        resolveConfig({}, {}),
        registry(),
      ),
    ).toEqual([]);
  });
});

describe("button data", () => {
  it("is wm:<action>:<name>:<id>, at most 64 bytes for the longest name", () => {
    expect(callbackData("approve", "vsr", "7f3k")).toBe("wm:approve:vsr:7f3k");
    expect(Buffer.byteLength(callbackData("confirm", "a".repeat(32), "7f3k"))).toBeLessThanOrEqual(64);
    expect(parsePayload("approve:vsr:7f3k")).toEqual({ action: "approve", session: "vsr", id: "7f3k" });
  });

  it("refuses every payload Wingman did not write", () => {
    for (const bad of [
      "approve:vsr",
      "approve:vsr:7f3k:x",
      "rm:vsr:7f3k",
      "approve:VSR:7f3k",
      "approve:vsr:7f3!",
      "approve:vsr:7f3k ",
      "approve:../x:7f3k",
      "",
    ])
      expect(parsePayload(bad), bad).toBeNull();
  });

  it("Approve / Always / Deny on a prompt; Always only when offered; high risk: Approve… and no Always", () => {
    expect(promptButtons(notice())?.map((b) => b.label)).toEqual(["Approve", "Always", "Deny"]);
    const noAlways = pending({ options: bash4.options.filter((o) => o.role !== "always") });
    expect(promptButtons(notice({ pending: noAlways }))?.map((b) => b.label)).toEqual(["Approve", "Deny"]);
    expect(promptButtons(notice({ pending: pending({ risk: "high" }) }))?.map((b) => b.label)).toEqual([
      "Approve…",
      "Deny",
    ]);
  });

  it("no buttons before the options are drawn, on questions, or on other notifications", () => {
    expect(promptButtons(notice({ pending: pending({ optionsPending: true }) }))).toBeNull();
    expect(promptButtons(notice({ type: "question", pending: pending({ kind: "question" }) }))).toBeNull();
    expect(promptButtons(notice({ type: "finished", pending: undefined }))).toBeNull();
  });
});

describe("a button press", () => {
  let dir: string;
  let sent: SentNotices;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-press-"));
    sent = new SentNotices(dir);
    await sent.add({
      channel: "telegram",
      to: "123",
      messageId: "502",
      type: "approval_needed",
      session: "vsr",
      promptId: "7f3k",
      at: "x",
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function rig(
    answer: (r: RespondRequest, a: Actor, o?: RespondOptions) => ActOutcome | Promise<ActOutcome>,
    now = { t: 1_000_000 },
  ) {
    const asked: Array<{ req: RespondRequest; actor: Actor }> = [];
    const edits: string[] = [];
    const replies: Array<{ text: string; buttons: string[] }> = [];
    const warnings: string[] = [];
    const presses = new ButtonPresses({
      wingman: () => ({
        respond: async (req: RespondRequest, actor: Actor, o?: RespondOptions) => {
          asked.push({ req, actor });
          return (await answer(req, actor, o)) as never;
        },
      }),
      sent: () => sent,
      hostConfig: () => undefined,
      config: resolveConfig({ approvers: ["telegram:123"] }, {}),
      log: { info() {}, warn: (m) => warnings.push(m), error() {} },
      now: () => now.t,
    });
    const press = (payload: string, senderId = "123", messageId = "502"): Press => ({
      channel: "telegram",
      senderId,
      hostAuthorized: true,
      payload,
      messageId,
      chatId: "123",
      messageText: "🔒 vsr needs approval",
      edit: async (text) => {
        edits.push(text);
      },
      reply: async (text, buttons) => {
        replies.push({ text, buttons: buttons.map((b) => b.value) });
      },
    });
    return { presses, press, asked, edits, replies, warnings, now };
  }
  const approved: ActOutcome = {
    ok: true,
    code: "approved",
    facts: { session: "vsr", prompt: pending(), option: "Yes" },
  };

  it("the owner's press answers through respond with the message's prompt id; the message is edited", async () => {
    const r = rig(() => approved);
    await r.presses.handle(r.press("approve:vsr:7f3k"));
    expect(r.asked).toEqual([
      {
        req: { session: "vsr", action: "approve", id: "7f3k" },
        actor: { id: "telegram:123", channel: "telegram", authorized: true },
      },
    ]);
    expect(r.edits[0]).toMatch(/^🔒 vsr needs approval\n\n✓ approved by telegram:123 at \d\d:\d\d$/);
  });

  it("the edit goes out when the core reports the dialog closed, before respond returns, and only once", async () => {
    let editsWhenAnswered = -1;
    let editsBeforeReturn = -1;
    const r = rig(async (_q, _a, o) => {
      o?.answered?.(approved as RespondOutcome);
      await new Promise((ok) => setTimeout(ok, 20)); // the core writing its records
      editsBeforeReturn = r.edits.length;
      return approved;
    });
    await r.presses.handle(r.press("approve:vsr:7f3k"));
    editsWhenAnswered = r.edits.length;
    expect(editsBeforeReturn).toBe(1);
    expect(editsWhenAnswered).toBe(1);
    expect(r.edits[0]).toMatch(/^🔒 vsr needs approval\n\n✓ approved by telegram:123 at \d\d:\d\d$/);
  });

  it("a press that does not match the prompt its message was sent for never reaches the core", async () => {
    const r = rig(() => approved);
    await r.presses.handle(r.press("approve:vsr:2222"));
    await r.presses.handle(r.press("approve:other:7f3k"));
    await r.presses.handle(r.press("approve:vsr:7f3k", "123", "999"));
    await r.presses.handle(r.press("approve;rm -rf /"));
    expect(r.asked).toEqual([]);
    expect(r.edits).toEqual([]);
    expect(r.warnings).toHaveLength(4);
  });

  it("a stranger's press goes to the core as a stranger and leaves the message as it is", async () => {
    const r = rig((_q, a) => ({
      ok: false,
      error: "not_owner",
      facts: { why: "not_owner", actor: a.id, deed: "answer prompts" },
    }));
    await r.presses.handle(r.press("approve:vsr:7f3k", "456"));
    expect(r.asked[0]?.actor).toEqual({ id: "telegram:456", channel: "telegram", authorized: false });
    expect(r.edits).toEqual([]);
    expect(r.replies).toEqual([]);
  });

  it("a stale press edits the message to what happened and clears its buttons", async () => {
    const r = rig(() => ({
      ok: false,
      error: "stale_id",
      facts: { why: "answered_already", session: "vsr", id: "7f3k", state: "idle" },
    }));
    await r.presses.handle(r.press("approve:vsr:7f3k"));
    expect(r.edits[0]).toContain("7f3k");
    expect(r.edits[0]).not.toContain("✓ approved");
  });

  const high = pending({ risk: "high", riskReasons: ["deletes files"] });
  const needsConfirm = (q: RespondRequest): ActOutcome =>
    q.confirm
      ? ({ ...approved, facts: { ...approved.facts, prompt: high } } as ActOutcome)
      : { ok: false, error: "needs_confirm", facts: { why: "needs_confirm", session: "vsr", pending: high } };

  it("high risk: Approve… brings a Confirm message; the same person's Confirm within 2 minutes approves, once", async () => {
    const r = rig(needsConfirm);
    await r.presses.handle(r.press("approve:vsr:7f3k"));
    expect(r.replies).toEqual([{ text: expect.stringContaining("deletes files"), buttons: ["wm:confirm:vsr:7f3k"] }]);
    r.now.t += CONFIRM_WINDOW_MS - 1000;
    await r.presses.handle(r.press("confirm:vsr:7f3k", "123", "503"));
    expect(r.asked.at(-1)?.req).toEqual({ session: "vsr", action: "approve", id: "7f3k", confirm: true });
    expect(r.edits.at(-1)).toMatch(/✓ approved by telegram:123/);
    // Replayed: the first press was used up.
    const n = r.asked.length;
    await r.presses.handle(r.press("confirm:vsr:7f3k", "123", "503"));
    expect(r.asked).toHaveLength(n);
    expect(r.edits.at(-1)).toContain("press Approve… again");
  });

  it("a Confirm without a first press, after 2 minutes, or by someone else presses nothing", async () => {
    const r = rig(needsConfirm);
    await r.presses.handle(r.press("confirm:vsr:7f3k"));
    await r.presses.handle(r.press("approve:vsr:7f3k"));
    await r.presses.handle(r.press("confirm:vsr:7f3k", "456", "503"));
    r.now.t += CONFIRM_WINDOW_MS + 1;
    await r.presses.handle(r.press("confirm:vsr:7f3k", "123", "503"));
    expect(r.asked.filter((a) => a.req.confirm)).toEqual([]);
  });
});

describe("a quoted reply", () => {
  const n = {
    channel: "telegram",
    to: "123",
    messageId: "502",
    type: "approval_needed" as const,
    session: "vsr",
    promptId: "7f3k",
    at: "x",
  };
  const intent = (t: string, kind: "prompt" | "question" | null = "prompt") => readQuoted(n, t, kind, false);

  it("yes|ok|approve|1 approves, `yes confirm` confirms, always|2, no|deny|3 [REASON…]", () => {
    for (const t of ["yes", "OK", "approve", "1", "y"])
      expect(intent(t)).toEqual({ intent: { verb: "approve", session: "vsr", id: "7f3k", confirm: false } });
    expect(intent("yes confirm")).toEqual({ intent: { verb: "approve", session: "vsr", id: "7f3k", confirm: true } });
    for (const t of ["always", "2"])
      expect(intent(t)).toEqual({ intent: { verb: "always", session: "vsr", id: "7f3k" } });
    for (const t of ["no", "deny", "3"])
      expect(intent(t)).toEqual({ intent: { verb: "deny", session: "vsr", id: "7f3k" } });
    expect(intent("no use staging")).toEqual({
      intent: { verb: "deny", session: "vsr", id: "7f3k", reason: "use staging" },
    });
    expect(intent("No, use the staging db")).toEqual({
      intent: { verb: "deny", session: "vsr", id: "7f3k", reason: "use the staging db" },
    });
  });

  it("digits are the option numbers as displayed (Claude Code's four options: 3 is auto mode, 4 is No)", () => {
    const four = bash4.options;
    const read = (t: string) => readQuoted(n, t, "prompt", false, four);
    expect(read("1")).toEqual({ intent: { verb: "approve", session: "vsr", id: "7f3k", confirm: false } });
    expect(read("1 confirm")).toEqual({ intent: { verb: "approve", session: "vsr", id: "7f3k", confirm: true } });
    expect(read("2")).toEqual({ intent: { verb: "always", session: "vsr", id: "7f3k" } });
    expect(read("3")).toHaveProperty("hint"); // "switch to auto mode": no answer picks it
    expect(read("4 use staging")).toEqual({
      intent: { verb: "deny", session: "vsr", id: "7f3k", reason: "use staging" },
    });
    expect(read("5")).toHaveProperty("hint");
    // OpenCode draws no numbers: Wingman's 1..n (Allow once, Allow always, Reject).
    const unnumbered = [
      opt(null, "Allow once", "once"),
      opt(null, "Allow always", "always"),
      opt(null, "Reject", "no"),
    ];
    expect(readQuoted(n, "3", "prompt", false, unnumbered)).toEqual({
      intent: { verb: "deny", session: "vsr", id: "7f3k" },
    });
  });

  it("other words get a hint, not an answer ('yes please' is not 'yes')", () => {
    expect(intent("yes please")).toHaveProperty("hint");
    expect(intent("nothing")).toHaveProperty("hint");
  });

  it("to a question: option numbers or a label", () => {
    expect(intent("2", "question")).toEqual({
      intent: { verb: "answer", session: "vsr", id: "7f3k", choices: ["2"], text: "2" },
    });
    expect(intent("Postgres", "question")).toEqual({
      intent: { verb: "answer", session: "vsr", id: "7f3k", choices: null, text: "Postgres" },
    });
  });

  it("to a finished notification: a follow-up", () => {
    expect(readQuoted({ ...n, type: "finished", promptId: undefined }, "now run the tests", null, false)).toEqual({
      intent: { verb: "tell", session: "vsr", text: "now run the tests", force: false },
    });
  });
});

describe("the channel notifier", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-notifier-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function openclaw(failing: Set<string>) {
    const sends: Array<{ channel: string; how: string; args: Record<string, unknown> }> = [];
    let id = 100;
    const adapter = (channel: string, buttons: boolean) => ({
      presentationCapabilities: { buttons },
      sendText: async (args: Record<string, unknown>) => {
        if (failing.has(channel)) throw new Error(`${channel} is down`);
        sends.push({ channel, how: "text", args });
        return { messageId: String(id++) };
      },
      sendPayload: async (args: Record<string, unknown>) => {
        sends.push({ channel, how: "payload", args });
        return { messageId: String(id++) };
      },
    });
    const api: HostApi = {
      runtime: {
        channel: {
          outbound: {
            loadAdapter: (c) =>
              c === "telegram" ? adapter("telegram", true) : c === "whatsapp" ? adapter("whatsapp", false) : undefined,
          },
        },
      },
    };
    return { api, sends };
  }

  it("sends to every target; one failing channel is logged once, kept for retry, and never blocks the others", async () => {
    const failing = new Set(["whatsapp"]);
    const { api, sends } = openclaw(failing);
    const warnings: string[] = [];
    const sent = new SentNotices(dir);
    const config = resolveConfig(
      { notify: { targets: ["whatsapp:+15550001111", "telegram:123", "signal:+1555"] } },
      {},
    );
    const notifier = new ChannelNotifier(api, config, registry(), () => sent, {
      info() {},
      warn: (m) => warnings.push(m),
      error() {},
    });
    const n = notice();
    await expect(notifier.send(n)).rejects.toBeInstanceOf(NotDelivered);
    expect(sends.map((s) => `${s.channel}:${s.how}`)).toEqual(["telegram:payload"]);
    expect(sends[0]!.args).toMatchObject({
      to: "123",
      payload: {
        presentation: {
          blocks: [
            {
              type: "buttons",
              buttons: [{ label: "Approve", value: "wm:approve:vsr:7f3k" }, { label: "Always" }, { label: "Deny" }],
            },
          ],
        },
      },
    });
    await expect(notifier.send(n)).rejects.toBeInstanceOf(NotDelivered);
    expect(warnings.filter((w) => w.includes("whatsapp:+15550001111"))).toHaveLength(1);
    expect(warnings.filter((w) => w.includes("signal:+1555"))).toHaveLength(1);
    // The retry went only to the targets still missing: Telegram got it once.
    failing.clear();
    await expect(notifier.send(n)).rejects.toBeInstanceOf(NotDelivered); // signal has no adapter at all
    expect(sends.map((s) => `${s.channel}:${s.how}`)).toEqual(["telegram:payload", "whatsapp:text"]);
    expect(await sent.find("telegram", "100", "123")).toMatchObject({ session: "vsr", promptId: "7f3k" });
    expect(await sent.find("whatsapp", "101", "15550001111@s.whatsapp.net")).toMatchObject({ promptId: "7f3k" });
    expect(await sent.find("telegram", "100", "999")).toBeUndefined();
  });

  it("a lookup made while a send is under way waits for it, so an early press finds its message", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let delivered: () => void = () => {};
    const inChannel = new Promise<void>((r) => {
      delivered = r;
    });
    // The channel has delivered the message; its reply (the message id) is still on its way to the gateway.
    const api: HostApi = {
      runtime: {
        channel: {
          outbound: {
            loadAdapter: () => ({
              presentationCapabilities: { buttons: true },
              sendPayload: async () => {
                delivered();
                await gate;
                return { messageId: "300" };
              },
            }),
          },
        },
      },
    };
    const sent = new SentNotices(dir);
    const config = resolveConfig({ notify: { targets: ["telegram:123"] } }, {});
    const notifier = new ChannelNotifier(api, config, registry(), () => sent, { info() {}, warn() {}, error() {} });
    const sending = notifier.send(notice());
    await inChannel;
    const press = sent.find("telegram", "300", "123");
    const unrelated = sent.find("telegram", "999", "123");
    let answered = false;
    void press.then(() => {
      answered = true;
    });
    // Time for a lookup that did not wait to come back empty (it reads one small file).
    await new Promise((r) => setTimeout(r, 200));
    expect(answered, "the lookup came back before the send it waits for had ended").toBe(false);
    release();
    await sending;
    expect(await press).toMatchObject({ session: "vsr", promptId: "7f3k" });
    expect(await unrelated).toBeUndefined();
  });

  it("a lookup waits for a send under way no longer than its bound, and not at all with none", async () => {
    const sent = new SentNotices(dir, 200);
    const never = new Promise<void>(() => {});
    void sent.sending(never);
    const started = Date.now();
    expect(await sent.find("telegram", "4242", "123")).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    const idle = new SentNotices(dir, 60_000);
    expect(await idle.find("telegram", "4242", "123")).toBeUndefined();
  });

  it('"finished" goes out silently, and with no buttons', async () => {
    const { api, sends } = openclaw(new Set());
    const config = resolveConfig({ notify: { targets: ["telegram:123"] } }, {});
    const notifier = new ChannelNotifier(api, config, registry(), () => new SentNotices(dir), {
      info() {},
      warn() {},
      error() {},
    });
    await notifier.send(notice({ type: "finished", pending: undefined, text: "✅ vsr finished" }));
    await notifier.send(notice());
    expect(sends.map((s) => [s.how, s.args.silent])).toEqual([
      ["text", true],
      ["payload", undefined],
    ]);
  });

  it("clawdbot: the runtime's per-channel send function, text only", async () => {
    const calls: unknown[][] = [];
    const api: HostApi = {
      runtime: {
        channel: {
          telegram: {
            sendMessageTelegram: async (...a: unknown[]) => {
              calls.push(a);
              return { messageId: "77", chatId: "123" };
            },
          },
        },
      },
    };
    const sent = new SentNotices(dir);
    const config = resolveConfig({ notify: { targets: ["telegram:123@work"] } }, {});
    await new ChannelNotifier(api, config, registry(), () => sent, { info() {}, warn() {}, error() {} }).send(notice());
    expect(calls).toEqual([["123", "🔒 vsr needs approval", { verbose: false, accountId: "work" }]]);
    expect(await sent.find("telegram", "77", "123")).toMatchObject({ promptId: "7f3k" });
  });
});
