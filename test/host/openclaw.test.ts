// The plugin in OpenClaw 2026.9.6 (on the project's Node 24), installed as a user would: the packed package
// through `openclaw plugins install`, then a real gateway on 127.0.0.1 that loads it and starts its monitor
// service (the monitor's lock then holds the gateway's pid). Not covered here yet: the chat round trip
// (`chat.send` left no history entry in our runs, even for /wm), so before_dispatch is tested on clawdbot's
// typed-hook registry only. Left out of the run only by WINGMAN_SKIP_HOST_TESTS=1 (vitest.config.ts).
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
  let installLog = "";

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
      JSON.stringify({ gateway: { mode: "local", port, bind: "loopback", auth: { mode: "token", token: "t" } } }),
    );
    // The test runner's own variables (VITEST, NODE_OPTIONS, npm_*) are not the host's business.
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(VITEST|NODE_OPTIONS|npm_|TEST$)/.test(k)));
    env = {
      ...base,
      HOME: join(root, "home"),
      OPENCLAW_STATE_DIR: state,
      OPENCLAW_NO_RESPAWN: "1",
      OPENCLAW_DISABLE_BONJOUR: "1",
      WINGMAN_STATE_DIR: join(root, "wingman"),
      WINGMAN_CLAUDE_COMMAND: STANDIN,
    };
    const pack = await run("npm", ["pack", "--silent", "--pack-destination", root], { cwd: REPO, env: process.env });
    const tgz = join(root, pack.stdout.trim().split("\n").at(-1)!);
    // A local archive is outside ClawHub review: the host asks for --force and capability consent.
    const inst = await run(process.execPath, [bin, "plugins", "install", "--force", "--accept-capabilities", tgz], { env, timeout: 120_000 });
    installLog = inst.stdout + inst.stderr;
    gateway = spawn(process.execPath, [bin, "gateway", "run", "--port", String(port), "--bind", "loopback", "--token", "t"], { env, stdio: ["ignore", "pipe", "pipe"] });
    gateway.stdout?.on("data", (c) => {
      log += String(c);
    });
    gateway.stderr?.on("data", (c) => {
      log += String(c);
    });
    const until = Date.now() + 90_000;
    while (!/listening/i.test(log) || !existsSync(join(root, "wingman", "monitor.lock"))) {
      if (Date.now() > until || gateway.exitCode !== null) {
        throw new Error(`the gateway did not start (exit ${gateway.exitCode}, signal ${gateway.signalCode}):\n${log.slice(-3000)}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  afterAll(async () => {
    if (gateway?.pid && gateway.exitCode === null) gateway.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (gateway?.pid && gateway.exitCode === null) gateway.kill("SIGKILL");
    if (root) {
      await run("tmux", ["-S", join(root, "wingman", "tmux.sock"), "kill-server"]).catch(() => {});
      await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    }
  });

  it("`openclaw plugins install` installs the packed package", () => {
    expect(installLog).toContain("Installed plugin: claude-code-wingman");
  });

  it("the gateway loads the plugin and runs the monitor service in its own process", async () => {
    expect(log).toMatch(/listening \(\d+ plugins: [^)]*claude-code-wingman/);
    const holder = Number((await readFile(join(root, "wingman", "monitor.lock"), "utf8")).trim());
    expect(holder).toBe(gateway?.pid);
  });
});
