// The README's main job, end to end: two real Claude Code sessions in Wingman's tmux, one working, one
// stopped at an approval, and one real Codex CLI session stopped at an approval too; the dashboard shows all
// three (with their agents); each approval is answered by its id.
//
//   npm run demo            uses the bundled mocks of Anthropic's and OpenAI's APIs on 127.0.0.1 (no account, no cost)
//   npm run demo -- --real  uses your own Claude Code login, and your Codex login when `codex` (or
//                           WINGMAN_CODEX_COMMAND) is there (spends your tokens)
//
// It drives the `wingman` CLI exactly as a person would, printing each command and what it answered.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CLAUDE_BIN, FAKE_API_KEY, claudeEnv, seedClaudeHome } from "../devkit/claude-home.ts";
import { CODEX_BIN, codexEnv, requireCodex, seedCodexHome } from "../devkit/codex-home.ts";
import { startMockAnthropic } from "../devkit/mock-anthropic.ts";
import { startMockOpenAI } from "../devkit/mock-openai.ts";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(repo, "bin", "wingman.js");
const real = process.argv.includes("--real");
const keep = process.argv.includes("--keep");

const root = mkdtempSync(join(tmpdir(), "wingman-demo-"));
const stateDir = join(root, "state");
const api = join(root, "api-service");
const web = join(root, "web-app");
const cli = join(root, "cli-tool");
for (const d of [api, web, cli]) mkdirSync(d, { recursive: true });
writeFileSync(join(web, "package.json"), '{ "name": "web-app", "scripts": { "build": "echo built" } }\n');
writeFileSync(join(cli, "package.json"), '{ "name": "cli-tool", "scripts": { "test": "echo 12 tests passed" } }\n');

let env: NodeJS.ProcessEnv;
let closeMock = async () => {};
/** Whether the demo runs a Codex session: always against the mock; with --real, when Codex is installed. */
let withCodex = true;
if (real) {
  env = { ...process.env, WINGMAN_STATE_DIR: stateDir };
  const codexCommand = env.WINGMAN_CODEX_COMMAND || "codex";
  try {
    execFileSync(codexCommand, ["--version"], { stdio: "ignore", env });
  } catch {
    withCodex = false;
  }
} else {
  requireCodex();
  const mock = await startMockAnthropic();
  const openai = await startMockOpenAI();
  closeMock = async () => {
    await mock.close();
    await openai.close();
  };
  const home = join(root, "home");
  const codexHome = join(root, "codex-home");
  mkdirSync(join(home, ".claude"), { recursive: true });
  seedClaudeHome(home, { apiKey: FAKE_API_KEY, trustedDirs: [api, web] });
  // Codex reads its own home (CODEX_HOME) and talks to the mock of OpenAI's Responses API (devkit/codex-rig.ts).
  seedCodexHome(codexHome, { mockUrl: openai.url, trustedDirs: [cli] });
  const claude = claudeEnv({ home, mockUrl: mock.url, apiKey: FAKE_API_KEY, maxRetries: 1 });
  env = {
    ...claude,
    ...codexEnv({ home, codexHome }),
    PATH: claude.PATH,
    WINGMAN_STATE_DIR: stateDir,
    WINGMAN_CLAUDE_COMMAND: CLAUDE_BIN,
    WINGMAN_CODEX_COMMAND: CODEX_BIN,
  };
}

function wingman(...args: string[]): string {
  console.log(`\n$ wingman ${args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}`);
  try {
    const out = execFileSync(process.execPath, [bin, ...args], { env, encoding: "utf8" });
    process.stdout.write(out);
    return out;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; status?: number };
    process.stdout.write(err.stdout ?? "");
    process.stdout.write(err.stderr ?? "");
    throw new Error(`wingman ${args[0]} exited ${err.status}`);
  }
}

function statusJson(): Array<{
  name: string;
  state: string;
  pending: { id: string } | null;
  lastMessage?: string | null;
}> {
  const out = execFileSync(process.execPath, [bin, "status", "--json"], { env, encoding: "utf8" });
  return JSON.parse(out).sessions;
}

async function until(what: string, ok: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const slowTask = real
  ? "Explain in three short paragraphs what a good README contains."
  : "SLOW 20 Reading the codebase and planning the schema fix, step by step...";
const riskyTask = real ? "Run `npm run build` in this folder and tell me the result." : "RUN_BASH npm run build";
const codexTask = real ? "Run `npm test` in this folder and tell me the result." : "RUN_BASH npm test";

console.log(`Claude Code Wingman demo (${real ? "your real Claude Code login" : "bundled mock APIs on 127.0.0.1"})`);
console.log(`state: ${stateDir}`);
if (!withCodex)
  console.log("(no Codex session: `codex` is not installed here; set WINGMAN_CODEX_COMMAND to include one)");

// A monitor in the background, as the host would run it: its notifications are printed at the end.
const monitor = spawn(process.execPath, [bin, "monitor", "--json"], { env, stdio: ["ignore", "pipe", "ignore"] });
let notifications = "";
monitor.stdout.on("data", (c) => {
  notifications += String(c);
});

try {
  wingman("spawn", "--session", "api-schema", "--workdir", api, "--prompt", slowTask);
  wingman("spawn", "--session", "web-build", "--workdir", web, "--prompt", riskyTask);
  if (withCodex)
    wingman("spawn", "--agent", "codex", "--session", "cli-tests", "--workdir", cli, "--prompt", codexTask);
  await until("web-build to ask for approval", () =>
    statusJson().some((s) => s.name === "web-build" && s.state === "waiting_approval" && !!s.pending),
  );
  // Codex asks when the model wants a command outside its sandbox (the mock always does; a real model may
  // just run `npm test` and finish, then there is nothing to approve).
  const codexAsked = () =>
    statusJson().some((s) => s.name === "cli-tests" && s.state === "waiting_approval" && !!s.pending);
  const codexDone = () => statusJson().some((s) => s.name === "cli-tests" && s.state === "idle" && !!s.lastMessage);
  if (withCodex) await until("cli-tests (Codex) to ask for approval", () => codexAsked() || (real && codexDone()));
  wingman("status");
  const id = statusJson().find((s) => s.name === "web-build")!.pending!.id;
  wingman("approve", "web-build", id);
  const codexId = withCodex ? statusJson().find((s) => s.name === "cli-tests")?.pending?.id : undefined;
  if (codexId) wingman("approve", "cli-tests", codexId);
  await until("web-build to finish", () => statusJson().some((s) => s.name === "web-build" && s.state === "idle"));
  if (withCodex) await until("cli-tests to finish", codexDone);
  wingman("status", "web-build");
  if (withCodex) wingman("status", "cli-tests");
  wingman("status");
  // The monitor confirms a turn's end after a short debounce, and may be between two polls: give it a
  // moment before listing.
  const finished = (session: string) =>
    notifications
      .split("\n")
      .slice(0, -1) // complete lines only: the last piece may still be arriving
      .some((line) => {
        const n = JSON.parse(line) as { type: string; session?: string };
        return n.type === "finished" && n.session === session;
      });
  await until(
    "the 'finished' notifications",
    () => finished("web-build") && (!withCodex || finished("cli-tests")),
    20_000,
  ).catch(() => {});
  console.log("\nNotifications the monitor produced (what WhatsApp would get):");
  for (const line of notifications.split("\n").filter(Boolean)) {
    const n = JSON.parse(line) as { type: string; session?: string; text: string };
    console.log(`\n[${n.type}${n.session ? ` · ${n.session}` : ""}]\n${n.text}`);
  }
} finally {
  monitor.kill("SIGTERM");
  if (!keep) {
    for (const s of ["api-schema", "web-build", "cli-tests"]) {
      try {
        execFileSync(process.execPath, [bin, "kill", s], { env, stdio: "ignore" });
      } catch {
        // already gone
      }
    }
    await new Promise((r) => setTimeout(r, 300));
    rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); // an agent just killed may still be writing its HOME
  } else {
    console.log(`\nKept: WINGMAN_STATE_DIR=${stateDir} (sessions still running)`);
  }
  await closeMock();
}
