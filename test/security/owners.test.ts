// Only owners answer, on every door. An owner is a (channel, id) pair: the host's `channels.<ch>.allowFrom`
// (minus "*") for that channel only, the plugin's `approvers` written "<channel>:<id>", and the host's local
// chat (`localChannels`, default webchat) only while no owner is configured at all. The host's own flag
// (a command's isAuthorizedSender, a tool context's senderIsOwner) is required where the host gives it and is
// never enough alone. Read as a table: channel × sender × config → owner or not.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveConfig, type WingmanConfigInput } from "../../src/config.js";
import type { Actor, PendingPrompt, SessionView } from "../../src/api/types.js";
import { createWingman, type Wingman } from "../../src/core/wingman.js";
import type { HostApi, HostConfig, HostTool, ToolResult } from "../../src/doors/host/api-types.js";
import { notifyTargets } from "../../src/doors/host/targets.js";
import { actorFor, isOwner } from "../../src/doors/host/owners.js";
import { buildTools, TOOL_NAMES } from "../../src/doors/host/tools.js";
import plugin from "../../src/index.js";
import { STANDIN } from "../../devkit/temp-wingman.js";

const run = promisify(execFile);

const OWNER = "+15550001111";
const STRANGER = "+15550009999";
const WA = { channels: { whatsapp: { allowFrom: [OWNER] } } };

type Row = [
  what: string,
  sender: string | undefined,
  channel: string | undefined,
  host: HostConfig,
  config: WingmanConfigInput,
  owner: boolean,
];

const matrix: Row[] = [
  // WhatsApp owners, in every spelling the hosts use
  ["the WhatsApp owner on WhatsApp", OWNER, "whatsapp", WA, {}, true],
  ["the WhatsApp owner as a JID", "15550001111@s.whatsapp.net", "whatsapp", WA, {}, true],
  ["the WhatsApp owner as a device JID", "15550001111:12@s.whatsapp.net", "whatsapp", WA, {}, true],
  ["the WhatsApp owner with a whatsapp: prefix", `whatsapp:${OWNER}`, "whatsapp", WA, {}, true],
  [
    "the WhatsApp owner written with spaces in allowFrom",
    OWNER,
    "whatsapp",
    { channels: { whatsapp: { allowFrom: ["+1 555 000 1111"] } } },
    {},
    true,
  ],
  ["another WhatsApp number", STRANGER, "whatsapp", WA, {}, false],
  ["a WhatsApp @lid id", "123456789012345@lid", "whatsapp", WA, {}, false],
  ["a WhatsApp sender with no id", undefined, "whatsapp", WA, {}, false],
  ["WhatsApp channel name in capitals", OWNER, "WhatsApp", WA, {}, true],
  // an allowFrom counts for its own channel only
  ["the WhatsApp owner's number on Telegram", OWNER, "telegram", WA, {}, false],
  ["the WhatsApp owner's number on Signal", OWNER, "signal", WA, {}, false],
  ["the WhatsApp owner's number on SMS", OWNER, "sms", WA, {}, false],
  ["the WhatsApp owner's number on webchat", OWNER, "webchat", WA, {}, false],
  [
    "a Telegram allowFrom id on Telegram",
    "123456789",
    "telegram",
    { channels: { telegram: { allowFrom: ["123456789"] } } },
    {},
    true,
  ],
  [
    "a Telegram allowFrom id written tg:",
    "123456789",
    "telegram",
    { channels: { telegram: { allowFrom: ["tg:123456789"] } } },
    {},
    true,
  ],
  [
    "a Telegram allowFrom id given as a number",
    "123456789",
    "telegram",
    { channels: { telegram: { allowFrom: [123456789] } } },
    {},
    true,
  ],
  [
    "a Telegram sender id with a telegram: prefix",
    "telegram:123456789",
    "telegram",
    { channels: { telegram: { allowFrom: ["123456789"] } } },
    {},
    true,
  ],
  ["another Telegram id", "987654321", "telegram", { channels: { telegram: { allowFrom: ["123456789"] } } }, {}, false],
  [
    "a Telegram allowFrom id on Discord",
    "123456789",
    "discord",
    { channels: { telegram: { allowFrom: ["123456789"] } } },
    {},
    false,
  ],
  [
    "a Signal number in any spelling",
    "+1 (555) 000-1111",
    "signal",
    { channels: { signal: { allowFrom: [OWNER] } } },
    {},
    true,
  ],
  [
    "a Signal uuid",
    "uuid:0b1c2d3e-aaaa-bbbb-cccc-111122223333",
    "signal",
    { channels: { signal: { allowFrom: ["uuid:0b1c2d3e-aaaa-bbbb-cccc-111122223333"] } } },
    {},
    true,
  ],
  [
    "a Discord id compared exactly (trimmed)",
    "1234567890123",
    "discord",
    { channels: { discord: { allowFrom: [" 1234567890123 "] } } },
    {},
    true,
  ],
  [
    "a Discord id that only shares digits",
    "12345678901234",
    "discord",
    { channels: { discord: { allowFrom: ["1234567890123"] } } },
    {},
    false,
  ],
  // "*" lets anyone chat with the assistant; it never makes anyone an owner
  [
    'anyone on WhatsApp under allowFrom ["*"]',
    STRANGER,
    "whatsapp",
    { channels: { whatsapp: { allowFrom: ["*"] } } },
    {},
    false,
  ],
  // approvers: "<channel>:<id>"; a bare number is WhatsApp
  [
    "an approver whatsapp:+… on WhatsApp",
    "+442079460000",
    "whatsapp",
    {},
    { approvers: ["whatsapp:+442079460000"] },
    true,
  ],
  [
    "an approver with the channel in capitals",
    "+442079460000",
    "whatsapp",
    {},
    { approvers: ["WhatsApp:+44 20 7946 0000"] },
    true,
  ],
  ["a bare-number approver on WhatsApp", "+442079460000", "whatsapp", {}, { approvers: ["+44 20 7946 0000"] }, true],
  ["a bare-number approver on Signal", "+442079460000", "signal", {}, { approvers: ["+44 20 7946 0000"] }, false],
  [
    "an approver whatsapp:+… on Telegram",
    "+442079460000",
    "telegram",
    {},
    { approvers: ["whatsapp:+442079460000"] },
    false,
  ],
  ["an approver telegram:… on Telegram", "555", "telegram", {}, { approvers: ["telegram:555"] }, true],
  ["an approver telegram:… on WhatsApp", "555", "whatsapp", {}, { approvers: ["telegram:555"] }, false],
  [
    "an approver webchat:… on webchat while an owner is configured",
    "gateway-client",
    "webchat",
    WA,
    { approvers: ["webchat:gateway-client"] },
    true,
  ],
  // the host's local chat: an owner only while no owner is configured at all
  ["webchat with no owner configured", "gateway-client", "webchat", {}, {}, true],
  ["webchat with no sender id and no owner configured", undefined, "webchat", {}, {}, true],
  [
    'webchat under allowFrom ["*"] only (still no owner)',
    "gateway-client",
    "webchat",
    { channels: { whatsapp: { allowFrom: ["*"] } } },
    {},
    true,
  ],
  ["webchat once a WhatsApp owner is configured", "gateway-client", "webchat", WA, {}, false],
  ["webchat once an approver is configured", "gateway-client", "webchat", {}, { approvers: ["telegram:555"] }, false],
  ["webchat when localChannels is empty", "gateway-client", "webchat", {}, { localChannels: [] }, false],
  [
    "a plugin channel listed in localChannels, no owner",
    "me",
    "mychat",
    {},
    { localChannels: ["webchat", "mychat"] },
    true,
  ],
  // every other channel is not an owner by default
  ["Google Chat with no owner configured", "users/123", "googlechat", {}, {}, false],
  ["IRC with no owner configured", "nick", "irc", {}, {}, false],
  ["a plugin channel with no owner configured", "me", "mychat", {}, {}, false],
  ["WhatsApp with no owner configured", OWNER, "whatsapp", {}, {}, false],
  ["no channel at all, no owner configured", "x", undefined, {}, {}, false],
  ["an empty channel, no owner configured", "x", "", {}, {}, false],
];

describe("the owner matrix: channel × sender × config", () => {
  for (const [what, sender, channel, host, input, owner] of matrix) {
    it(`${owner ? "owner" : "NOT an owner"}: ${what}`, () => {
      expect(isOwner(sender, channel, host, resolveConfig(input, {}))).toBe(owner);
    });
  }
});

describe("the host's flag is required where given, never enough alone", () => {
  const everyone = { channels: { whatsapp: { allowFrom: ["*"] } } };
  const config = resolveConfig({ approvers: [`whatsapp:${OWNER}`] }, {});
  const rows: Array<[string, string, boolean | undefined, boolean]> = [
    ['a stranger the host authorizes under allowFrom ["*"]', STRANGER, true, false],
    ["the owner the host authorizes", OWNER, true, true],
    ["the owner where the host gives no flag (plain text)", OWNER, undefined, true],
    ["the owner the host does not authorize", OWNER, false, false],
  ];
  for (const [what, sender, hostAuthorized, authorized] of rows) {
    it(`${authorized ? "authorized" : "refused"}: ${what}`, () => {
      expect(actorFor({ senderId: sender, channel: "whatsapp", hostAuthorized }, everyone, config).authorized).toBe(
        authorized,
      );
    });
  }
});

describe("approvers in the config", () => {
  it("accepts <channel>:<id> and bare numbers; refuses an entry that names no channel", () => {
    expect(() =>
      resolveConfig({ approvers: ["whatsapp:+15551234567", "telegram:123", "+1 555 123 4567", "signal:uuid:abc"] }, {}),
    ).not.toThrow();
    expect(() => resolveConfig({ approvers: ["alice"] }, {})).toThrow(/approvers/);
  });

  it("localChannels defaults to webchat and toolAccess to owner", () => {
    const c = resolveConfig({}, {});
    expect(c.localChannels).toEqual(["webchat"]);
    expect(c.toolAccess).toBe("owner");
    expect(() => resolveConfig({ toolAccess: "everyone" }, {})).toThrow(/toolAccess/);
  });
});

describe("a stranger never becomes the notification target", () => {
  let dir: string;
  let w: Wingman;
  const everyone = { channels: { whatsapp: { allowFrom: ["*"] } } };
  const config = resolveConfig({ approvers: [`whatsapp:${OWNER}`] }, {});

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-owners-"));
    w = createWingman({ config: resolveConfig({ stateDir: dir }, {}), stateDir: dir });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a non-owner WhatsApp sender the host authorizes (allowFrom ["*"]) is not recorded as the last owner', async () => {
    const stranger = actorFor({ senderId: STRANGER, channel: "whatsapp", hostAuthorized: true }, everyone, config);
    await w.markShown(stranger, [{ session: "vsr", id: "7f3k" }]);
    expect((await w.readRegistry()).lastOwner).toBeUndefined();
    expect(await notifyTargets({ config: everyone }, config, w)).toEqual([{ channel: "whatsapp", to: OWNER }]);
  });

  it("an owner seen in chat becomes the target", async () => {
    const owner = actorFor(
      { senderId: `${OWNER.slice(1)}@s.whatsapp.net`, channel: "whatsapp", hostAuthorized: true },
      everyone,
      config,
    );
    await w.markShown(owner, [{ session: "vsr", id: "7f3k" }]);
    expect((await w.readRegistry()).lastOwner).toBe(`whatsapp:${OWNER}`);
    expect(await notifyTargets({ config: everyone }, config, w)).toEqual([{ channel: "whatsapp", to: OWNER }]);
  });

  it("a last owner recorded earlier (older version, or removed from the owners since) is not used", async () => {
    await w.updateRegistry((d) => {
      d.lastOwner = `whatsapp:${STRANGER}`;
    });
    expect(await notifyTargets({ config: everyone }, config, w)).toEqual([{ channel: "whatsapp", to: OWNER }]);
    expect(
      await notifyTargets({ config: { channels: { whatsapp: { allowFrom: ["*"] } } } }, resolveConfig({}, {}), w),
    ).toEqual([]);
  });
});

// The assistant's tools, registered as the hosts register them: one factory, called per run with the host's
// context. Over a real core in a throwaway state dir, with the stand-in agent as the command, so a tool that
// got through would really start a tmux session.
describe("the tool door (factory registered through register(api))", () => {
  let dir: string;
  let work: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-tooldoor-"));
    work = await mkdtemp(join(tmpdir(), "wm-tooldoor-work-"));
  });
  afterAll(async () => {
    await run("tmux", ["-S", join(dir, "tmux.sock"), "kill-server"]).catch(() => {});
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    await rm(work, { recursive: true, force: true });
  });

  function registered(host: HostConfig, input: WingmanConfigInput = {}) {
    const calls: Array<{ tool: unknown; opts: Record<string, unknown> | undefined }> = [];
    const warnings: string[] = [];
    const api: HostApi = {
      config: host,
      pluginConfig: { stateDir: dir, claude: { command: STANDIN }, ...input },
      logger: { info() {}, warn: (m) => warnings.push(m), error() {} },
      registerTool: (tool, opts) => calls.push({ tool, opts }),
    };
    plugin.register(api);
    // What the host does with each registration: a factory is called with the run's context, a plain tool is used as is.
    const toolsFor = (ctx: Record<string, unknown>): Record<string, HostTool> => {
      const made = calls.flatMap(({ tool }) =>
        typeof tool === "function"
          ? ((tool as (c: Record<string, unknown>) => HostTool | HostTool[] | null)(ctx) ?? [])
          : (tool as HostTool),
      );
      return Object.fromEntries(made.map((t) => [t.name, t]));
    };
    return { calls, warnings, toolsFor };
  }

  const code = (r: ToolResult) => (r.details as { error?: { code?: string } }).error?.code;
  const text = (r: ToolResult) => r.content.map((c) => c.text).join("");
  async function sessions(): Promise<string[]> {
    const w = createWingman({ config: resolveConfig({ stateDir: dir }, {}), stateDir: dir });
    return Object.keys((await w.readRegistry()).sessions);
  }

  const everyone = { channels: { whatsapp: { allowFrom: ["*"] } } };
  const ownerCfg = { approvers: [`whatsapp:${OWNER}`] };
  // OpenClaw 2026.9.6's factory context (OpenClawPluginToolContext): requesterSenderId, senderIsOwner, messageChannel.
  const ownerCtx = { messageChannel: "whatsapp", requesterSenderId: OWNER, senderIsOwner: true };
  const strangerCtx = { messageChannel: "whatsapp", requesterSenderId: STRANGER, senderIsOwner: true };
  // clawdbot 2026.1.24's factory context: no sender at all.
  const clawdbotCtx = { config: {}, messageChannel: "whatsapp", sandboxed: false };

  it("registers one factory for all six tools, with their names", () => {
    const { calls } = registered(WA);
    expect(calls).toHaveLength(1);
    expect(typeof calls[0]!.tool).toBe("function");
    expect(calls[0]!.opts).toMatchObject({ names: [...TOOL_NAMES] });
  });

  it('a stranger (the host calls everyone authorized under allowFrom ["*"]) cannot spawn: not_owner, no session started', async () => {
    const { toolsFor } = registered(everyone, ownerCfg);
    const r = await toolsFor(strangerCtx).wingman_spawn!.execute("c1", {
      session: "tool-stranger",
      workdir: work,
      prompt: "hello",
    });
    expect(code(r)).toBe("not_owner");
    expect(text(r)).toMatch(/^✗/);
    expect(await sessions()).not.toContain("tool-stranger");
  });

  it("a stranger cannot respond, send or kill either; reading tools still answer", async () => {
    const tools = registered(everyone, ownerCfg).toolsFor(strangerCtx);
    expect(code(await tools.wingman_respond!.execute("c2", { session: "vsr", action: "approve", id: "7f3k" }))).toBe(
      "not_owner",
    );
    expect(code(await tools.wingman_send!.execute("c3", { session: "vsr", text: "go" }))).toBe("not_owner");
    expect(code(await tools.wingman_kill!.execute("c4", { session: "vsr" }))).toBe("not_owner");
    expect(code(await tools.wingman_resume!.execute("c4b", { all: true }))).toBe("not_owner");
    const status = await tools.wingman_status!.execute("c5", {});
    expect(code(status)).toBeUndefined();
    expect(text(status)).toContain("No Claude Code sessions yet");
  });

  it("no sender in the context (clawdbot): acting tools refuse and say which /wm command to send", async () => {
    const tools = registered(WA).toolsFor(clawdbotCtx);
    const r = await tools.wingman_respond!.execute("c6", { session: "vsr", action: "approve", id: "7f3k" });
    expect(code(r)).toBe("not_owner");
    expect(text(r)).toContain("I can't tell who is asking");
    expect(text(r)).toContain("/wm approve vsr 7f3k");
    const s = await tools.wingman_spawn!.execute("c7", { session: "tool-nosender", workdir: work });
    expect(code(s)).toBe("not_owner");
    expect(text(s)).toContain(`/wm spawn tool-nosender ${work}`);
    expect(await sessions()).not.toContain("tool-nosender");
  });

  it("the owner the host does not call an owner (senderIsOwner false) is refused", async () => {
    const tools = registered(WA).toolsFor({ ...ownerCtx, senderIsOwner: false });
    expect(code(await tools.wingman_kill!.execute("c8", { session: "nosuch" }))).toBe("not_owner");
  });

  it("the owner gets through the door (the core then answers: no such session)", async () => {
    const tools = registered(WA).toolsFor(ownerCtx);
    const r = await tools.wingman_kill!.execute("c9", { session: "nosuch" });
    expect(code(r)).toBe("not_found");
    expect(code(await tools.wingman_resume!.execute("c9b", { session: "nosuch" }))).toBe("not_found");
    expect(code(await tools.wingman_resume!.execute("c9c", {}))).toBe("usage");
  });

  it("webchat with no owner configured is the owner (the host's local chat)", async () => {
    const tools = registered({}).toolsFor({
      messageChannel: "webchat",
      requesterSenderId: "gateway-client",
      senderIsOwner: true,
    });
    expect(code(await tools.wingman_kill!.execute("c10", { session: "nosuch" }))).toBe("not_found");
  });

  it("toolAccess read-only: acting tools refuse even the owner; status works", async () => {
    const tools = registered(WA, { toolAccess: "read-only" }).toolsFor(ownerCtx);
    expect(code(await tools.wingman_kill!.execute("c11", { session: "nosuch" }))).toBe("not_owner");
    expect(text(await tools.wingman_status!.execute("c12", {}))).toContain("No Claude Code sessions yet");
  });

  it("toolAccess any: the explicit opt-out lets acting tools run for anyone, with a warning at register", async () => {
    const { toolsFor, warnings } = registered(everyone, { ...ownerCfg, toolAccess: "any" });
    expect(warnings.join("\n")).toMatch(/toolAccess.*any/);
    expect(code(await toolsFor(strangerCtx).wingman_kill!.execute("c13", { session: "nosuch" }))).toBe("not_found");
  });
});

// A high-risk approve through a tool is always refused, even from an owner who said confirm: the tool door
// looks the prompt's risk up first and never calls respond. A recording core stands in for the real one.
describe("a high-risk approve through a tool", () => {
  const pending: PendingPrompt = {
    id: "7f3k",
    kind: "tool",
    tool: "Bash",
    detail: "rm -rf build",
    question: "Do you want to proceed?",
    options: [],
    fingerprint: "f",
    since: new Date().toISOString(),
    risk: "high",
    riskReasons: ["rm -rf"],
  };
  const view = {
    name: "vsr",
    workdir: "/tmp",
    agent: "claude-code",
    state: "waiting_approval",
    pending,
    createdAt: "",
    lastActivityAt: "",
  } as SessionView;

  function fakeCore() {
    const responded: unknown[] = [];
    const w = {
      status: async () => [view],
      respond: async (req: unknown) => {
        responded.push(req);
        return { ok: true, code: "approved", facts: { session: "vsr", prompt: pending, option: "Yes" } };
      },
      markShown: async () => {},
    } as unknown as Wingman;
    return { w, responded };
  }
  const owner: Actor = { id: `whatsapp:${OWNER}`, channel: "whatsapp", authorized: true };

  for (const access of ["owner", "any"] as const) {
    it(`is refused with needs_confirm and nothing pressed (toolAccess ${access}, owner, confirm:true)`, async () => {
      const { w, responded } = fakeCore();
      const tools = buildTools(w, { caller: () => ({ actor: owner, known: true }), access });
      const respond = tools.find((t) => t.name === "wingman_respond")!;
      const r = await respond.execute("c1", { session: "vsr", action: "approve", id: "7f3k", confirm: true });
      expect((r.details as { error?: { code?: string } }).error?.code).toBe("needs_confirm");
      expect(r.content[0]!.text).toContain("/wm approve vsr 7f3k confirm");
      expect(responded).toEqual([]);
    });
  }

  it("a normal-risk approve from the owner goes to the core", async () => {
    const { w, responded } = fakeCore();
    const normal = { ...view, pending: { ...pending, risk: "normal" as const, riskReasons: [] } };
    (w as unknown as { status: () => Promise<SessionView[]> }).status = async () => [normal];
    const tools = buildTools(w, { caller: () => ({ actor: owner, known: true }), access: "owner" });
    const r = await tools
      .find((t) => t.name === "wingman_respond")!
      .execute("c2", { session: "vsr", action: "approve", id: "7f3k" });
    expect(r.content[0]!.text).toContain("approved once");
    expect(responded).toHaveLength(1);
  });
});

// `/wm` (every host): the host's isAuthorizedSender is required, and Wingman's own owner check too.
describe("the /wm door", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-cmddoor-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function wm(host: HostConfig, input: WingmanConfigInput = {}) {
    let handler:
      | ((ctx: {
          senderId?: string;
          channel: string;
          isAuthorizedSender: boolean;
          args?: string;
          commandBody: string;
          config: unknown;
        }) => Promise<{ text: string }> | { text: string })
      | undefined;
    plugin.register({
      config: host,
      pluginConfig: { stateDir: dir, ...input },
      registerCommand: (c) => {
        if (c.name === "wm") handler = c.handler;
      },
    });
    return async (senderId: string, channel: string, isAuthorizedSender: boolean, args: string) =>
      (await handler!({ senderId, channel, isAuthorizedSender, args, commandBody: `/wm ${args}`, config: host })).text;
  }

  it('a stranger the host authorizes under allowFrom ["*"] may not kill, tell or spawn', async () => {
    const send = wm({ channels: { whatsapp: { allowFrom: ["*"] } } }, { approvers: [`whatsapp:${OWNER}`] });
    // Refused by the core's own check (the door passed the host's flag but not Wingman's owner check), naming who.
    const who = `whatsapp:${STRANGER}`;
    expect(await send(STRANGER, "whatsapp", true, "kill nosuch")).toBe(
      `✗ only the owner can kill sessions (${who} is not one)`,
    );
    expect(await send(STRANGER, "whatsapp", true, "tell nosuch hi")).toBe(
      `✗ only the owner can send prompts to sessions (${who} is not one)`,
    );
    expect(await send(STRANGER, "whatsapp", true, `spawn nosuch ${dir}`)).toBe(
      `✗ only the owner can start sessions (${who} is not one)`,
    );
    expect(await send(STRANGER, "whatsapp", true, "approve nosuch 7f3k")).toBe(
      `✗ only the owner can answer prompts (${who} is not one)`,
    );
    // the owner gets through to the core
    expect(await send(OWNER, "whatsapp", true, "kill nosuch")).toContain("no session nosuch");
  });

  it("the WhatsApp owner's number writing on Telegram is not the owner", async () => {
    const send = wm(WA);
    expect(await send(OWNER, "telegram", true, "kill nosuch")).toBe(
      `✗ only the owner can kill sessions (telegram:${OWNER} is not one)`,
    );
  });
});
