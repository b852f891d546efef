// A Wingman with its own state dir and tmux socket, torn down by the test that made it.
import { mkdtemp, realpath, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { resolveConfig, type WingmanConfigInput } from "../src/config.js";
import { createWingman, type WingmanCore } from "../src/core/wingman.js";
import type { Actor, SessionView } from "../src/api/types.js";
import { findTrees, waitGone } from "./processes.js";
import { say } from "./say.js";

export const STANDIN = resolve(import.meta.dirname, "standin-agent.mjs");
export const REPO = resolve(import.meta.dirname, "..");
export const OWNER: Actor = { id: "cli:test", channel: "cli", authorized: true };

export interface TempWingman {
  wingman: WingmanCore;
  stateDir: string;
  root: string;
  env: NodeJS.ProcessEnv;
  /** A fresh Wingman over the same state (as after a restart of the CLI or the host). */
  again(): WingmanCore;
  cleanup(): Promise<void>;
}

export async function tempWingman(
  o: {
    command?: string;
    env?: Record<string, string>;
    config?: WingmanConfigInput;
    /** Where the throwaway folder goes (default the system's temp folder). */
    parent?: string;
  } = {},
): Promise<TempWingman> {
  const root = await realpath(await mkdtemp(join(o.parent ?? tmpdir(), "wm-")));
  const stateDir = join(root, "state");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WINGMAN_STATE_DIR: stateDir,
    WINGMAN_CLAUDE_COMMAND: o.command ?? STANDIN,
    ...o.env,
  };
  delete env.WINGMAN_TMUX_SOCKET;
  const make = () => createWingman({ config: resolveConfig(o.config ?? {}, env), env, stateDir });
  const wingman = make();
  return {
    wingman,
    stateDir,
    root,
    env,
    again: make,
    async cleanup() {
      // The agents' processes, found from their panes before the server goes. Ended by tmux's hang-up, an agent
      // still writes its HOME as it exits (Claude Code its .claude.json and transcript): removed before that,
      // the folder came back, and every run left a few in the system's temp folder. So they are waited for (and
      // a process that outlives the hang-up by 5 s is killed by its PID) before the folder is removed.
      const panes = await wingman.tmux.listPanes().catch(() => []);
      const procs = await findTrees(panes.map((p) => p.pid));
      await wingman.tmux.killServer(); // our own socket only
      await waitGone(procs, 5000);
      await rm(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/**
 * Spawn `session` in `workdir` (with `agent`, or the default agent) and wait until it is idle: `waitState` is the
 * rig's, `ms` the agent's start time (the rig's default when absent). The start of the real-agent rigs' tests.
 */
export async function spawnIdle(
  wingman: Pick<WingmanCore, "spawn">,
  waitState: (name: string, ok: (v: SessionView) => boolean, ms?: number) => Promise<SessionView>,
  o: { session: string; workdir: string; agent?: string; ms?: number },
): Promise<void> {
  const r = await wingman.spawn(
    { session: o.session, workdir: o.workdir, ...(o.agent === undefined ? {} : { agent: o.agent }) },
    OWNER,
  );
  if (!r.ok) throw new Error(`spawn ${o.session} failed: ${say(r)}`);
  await waitState(o.session, (v) => v.state === "idle", o.ms);
}
