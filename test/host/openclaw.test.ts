// The plugin in OpenClaw 2026.9.6 (on the project's Node 24): a real gateway on 127.0.0.1 loads it, answers
// `/wm status` through its command path, and plain `status` through before_dispatch, without the assistant
// (there is no model here: a message that reached the assistant would get no such reply).
// Left out of the run only by WINGMAN_SKIP_HOST_TESTS=1 (vitest.config.ts).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO, STANDIN } from "../support/temp-wingman.js";

const run = promisify(execFile);
const HOST = join(REPO, "test/host/fixture/openclaw");
const PKG = join(HOST, "node_modules/openclaw");

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe("in the real host: openclaw 2026.9.6", () => {
  let root: string;
  let env: NodeJS.ProcessEnv;
  let gateway: ChildProcess | undefined;
  let port: number;
  let bin: string;
  let log = "";

  const call = async (method: string, params: object) => {
    const r = await run(process.execPath, [bin, "gateway", "call", method, "--url", `ws://127.0.0.1:${port}`, "--token", "t", "--json", "--params", JSON.stringify(params)], { env, timeout: 60_000 });
    return JSON.parse(r.stdout) as unknown;
  };
  /** Send one chat message and wait for an assistant reply containing `expect` in the session history. */
  const count = (h: string, want: string) => h.split(want).length - 1;
  const history = async () => JSON.stringify(await call("chat.history", { sessionKey: "main", limit: 50 }));
  const say = async (message: string, want: string): Promise<string> => {
    const before = count(await history(), want);
    await call("chat.send", { sessionKey: "main", message, idempotencyKey: `k-${Date.now()}-${Math.random()}` });
    const until = Date.now() + 30_000;
    for (;;) {
      const h = await history();
      if (count(h, want) > before) return h;
      if (Date.now() > until) throw new Error(`no reply containing ${JSON.stringify(want)} to ${JSON.stringify(message)}; history: ${h.slice(0, 2000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };

  beforeAll(async () => {
    if (!existsSync(join(PKG, "package.json"))) {
      throw new Error(`openclaw is not installed in ${HOST}: run \`bash test/host/setup.sh\` (npm test does), or set WINGMAN_SKIP_HOST_TESTS=1`);
    }
    const pkg = JSON.parse(await readFile(join(PKG, "package.json"), "utf8")) as { bin?: Record<string, string> | string };
    bin = join(PKG, typeof pkg.bin === "string" ? pkg.bin : (pkg.bin?.openclaw ?? "openclaw.mjs"));
    root = await mkdtemp(join(tmpdir(), "wm-openclaw-"));
    port = await freePort();
    const state = join(root, "state");
    await mkdir(state, { recursive: true });
    await mkdir(join(root, "home"), { recursive: true });
    await writeFile(
      join(state, "openclaw.json"),
      JSON.stringify({
        gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: "t" } },
        plugins: {
          allow: ["claude-code-wingman"],
          load: { paths: [REPO] },
          entries: { "claude-code-wingman": { enabled: true, config: {} } },
        },
      }),
    );
    env = {
      ...process.env,
      HOME: join(root, "home"),
      OPENCLAW_STATE_DIR: state,
      OPENCLAW_NO_RESPAWN: "1",
      OPENCLAW_DISABLE_BONJOUR: "1",
      WINGMAN_STATE_DIR: join(root, "wingman"),
      WINGMAN_CLAUDE_COMMAND: STANDIN,
    };
    gateway = spawn(process.execPath, [bin, "gateway", "run", "--port", String(port), "--bind", "loopback", "--token", "t"], { env, stdio: ["ignore", "pipe", "pipe"] });
    gateway.stdout?.on("data", (c) => {
      log += String(c);
    });
    gateway.stderr?.on("data", (c) => {
      log += String(c);
    });
    const until = Date.now() + 90_000;
    while (!/listening/i.test(log)) {
      if (Date.now() > until || gateway.exitCode !== null) throw new Error(`the gateway did not start:\n${log.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  afterAll(async () => {
    if (gateway?.pid && gateway.exitCode === null) gateway.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (gateway?.pid && gateway.exitCode === null) gateway.kill("SIGKILL");
    if (root) {
      await run("tmux", ["-S", join(root, "wingman", "tmux.sock"), "kill-server"]).catch(() => {});
      await rm(root, { recursive: true, force: true });
    }
  });

  it("the gateway loads the plugin and starts its service", () => {
    expect(log).toContain("claude-code-wingman");
  });

  it("answers /wm status through the command path", async () => {
    const h = await say("/wm status", "No Claude Code sessions yet");
    expect(h).toContain("spawn NAME DIR TASK");
  });

  it("answers plain 'status' through before_dispatch, with no assistant", async () => {
    const h = await say("status", "No Claude Code sessions yet");
    expect(count(h, "No Claude Code sessions yet")).toBeGreaterThanOrEqual(2);
  });
});
