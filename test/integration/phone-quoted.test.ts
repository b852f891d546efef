// Answering by quoting a notification on WhatsApp, which no test here can link to a phone: the plugin is
// registered as OpenClaw registers it (register(api): its monitor service, its before_dispatch hook), the
// WhatsApp outbound adapter is a stand-in that returns a message id as the real one does, and the hook gets
// the event OpenClaw builds for a reply (channel, senderId, content, replyToId). Behind it all, the stand-in
// agent on real tmux draws a real Bash dialog. (Telegram, through the real host: test/host/openclaw-telegram.suite.ts.)
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import plugin, { createWingman, resolveConfig } from "../../src/index.js";
import type { HostApi } from "../../src/doors/host/api-types.js";
import { STANDIN } from "../../devkit/temp-wingman.js";
import { until } from "../../devkit/wait.js";

const run = promisify(execFile);
const OWNER = "+15550001111";
const STRANGER = "+15559998888";

describe("a quoted reply on WhatsApp (OpenClaw's before_dispatch event)", () => {
  let dir: string;
  let work: string;
  const sends: Array<Record<string, unknown>> = [];
  let hook: (e: Record<string, unknown>) => Promise<{ handled: boolean; text?: string }>;
  let service: { start: (c: object) => Promise<void> | void; stop?: (c: object) => Promise<void> | void };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "wm-quoted-"));
    work = join(dir, "work");
    await mkdir(work);
    let n = 900;
    const api: HostApi = {
      config: { channels: { whatsapp: { allowFrom: [OWNER] } } },
      pluginConfig: { stateDir: join(dir, "state"), claude: { command: STANDIN } },
      logger: { info() {}, warn() {}, error() {} },
      runtime: {
        channel: {
          outbound: {
            // OpenClaw's WhatsApp adapter renders no buttons: text goes out, and a message id comes back.
            loadAdapter: (c) =>
              c === "whatsapp"
                ? {
                    presentationCapabilities: { buttons: false },
                    sendText: async (args) => {
                      sends.push(args);
                      return { channel: "whatsapp", messageId: `3EB0${n++}` };
                    },
                  }
                : undefined,
          },
        },
      },
      registerService: (s) => {
        service = s;
      },
      on: (name, h) => {
        if (name === "before_dispatch") hook = h as typeof hook;
      },
    };
    plugin.register(api);
    await service.start({});
  });
  afterAll(async () => {
    await service?.stop?.({});
    await run("tmux", ["-S", join(dir, "state", "tmux.sock"), "kill-server"]).catch(() => {});
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  });

  it("`no` quoting the prompt's notification denies it; a stranger's quote is not an answer", async () => {
    const config = resolveConfig({ stateDir: join(dir, "state"), claude: { command: STANDIN } }, {});
    const w = createWingman({ config, stateDir: join(dir, "state") });
    const owner = { id: "cli:test", channel: "cli", authorized: true };
    expect((await w.spawn({ session: "wa", workdir: work }, owner)).ok).toBe(true);
    await until(
      async () => (await w.status("wa"))[0]?.state,
      (s) => s === "idle",
      20_000,
    );
    expect((await w.send("wa", "ASK", {}, owner)).ok).toBe(true);
    const notice = await until(
      async () => sends.find((s) => String(s.text).includes("needs approval")),
      (s) => !!s,
      20_000,
    );
    expect(notice).toMatchObject({ to: OWNER });
    const id = (await w.status("wa"))[0]!.pending!.id;
    expect(String(notice!.text)).toContain(id);
    const messageId = "3EB0900";

    const event = (senderId: string, content: string, replyToId = messageId) => ({
      channel: "whatsapp",
      senderId,
      content,
      body: content,
      isGroup: false,
      replyToId,
      replyToBody: String(notice!.text),
    });
    // A stranger quoting the same message: not Wingman's to answer (the text goes on to the assistant).
    expect(await hook(event(STRANGER, "yes"))).toEqual({ handled: false });
    // A quote of a message Wingman did not record: not an answer either.
    expect(await hook(event(OWNER, "yes", "3EB0999"))).toEqual({ handled: false });
    expect((await w.status("wa"))[0]?.pending?.id).toBe(id);

    // "no" alone: the stand-in has no field to type a reason into (a reason through the real Claude Code:
    // test/host/openclaw-telegram.suite.ts).
    const r = await hook(event(`${OWNER.slice(1)}@s.whatsapp.net`, "no"));
    expect(r.handled).toBe(true);
    expect(r.text).toContain("wa: denied");
    expect((await w.status("wa"))[0]?.pending?.id ?? null).not.toBe(id);
  });
});
