// The real-CLI rig: Wingman (own state dir and tmux socket) driving the real Claude Code 2.1.331 in a
// throwaway HOME against the scriptable mock on 127.0.0.1. Wingman passes its own environment to the
// agent, so the rig puts the launch line's environment (docs/claude-code.md, "Offline test recipe") into Wingman's env.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { WingmanConfigInput } from "../src/config.js";
import type { SessionView } from "../src/api/types.js";
import { CLAUDE_BIN, FAKE_API_KEY, claudeEnv, seedClaudeHome } from "./claude-home.js";
import { type MockAnthropic, type MockUsage, type RecordedRequest, startMockAnthropic } from "./mock-anthropic.js";
import { spawnIdle, tempWingman, type TempWingman } from "./temp-wingman.js";
import { paneTarget } from "../src/hosts/tmux.js";
import { liveRigs } from "./live-rigs.js";
import { stallReport } from "./stall-report.js";
import { rigWaitState } from "./wait.js";

export interface Rig extends TempWingman {
  mock: MockAnthropic;
  home: string;
  /** A project folder; trusted in the seed unless `trusted: false`. */
  work: string;
  waitState(name: string, ok: (v: SessionView) => boolean, ms?: number): Promise<SessionView>;
  /** Spawn a session in the rig's project folder and wait until it is idle; fails with Wingman's message. */
  startIdle(name: string): Promise<void>;
  /** Wait until a request to the mock (what the model receives) contains `text`; fails after `ms`. */
  modelSaw(text: string, ms?: number): Promise<void>;
  /**
   * Wait until Claude Code has saved `text` in the session's transcript (what `claude --resume` reads). It
   * writes the transcript after the turn, in the background: under load the Stop hook (and so `idle`) can come
   * first, and an agent killed in between has no conversation to resume ("No conversation found").
   */
  transcriptHas(name: string, text: string, ms?: number): Promise<void>;
  /**
   * Wait until the turn that sent `text` to the model is over: that request has been answered, no request is in
   * flight, and Wingman says idle. `idle` alone is not enough between two tests: after an answer, the idle box
   * can show before the request carrying the answer has gone out, and the next test's follow-up is then
   * (correctly) refused as "working"; and a hook of the turn that lands late reads as fresh activity until the
   * Stop hook is in, so that is waited for too. `from`: only requests from that index of `mock.requests` count.
   * `text` may instead be a test of the request, e.g. `carriedToolResult` (the request after an approved tool).
   */
  turnOver(
    name: string,
    text: string | ((r: RecordedRequest) => boolean),
    o?: { from?: number; ms?: number },
  ): Promise<SessionView>;
  /** What its sessions, agent processes and mock are doing (test/explain-failures.ts prints it for a failed test). */
  explain(): Promise<string>;
  close(): Promise<void>;
}

/** The request that brought a tool's result back to the model (a tool_result and no user text after it). */
export const carriedToolResult = (r: RecordedRequest): boolean => r.directive === "TOOL_RESULT";

export function requireClaude(): void {
  if (!existsSync(CLAUDE_BIN)) {
    throw new Error(`Claude Code is not installed at ${CLAUDE_BIN}: run \`npm ci\` (it is a pinned devDependency)`);
  }
}

export async function claudeRig(
  o: { trusted?: boolean; maxRetries?: number; config?: WingmanConfigInput; usage?: MockUsage } = {},
): Promise<Rig> {
  requireClaude();
  const mock = await startMockAnthropic({ usage: o.usage });
  const t0 = await tempWingman({ command: CLAUDE_BIN, config: o.config });
  const home = join(t0.root, "home");
  const work = join(t0.root, "project");
  await mkdir(join(home, ".claude"), { recursive: true });
  await mkdir(work);
  seedClaudeHome(home, { apiKey: FAKE_API_KEY, trustedDirs: o.trusted === false ? [] : [work] });
  const env = claudeEnv({ home, mockUrl: mock.url, apiKey: FAKE_API_KEY, maxRetries: o.maxRetries ?? 1 });
  // Only the launch line's environment, plus Wingman's own variables: nothing of the developer's leaks in.
  const wenv: Record<string, string> = {
    ...env,
    WINGMAN_STATE_DIR: t0.stateDir,
    WINGMAN_CLAUDE_COMMAND: CLAUDE_BIN,
  };
  const t = await tempWingmanAt(t0, wenv, o.config);
  const wait = rigWaitState(t.wingman, { requests: mock.requests });
  const rig: Rig = {
    ...t,
    mock,
    home,
    work,
    waitState: (name, ok, ms = 20_000) => wait(name, ok, ms),
    startIdle: (name) => spawnIdle(t.wingman, rig.waitState, { session: name, workdir: work }),
    async modelSaw(text, ms = 15_000) {
      const until = Date.now() + ms;
      const seen = () => mock.requests.some((r) => JSON.stringify(r.body ?? "").includes(text));
      while (!seen()) {
        if (Date.now() > until) throw new Error(`the model never received ${JSON.stringify(text)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async turnOver(name, text, { from = 0, ms = 15_000 } = {}) {
      const until = Date.now() + ms;
      const carries =
        typeof text === "string" ? (r: RecordedRequest) => JSON.stringify(r.body ?? "").includes(text) : text;
      const answered = () => mock.requests.slice(from).some((r) => r.doneAt !== undefined && carries(r));
      const quiet = () => mock.requests.every((r) => r.method === "CONNECT" || r.doneAt !== undefined);
      for (;;) {
        if (answered() && quiet()) {
          const [v] = await t.wingman.status(name);
          // And Claude Code's own end of the turn: its Stop hook folded in (status folds the event files). Without
          // it, a hook of the same turn landing late under load (PostToolUse) read as fresh activity, and the next
          // send was refused as "working" (loaded run 3, e2e/questions).
          const hook = (await t.wingman.readRegistry()).sessions[name]?.hook as { turn?: string } | undefined;
          if (v?.state === "idle" && hook?.turn === "idle" && quiet()) return v;
        }
        if (Date.now() > until)
          throw new Error(
            `${name}: the turn that sent ${typeof text === "string" ? JSON.stringify(text) : text.name} did not end in ${ms} ms`,
          );
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async transcriptHas(name, text, ms = 15_000) {
      const id = (await t.wingman.readRegistry()).sessions[name]?.agentSessionId;
      if (!id) throw new Error(`${name} has no conversation id yet`);
      const projects = join(home, ".claude", "projects");
      const saved = () =>
        existsSync(projects) &&
        readdirSync(projects).some((d) => {
          const file = join(projects, d, `${id}.jsonl`);
          return existsSync(file) && readFileSync(file, "utf8").includes(text);
        });
      const until = Date.now() + ms;
      while (!saved()) {
        if (Date.now() > until)
          throw new Error(
            `Claude Code never saved ${JSON.stringify(text)} in ${name}'s transcript (${id}.jsonl under ${projects})`,
          );
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async explain() {
      const now = Date.now();
      const out: string[] = [];
      const reg = await t.wingman.readRegistry();
      for (const name of Object.keys(reg.sessions)) {
        const [v] = await t.wingman.status(name);
        const hook = reg.sessions[name]?.hook as { turn?: string; turnAt?: string; lastEventAt?: string } | undefined;
        out.push(
          `${name}: ${v?.state ?? "no view"} (${v?.detail ?? ""}); hooks: turn ${hook?.turn ?? "-"} since ${hook?.turnAt ?? "-"}, last event ${hook?.lastEventAt ?? "-"}; now ${new Date(now).toISOString()}`,
        );
        const screen = await t.wingman.tmux.capture(paneTarget(name)).catch(() => "");
        out.push(
          ...screen
            .split("\n")
            .filter((l) => l.trim())
            .slice(-12)
            .map((l) => `  | ${l.trimEnd()}`),
        );
        out.push(await stallReport(() => t.wingman.tmux.listPanes(), name));
      }
      const last = mock.requests.slice(-5).map((r) => {
        const answered = r.doneAt === undefined ? "open" : `answered in ${r.doneAt - r.at} ms`;
        return `${r.directive} ${now - r.at} ms ago, ${answered}`;
      });
      out.push(`mock: ${mock.requests.length} requests; the last: ${last.join("; ") || "none"}`);
      return out.join("\n");
    },
    async close() {
      liveRigs.delete(rig);
      await t.cleanup();
      await mock.close();
    },
  };
  liveRigs.add(rig);
  return rig;
}

/** Rebuild the temp Wingman over the same folders with an exact environment. */
async function tempWingmanAt(
  t0: TempWingman,
  env: Record<string, string>,
  config?: WingmanConfigInput,
): Promise<TempWingman> {
  const { createWingman } = await import("../src/core/wingman.js");
  const { resolveConfig } = await import("../src/config.js");
  const make = () => createWingman({ config: resolveConfig(config ?? {}, env), env, stateDir: t0.stateDir });
  const wingman = make();
  return { ...t0, wingman, env, again: make, cleanup: t0.cleanup };
}
