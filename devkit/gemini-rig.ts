// The real-CLI rig for Gemini CLI: Wingman (own state dir and tmux socket) driving the real Gemini CLI
// 0.61.0 with a private HOME against the scriptable mock on 127.0.0.1. Wingman passes its own environment
// to the agent, so the rig puts the launch line's environment (HOME, the mock's URL and key) into
// Wingman's env. The rig's folder is under ~/.cache/, not /tmp: Gemini skips Wingman's hook settings
// below a folder others can write to (docs/gemini.md, "Hooks"); and not inside this repository, where
// Wingman would give the session a worktree of the repository itself.
import { mkdirSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { SessionView } from "../src/api/types.js";
import type { WingmanConfigInput } from "../src/config.js";
import { GEMINI_BIN, geminiEnv, requireGemini, seedGeminiHome } from "./gemini-home.js";
import { type MockGemini, startMockGemini } from "./mock-gemini.js";
import { spawnIdle, type TempWingman, tempWingman } from "./temp-wingman.js";
import { rigWaitState, waitForPrompt } from "./wait.js";

export interface GeminiRig extends TempWingman {
  mock: MockGemini;
  home: string;
  /** A project folder, trusted in the seed. */
  work: string;
  waitState(name: string, ok: (v: SessionView) => boolean, ms?: number): Promise<SessionView>;
  /** Spawn a Gemini session in the rig's project folder and wait until it is idle. */
  startIdle(name: string): Promise<void>;
  /** Wait until the model received a prompt (a user text) equal to `text`, byte for byte. */
  modelGotPrompt(text: string, ms?: number): Promise<void>;
  close(): Promise<void>;
}

/** Whether a process group still has a member. */
function alive(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Ends our tmux server and what is left of its panes. Gemini does not always end on the hang-up tmux sends
 * when its server goes (seen here: one start in two outlived `kill-server` for seconds, some for minutes):
 * the panes' process groups are ours, so whatever of them is left after a grace period is killed by group.
 * Any rig that runs Gemini closes with this (the codex rig's mixed fleet too).
 */
export async function endGeminiPanes(wingman: TempWingman["wingman"]): Promise<void> {
  const groups = (await wingman.tmux.listPanes().catch(() => [])).map((p) => p.pid);
  await wingman.tmux.killServer();
  for (let i = 0; i < 30 && groups.some(alive); i++) await new Promise((r) => setTimeout(r, 100));
  for (const g of groups.filter(alive)) process.kill(-g, "SIGKILL");
}

export async function geminiRig(o: { config?: WingmanConfigInput; trusted?: boolean } = {}): Promise<GeminiRig> {
  requireGemini();
  const mock = await startMockGemini();
  const parent = join(homedir(), ".cache", "wingman-gemini-rigs");
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  const t0 = await tempWingman({ config: o.config, parent });
  const home = join(t0.root, "home");
  const work = join(t0.root, "project");
  await mkdir(home, { recursive: true });
  await mkdir(work);
  seedGeminiHome(home, { trustedDirs: o.trusted === false ? [] : [work] });
  const wenv: Record<string, string> = {
    ...geminiEnv({ home, mockUrl: mock.url }),
    WINGMAN_STATE_DIR: t0.stateDir,
    WINGMAN_GEMINI_COMMAND: GEMINI_BIN,
  };
  const { createWingman } = await import("../src/core/wingman.js");
  const { resolveConfig } = await import("../src/config.js");
  const make = () => createWingman({ config: resolveConfig(o.config ?? {}, wenv), env: wenv, stateDir: t0.stateDir });
  const wingman = make();
  const wait = rigWaitState(wingman);
  const t: TempWingman = { ...t0, wingman, env: wenv, again: make, cleanup: t0.cleanup };
  const rig: GeminiRig = {
    ...t,
    mock,
    home,
    work,
    waitState: (name, ok, ms = 20_000) => wait(name, ok, ms),
    startIdle: (name) =>
      spawnIdle(wingman, rig.waitState, { session: name, workdir: work, agent: "gemini", ms: 40_000 }),
    modelGotPrompt: (text, ms = 15_000) => waitForPrompt(() => mock.prompts(), text, ms),
    async close() {
      await endGeminiPanes(wingman);
      await t.cleanup();
      await mock.close();
    },
  };
  return rig;
}
