// The real-CLI rig for OpenCode: Wingman (own state dir and tmux socket) driving the real OpenCode 1.18.33
// with private HOME and XDG folders against the scriptable mock Responses API on 127.0.0.1. Wingman passes
// its own environment to the agent, so the rig puts the launch line's environment into Wingman's env.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { SessionView } from "../src/api/types.js";
import type { WingmanConfigInput } from "../src/config.js";
import { CLAUDE_BIN } from "./claude-home.js";
import { type MockOpenAI, startMockOpenAI } from "./mock-openai.js";
import { OPENCODE_BIN, openCodeDirs, openCodeEnv, requireOpenCode, seedOpenCodeHome } from "./opencode-home.js";
import { spawnIdle, type TempWingman, tempWingman } from "./temp-wingman.js";
import { rigWaitState, waitForPrompt } from "./wait.js";

/** OpenCode's first start in a fresh data folder sets up its database: allow for a loaded machine. */
export const OPENCODE_START_MS = 120_000;

export interface OpenCodeRig extends TempWingman {
  mock: MockOpenAI;
  /** A project folder. */
  work: string;
  waitState(name: string, ok: (v: SessionView) => boolean, ms?: number): Promise<SessionView>;
  /** Spawn an OpenCode session in the rig's project folder and wait until it is idle. */
  startIdle(name: string): Promise<void>;
  /** Wait until the model received a prompt (a user message) equal to `text`, byte for byte. */
  modelGotPrompt(text: string, ms?: number): Promise<void>;
  close(): Promise<void>;
}

export async function openCodeRig(o: { config?: WingmanConfigInput } = {}): Promise<OpenCodeRig> {
  requireOpenCode();
  const mock = await startMockOpenAI({ dialect: "opencode" });
  const t0 = await tempWingman({ command: CLAUDE_BIN, config: o.config });
  const dirs = openCodeDirs(join(t0.root, "oc"));
  const work = join(t0.root, "project");
  await mkdir(work);
  seedOpenCodeHome(dirs, { mockUrl: mock.url });
  const wenv: Record<string, string> = {
    ...openCodeEnv(dirs),
    WINGMAN_STATE_DIR: t0.stateDir,
    WINGMAN_OPENCODE_COMMAND: OPENCODE_BIN,
    WINGMAN_CLAUDE_COMMAND: CLAUDE_BIN,
  };
  const { createWingman } = await import("../src/core/wingman.js");
  const { resolveConfig } = await import("../src/config.js");
  const make = () => createWingman({ config: resolveConfig(o.config ?? {}, wenv), env: wenv, stateDir: t0.stateDir });
  const wingman = make();
  const wait = rigWaitState(wingman, { stepMs: 150 });
  const t: TempWingman = { ...t0, wingman, env: wenv, again: make, cleanup: t0.cleanup };
  const rig: OpenCodeRig = {
    ...t,
    mock,
    work,
    waitState: (name, ok, ms = 60_000) => wait(name, ok, ms),
    startIdle: (name) =>
      spawnIdle(wingman, rig.waitState, { session: name, workdir: work, agent: "opencode", ms: OPENCODE_START_MS }),
    modelGotPrompt: (text, ms = 60_000) => waitForPrompt(() => mock.prompts(), text, ms),
    async close() {
      await t.cleanup(); // kills our tmux server, and with it every OpenCode it started
      await mock.close();
    },
  };
  return rig;
}
