// The real-CLI rig for Codex: Wingman (own state dir and tmux socket) driving the real Codex CLI 0.171.0
// with a private CODEX_HOME against the scriptable mock on 127.0.0.1. Wingman passes its own environment
// to the agent, so the rig puts the launch line's environment (CODEX_HOME, the mock's key) into Wingman's
// env. `withClaude` also seeds Claude Code against its own mock, for a mixed fleet in one Wingman.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { SessionView } from "../src/api/types.js";
import type { WingmanConfigInput } from "../src/config.js";
import { CLAUDE_BIN, FAKE_API_KEY, claudeEnv, seedClaudeHome } from "./claude-home.js";
import { requireClaude } from "./claude-rig.js";
import { CODEX_BIN, clearCodexRules, codexEnv, requireCodex, seedCodexHome } from "./codex-home.js";
import { type MockAnthropic, startMockAnthropic } from "./mock-anthropic.js";
import { type MockOpenAI, type MockOpenAIUsage, startMockOpenAI } from "./mock-openai.js";
import { OWNER, type TempWingman, tempWingman } from "./temp-wingman.js";
import { say } from "./say.js";

export interface CodexRig extends TempWingman {
  mock: MockOpenAI;
  /** Claude Code's mock, with `withClaude`. */
  claudeMock?: MockAnthropic;
  codexHome: string;
  /** A project folder, trusted in the seed. */
  work: string;
  waitState(name: string, ok: (v: SessionView) => boolean, ms?: number): Promise<SessionView>;
  /** Spawn a Codex session in the rig's project folder and wait until it is idle. */
  startIdle(name: string, agent?: "codex" | "claude-code"): Promise<void>;
  /** Wait until the model received a prompt (a user message) equal to `text`, byte for byte. */
  modelGotPrompt(text: string, ms?: number): Promise<void>;
  /** Forget "don't ask again" rules between tests. */
  clearRules(): void;
  close(): Promise<void>;
}

export async function codexRig(
  o: { withClaude?: boolean; config?: WingmanConfigInput; usage?: MockOpenAIUsage } = {},
): Promise<CodexRig> {
  requireCodex();
  if (o.withClaude) requireClaude();
  const mock = await startMockOpenAI({ usage: o.usage });
  const claudeMock = o.withClaude ? await startMockAnthropic() : undefined;
  const t0 = await tempWingman({ command: CLAUDE_BIN, config: o.config });
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
  const wenv: Record<string, string> = {
    ...env,
    WINGMAN_STATE_DIR: t0.stateDir,
    WINGMAN_CODEX_COMMAND: CODEX_BIN,
    WINGMAN_CLAUDE_COMMAND: CLAUDE_BIN,
  };
  const { createWingman } = await import("../src/core/wingman.js");
  const { resolveConfig } = await import("../src/config.js");
  const make = () => createWingman({ config: resolveConfig(o.config ?? {}, wenv), env: wenv, stateDir: t0.stateDir });
  const wingman = make();
  const t: TempWingman = { ...t0, wingman, env: wenv, again: make, cleanup: t0.cleanup };
  const rig: CodexRig = {
    ...t,
    mock,
    claudeMock,
    codexHome,
    work,
    async waitState(name, ok, ms = 15_000) {
      const until = Date.now() + ms;
      let last: SessionView | undefined;
      while (Date.now() < until) {
        [last] = await wingman.status(name);
        if (last && ok(last)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`${name} did not reach the expected state in ${ms} ms; last: ${JSON.stringify(last)}`);
    },
    async startIdle(name, agent = "codex") {
      const r = await wingman.spawn({ session: name, workdir: work, agent }, OWNER);
      if (!r.ok) throw new Error(`spawn ${name} failed: ${say(r)}`);
      await rig.waitState(name, (v) => v.state === "idle");
    },
    async modelGotPrompt(text, ms = 10_000) {
      const until = Date.now() + ms;
      while (!mock.prompts().includes(text)) {
        if (Date.now() > until)
          throw new Error(
            `the model never received the prompt ${JSON.stringify(text)}; it got ${JSON.stringify(mock.prompts())}`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    clearRules: () => clearCodexRules(codexHome),
    async close() {
      await t.cleanup(); // kills our tmux server: with --no-daemon no Codex process outlives its pane
      await mock.close();
      await claudeMock?.close();
    },
  };
  return rig;
}
