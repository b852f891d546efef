// The plugin in OpenClaw 2026.9.6 (on the project's Node 24), installed as a user would: the packed package
// through `openclaw plugins install`, then a real gateway on 127.0.0.1 that loads it and starts its monitor
// service (the monitor's lock then holds the gateway's pid). Chat goes in as the gateway's own web chat sends
// it (`chat.send`, see gateway-chat.mjs), and the real Claude Code behind Wingman talks to the mock API, so a
// plain `approve NAME ID` from chat runs a real command. Left out only by WINGMAN_SKIP_HOST_TESTS=1.
import { execFile } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLAUDE_BIN, FAKE_API_KEY, claudeEnv, seedClaudeHome } from "../support/claude-home.js";
import { type MockAnthropic, startMockAnthropic } from "../support/mock-anthropic.js";
import { REPO } from "../support/temp-wingman.js";
import { type ChatReply, chat as chatOver, freePort, type Gateway, hostEnv, startGateway } from "./gateway.js";

const run = promisify(execFile);
const HOST = join(REPO, "test/host/fixture/openclaw");
const PKG = join(HOST, "node_modules/openclaw");
const OWNER_NUMBER = "+15550001111";

describe("in the real host: openclaw 2026.9.6", () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let gateway: Gateway | undefined;
  let port: number;
  let bin: string;
  let installLog = "";
  let mock: MockAnthropic | undefined;
  let work: string;

  let client: string;

  /** Sends each message over the gateway's chat, one after the other, with the host's own client. */
  function chat(...messages: string[]): Promise<ChatReply[]> {
    return chatOver({ node: process.execPath, client, gateway: gateway!, env }, ...messages);
  }

  /** What `wingman status --json` in a terminal shows for one session. */
  async function session(name: string): Promise<{ state: string; pending: { id: string } | null } | undefined> {
    const r = await run(process.execPath, [join(REPO, "bin/wingman.js"), "status", "--json"], { env });
    return (JSON.parse(r.stdout) as { sessions: Array<{ name: string; state: string; pending: { id: string } | null }> }).sessions.find((s) => s.name === name);
  }

  beforeAll(async () => {
    if (!existsSync(join(PKG, "package.json"))) {
      throw new Error(`openclaw is not installed in ${HOST}: run \`bash test/host/setup.sh\` (npm test does), or set WINGMAN_SKIP_HOST_TESTS=1`);
    }
    const pkg = JSON.parse(await readFile(join(PKG, "package.json"), "utf8")) as { bin?: Record<string, string> | string };
    bin = join(PKG, typeof pkg.bin === "string" ? pkg.bin : (pkg.bin?.openclaw ?? "openclaw.mjs"));
    // The host's GatewayClient lives in a bundle chunk with a hashed name: the one that exports it.
    const dist = join(PKG, "dist");
    const chunk = readdirSync(dist).find((f) => /^client-.*\.mjs$/.test(f) && readFileSync(join(dist, f), "utf8").includes("GatewayClient as t }"));
    if (!chunk) throw new Error(`no GatewayClient module found in ${dist}`);
    client = join(dist, chunk);
    root = await mkdtemp(join(tmpdir(), "wm-openclaw-"));
    port = await freePort();
    const state = join(root, "state");
    await mkdir(state, { recursive: true });
    await mkdir(join(root, "home"), { recursive: true });
    work = join(root, "work");
    await mkdir(work);
    // Real Claude Code behind Wingman, offline: its HOME seeded, its API the mock. A wrapper gives the agent
    // (and only the agent) the mock's environment, so the gateway itself keeps its own.
    mock = await startMockAnthropic();
    seedClaudeHome(join(root, "home"), { apiKey: FAKE_API_KEY, trustedDirs: [work] });
    const cenv = claudeEnv({ home: join(root, "home"), mockUrl: mock.url, apiKey: FAKE_API_KEY, maxRetries: 1 });
    const assigns = Object.entries(cenv).map(([k, v]) => `${k}='${v}'`).join(" ");
    const wrapper = join(root, "claude-via-mock");
    await writeFile(wrapper, `#!/bin/sh\nexec env ${assigns} '${CLAUDE_BIN}' "$@"\n`);
    await chmod(wrapper, 0o755);
    await writeFile(
      join(state, "openclaw.json"),
      JSON.stringify({ gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: "t" } } }),
    );
    env = hostEnv({
      HOME: join(root, "home"),
      OPENCLAW_STATE_DIR: state,
      OPENCLAW_NO_RESPAWN: "1",
      OPENCLAW_DISABLE_BONJOUR: "1",
      WINGMAN_STATE_DIR: join(root, "wingman"),
      WINGMAN_CLAUDE_COMMAND: wrapper,
    });
    const pack = await run("npm", ["pack", "--silent", "--pack-destination", root], { cwd: REPO, env: process.env });
    const tgz = join(root, pack.stdout.trim().split("\n").at(-1)!);
    // A local archive is outside ClawHub review: the host asks for --force and capability consent.
    const inst = await run(process.execPath, [bin, "plugins", "install", "--force", "--accept-capabilities", tgz], { env, timeout: 120_000 });
    installLog = inst.stdout + inst.stderr;
    // As a WhatsApp user's gateway is set up: OpenClaw's WhatsApp channel plugin (`openclaw plugins install
    // @openclaw/whatsapp`; here loaded from the fixture, where setup.sh installed it) and a notification target
    // in Wingman's config. WhatsApp itself is never linked here. No owner list (channels.whatsapp.allowFrom):
    // with one, only those numbers may answer, and this test's chat arrives from the gateway's web chat.
    const cfgFile = join(state, "openclaw.json");
    const cfg = JSON.parse(await readFile(cfgFile, "utf8")) as Record<string, Record<string, unknown>> & { plugins: { entries: Record<string, Record<string, unknown>>; load?: unknown } };
    cfg.plugins.entries["claude-code-wingman"] = { ...cfg.plugins.entries["claude-code-wingman"], config: { notify: { to: OWNER_NUMBER } } };
    cfg.plugins.entries.whatsapp = { enabled: true };
    cfg.plugins.load = { paths: [join(HOST, "node_modules/@openclaw/whatsapp")] };
    await writeFile(cfgFile, JSON.stringify(cfg, null, 2));
    const lock = join(root, "wingman", "monitor.lock");
    gateway = await startGateway({ node: process.execPath, entry: bin, port, env, ready: (log) => /listening/i.test(log) && existsSync(lock) });
  });
  afterAll(async () => {
    await gateway?.stop();
    if (root) {
      await run("tmux", ["-S", join(root, "wingman", "tmux.sock"), "kill-server"]).catch(() => {});
      await mock?.close();
      await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
  });

  it("`openclaw plugins install` installs the packed package", () => {
    expect(installLog).toContain("Installed plugin: claude-code-wingman");
  });

  it("the gateway loads the plugin and runs the monitor service in its own process", async () => {
    expect(gateway?.log()).toMatch(/listening \(\d+ plugins: [^)]*claude-code-wingman/);
    const holder = Number((await readFile(join(root, "wingman", "monitor.lock"), "utf8")).trim());
    expect(holder).toBe(gateway?.child.pid);
  });

  it("answers /wm over the gateway's chat with no assistant run", async () => {
    const [status, help] = await chat("/wm status", "/wm help");
    expect(status).toMatchObject({ state: "final", agentRan: false });
    expect(status?.text).toContain("No Claude Code sessions yet");
    expect(help).toMatchObject({ state: "final", agentRan: false });
    expect(help?.text).toContain("/wm approve");
  });

  it("plain `status` and `approve NAME ID` are answered by before_dispatch; other text reaches the assistant", async () => {
    const [spawned] = await chat(`/wm spawn oc-build ${work} RUN_BASH touch approved-from-chat`);
    expect(spawned).toMatchObject({ state: "final", agentRan: false });
    expect(spawned?.text).toContain("oc-build started");
    let s = await session("oc-build");
    for (const until = Date.now() + 60_000; !(s?.state === "waiting_approval" && s.pending) && Date.now() < until; ) {
      await new Promise((r) => setTimeout(r, 250));
      s = await session("oc-build");
    }
    expect(s).toMatchObject({ state: "waiting_approval" });
    const id = s!.pending!.id;

    const [status, approve, unknown, question] = await chat("status", `approve oc-build ${id}`, "approve nosuch 7f3k", "what is Wingman?");
    expect(status).toMatchObject({ state: "final", agentRan: false });
    expect(status?.text).toContain("oc-build");
    expect(status?.text).toContain(id);
    expect(approve).toMatchObject({ state: "final", agentRan: false });
    expect(approve?.text).toContain(`oc-build: approved once`);
    // No session of that name: not Wingman's to answer, so the host's assistant gets it (here it has no model).
    expect(unknown).toMatchObject({ agentRan: true });
    expect(question).toMatchObject({ agentRan: true });

    const proof = join(work, "approved-from-chat");
    for (const until = Date.now() + 20_000; !existsSync(proof) && Date.now() < until; ) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(proof)).toBe(true);
    const [killed] = await chat("/wm kill oc-build");
    expect(killed?.text).toContain("oc-build killed");
  });

  it("the monitor's notification goes to OpenClaw's WhatsApp adapter; unlinked, the failure is logged and kept for retry", () => {
    // oc-build waited for approval above: the monitor in the gateway tried to tell the owner at once.
    expect(gateway?.log()).toContain("notification not delivered (try 1): No active WhatsApp Web listener");
    expect(gateway?.log()).not.toContain("no WhatsApp sending API");
    expect(gateway?.log()).not.toContain("requires a resolved runtime config");
  });
});
