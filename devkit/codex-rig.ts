// The real-CLI rig for Codex: Wingman (own state dir and tmux socket) driving the real Codex CLI 0.171.0
// with a private CODEX_HOME against the scriptable mock on 127.0.0.1. Wingman passes its own environment
// to the agent, so the rig puts the launch line's environment (CODEX_HOME, the mock's key) into Wingman's
// env. `withClaude`, `withGemini` and `withOpenCode` also seed those agents against their own mocks, for a
// mixed fleet in one Wingman: one HOME for all (each agent keeps its own files in it), one environment that
// is the union of their launch lines (no variable is shared but HOME, PATH, TERM, LANG and NO_PROXY).
import { mkdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { SessionView } from "../src/api/types.js";
import type { WingmanConfigInput } from "../src/config.js";
import { CLAUDE_BIN, FAKE_API_KEY, claudeEnv, seedClaudeHome } from "./claude-home.js";
import { requireClaude } from "./claude-rig.js";
import { CODEX_BIN, clearCodexRules, codexEnv, requireCodex, seedCodexHome } from "./codex-home.js";
import { GEMINI_BIN, geminiEnv, requireGemini, seedGeminiHome } from "./gemini-home.js";
import { endGeminiPanes } from "./gemini-rig.js";
import { type MockAnthropic, startMockAnthropic } from "./mock-anthropic.js";
import { type MockGemini, startMockGemini } from "./mock-gemini.js";
import { type MockOpenAI, type MockOpenAIUsage, startMockOpenAI } from "./mock-openai.js";
import { OPENCODE_BIN, openCodeDirs, openCodeEnv, requireOpenCode, seedOpenCodeHome } from "./opencode-home.js";
import { OPENCODE_START_MS } from "./opencode-rig.js";
import { spawnIdle, type TempWingman, tempWingman } from "./temp-wingman.js";
import { rigWaitState, waitForPrompt } from "./wait.js";

export interface CodexRig extends TempWingman {
  mock: MockOpenAI;
  /** Claude Code's mock, with `withClaude`. */
  claudeMock?: MockAnthropic;
  /** Gemini CLI's mock, with `withGemini`. */
  geminiMock?: MockGemini;
  /** OpenCode's mock (the OpenCode dialect of the OpenAI mock), with `withOpenCode`. */
  openCodeMock?: MockOpenAI;
  codexHome: string;
  /** A project folder, trusted in the seed. */
  work: string;
  waitState(name: string, ok: (v: SessionView) => boolean, ms?: number): Promise<SessionView>;
  /** Spawn a Codex session (or another agent's, with its `with…`) in the project folder; wait until idle. */
  startIdle(name: string, agent?: FleetAgent): Promise<void>;
  /** Wait until the model received a prompt (a user message) equal to `text`, byte for byte. */
  modelGotPrompt(text: string, ms?: number): Promise<void>;
  /** Forget "don't ask again" rules between tests. */
  clearRules(): void;
  close(): Promise<void>;
}

export type FleetAgent = "codex" | "claude-code" | "gemini" | "opencode";

/** How long each agent's first start may take on a loaded machine (the agents' own rigs' figures). */
const START_MS: Record<FleetAgent, number> = {
  codex: 15_000,
  "claude-code": 15_000,
  gemini: 40_000,
  opencode: OPENCODE_START_MS,
};

export async function codexRig(
  o: {
    withClaude?: boolean;
    withGemini?: boolean;
    withOpenCode?: boolean;
    config?: WingmanConfigInput;
    usage?: MockOpenAIUsage;
  } = {},
): Promise<CodexRig> {
  requireCodex();
  if (o.withClaude) requireClaude();
  if (o.withGemini) requireGemini();
  if (o.withOpenCode) requireOpenCode();
  const mock = await startMockOpenAI({ usage: o.usage });
  const claudeMock = o.withClaude ? await startMockAnthropic() : undefined;
  const geminiMock = o.withGemini ? await startMockGemini() : undefined;
  const openCodeMock = o.withOpenCode ? await startMockOpenAI({ dialect: "opencode" }) : undefined;
  // Gemini skips Wingman's hook settings below a folder others can write to, such as /tmp (gemini-rig.ts).
  let parent: string | undefined;
  if (geminiMock) {
    parent = join(homedir(), ".cache", "wingman-gemini-rigs");
    mkdirSync(parent, { recursive: true, mode: 0o700 });
  }
  const t0 = await tempWingman({ command: CLAUDE_BIN, config: o.config, parent });
  const home = join(t0.root, "home");
  const codexHome = join(t0.root, "codex-home");
  const work = join(t0.root, "project");
  await mkdir(home, { recursive: true });
  await mkdir(work);
  seedCodexHome(codexHome, { mockUrl: mock.url, trustedDirs: [work] });
  let env: Record<string, string> = codexEnv({ home, codexHome });
  if (claudeMock) {
    seedClaudeHome(home, { apiKey: FAKE_API_KEY, trustedDirs: [work] });
    // Claude's launch line (its mock as API and proxy, its PATH) plus Codex's CODEX_HOME and key.
    const c = claudeEnv({ home, mockUrl: claudeMock.url, apiKey: FAKE_API_KEY, maxRetries: 1 });
    env = { ...c, ...env, PATH: c.PATH ?? env.PATH ?? "/usr/bin:/bin" };
  }
  // Every launch line's PATH, each folder once, the agents' own folders before the system's: Claude's
  // (node_modules/.bin), then Gemini's (the project's Node 24, which its `#!/usr/bin/env node` script needs).
  const system = "/usr/local/bin:/usr/bin:/bin".split(":");
  const paths = [env.PATH ?? ""];
  if (geminiMock) {
    seedGeminiHome(home, { trustedDirs: [work] });
    const g = geminiEnv({ home, mockUrl: geminiMock.url });
    paths.push(g.PATH ?? "");
    env = { ...g, ...env };
  }
  if (openCodeMock) {
    const dirs = { ...openCodeDirs(join(t0.root, "opencode")), home };
    seedOpenCodeHome(dirs, { mockUrl: openCodeMock.url });
    // OpenCode's XDG folders win over Gemini's: Gemini keeps its settings under HOME, not XDG.
    env = { ...env, ...openCodeEnv(dirs) };
  }
  const own = paths.flatMap((p) => p.split(":")).filter((d) => d && !system.includes(d));
  env.PATH = [...new Set([...own, ...system])].join(":");
  const wenv: Record<string, string> = {
    ...env,
    WINGMAN_STATE_DIR: t0.stateDir,
    WINGMAN_CODEX_COMMAND: CODEX_BIN,
    WINGMAN_CLAUDE_COMMAND: CLAUDE_BIN,
    ...(geminiMock ? { WINGMAN_GEMINI_COMMAND: GEMINI_BIN } : {}),
    ...(openCodeMock ? { WINGMAN_OPENCODE_COMMAND: OPENCODE_BIN } : {}),
  };
  const { createWingman } = await import("../src/core/wingman.js");
  const { resolveConfig } = await import("../src/config.js");
  const make = () => createWingman({ config: resolveConfig(o.config ?? {}, wenv), env: wenv, stateDir: t0.stateDir });
  const wingman = make();
  const wait = rigWaitState(wingman);
  const t: TempWingman = { ...t0, wingman, env: wenv, again: make, cleanup: t0.cleanup };
  const rig: CodexRig = {
    ...t,
    mock,
    claudeMock,
    geminiMock,
    openCodeMock,
    codexHome,
    work,
    waitState: (name, ok, ms = 15_000) => wait(name, ok, ms),
    startIdle: (name, agent = "codex") =>
      spawnIdle(wingman, rig.waitState, { session: name, workdir: work, agent, ms: START_MS[agent] }),
    modelGotPrompt: (text, ms = 10_000) => waitForPrompt(() => mock.prompts(), text, ms),
    clearRules: () => clearCodexRules(codexHome),
    async close() {
      // Our tmux server goes, and with it every agent it started: with --no-daemon no Codex outlives its pane;
      // Gemini may, so its panes' process groups are ended by id (gemini-rig.ts).
      if (geminiMock) await endGeminiPanes(wingman);
      await t.cleanup();
      await mock.close();
      await claudeMock?.close();
      await geminiMock?.close();
      await openCodeMock?.close();
    },
  };
  return rig;
}
