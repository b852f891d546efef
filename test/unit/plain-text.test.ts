// OpenClaw's before_dispatch as the plugin registers it, called the way the host calls it, over a real core in a
// throwaway state dir (no sessions: a claimed `status` answers with the empty dashboard).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HostApi } from "../../src/doors/host/api-types.js";
import plugin from "../../src/index.js";

type Handler = (event: Record<string, unknown>) => Promise<{ handled: boolean; text?: string }>;

describe("plain text on OpenClaw (before_dispatch)", () => {
  let dir: string;
  let handler: Handler;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-plain-"));
    const api: HostApi = {
      config: { channels: { whatsapp: { allowFrom: ["+15550001111"] } } },
      pluginConfig: { stateDir: dir },
      on: (hook, h) => {
        if (hook === "before_dispatch") handler = h as Handler;
      },
    };
    plugin.register(api);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("answers the owner's `status` in a direct chat", async () => {
    const r = await handler({ content: "status", channel: "whatsapp", senderId: "+15550001111", isGroup: false });
    expect(r).toMatchObject({ handled: true });
    expect(r.text).toContain("No Claude Code sessions yet");
  });

  it("leaves to the assistant: a group message, another sender, and text that is not exactly a phrase", async () => {
    expect(await handler({ content: "status", channel: "whatsapp", senderId: "+15550001111", isGroup: true })).toEqual({
      handled: false,
    });
    expect(await handler({ content: "status", channel: "whatsapp", senderId: "+15550009999", isGroup: false })).toEqual(
      { handled: false },
    );
    expect(
      await handler({ content: "what is the status of my build?", channel: "whatsapp", senderId: "+15550001111" }),
    ).toEqual({ handled: false });
  });
});

describe("plain text: the same owner check as /wm", () => {
  let dir: string;
  const handlers: Record<string, Handler> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-plain2-"));
    const make = (name: string, config: HostApi["config"], pluginConfig: Record<string, unknown> = {}) =>
      plugin.register({
        config,
        pluginConfig: { stateDir: dir, ...pluginConfig },
        on: (hook, h) => {
          if (hook === "before_dispatch") handlers[name] = h as Handler;
        },
      });
    make("wa", { channels: { whatsapp: { allowFrom: ["+15550001111"] } } });
    make("none", {});
    make("approver", {}, { approvers: ["telegram:4242"] });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("the WhatsApp owner's number writing on Telegram or Signal is left to the assistant", async () => {
    expect(
      await handlers.wa!({ content: "status", channel: "telegram", senderId: "+15550001111", isGroup: false }),
    ).toEqual({ handled: false });
    expect(
      await handlers.wa!({ content: "status", channel: "signal", senderId: "+15550001111", isGroup: false }),
    ).toEqual({ handled: false });
  });

  it("with no owner configured only the local chat is claimed: not Google Chat, IRC, a plugin channel or no channel", async () => {
    expect(await handlers.none!({ content: "status", channel: "webchat", senderId: "gateway-client" })).toMatchObject({
      handled: true,
    });
    for (const channel of ["googlechat", "irc", "mychat", ""]) {
      expect(await handlers.none!({ content: "status", channel, senderId: "someone" })).toEqual({ handled: false });
    }
    expect(await handlers.none!({ content: "status", senderId: "someone" })).toEqual({ handled: false });
  });

  it("an approver written <channel>:<id> is claimed on that channel only", async () => {
    expect(await handlers.approver!({ content: "status", channel: "telegram", senderId: "4242" })).toMatchObject({
      handled: true,
    });
    expect(await handlers.approver!({ content: "status", channel: "webchat", senderId: "gateway-client" })).toEqual({
      handled: false,
    });
  });
});
