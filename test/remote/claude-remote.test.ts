// The real Claude Code on another machine: a fake host of real OpenSSH and tmux (its own hostname and HOME),
// Claude Code 2.1.331 started there by Wingman over SSH, talking to the mock API on 127.0.0.1 (the fake host
// shares this machine's network). Spawn → permission prompt → approve → the command runs THERE: it writes
// the host's own name, which only its UTS namespace says.
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLAUDE_BIN, FAKE_API_KEY, claudeEnv, seedClaudeHome } from "../../devkit/claude-home.js";
import { requireClaude } from "../../devkit/claude-rig.js";
import { type FakeSshHosts, fakeSshHosts, fakeSshUnavailable } from "../../devkit/fake-ssh-host.js";
import { type MockAnthropic, startMockAnthropic } from "../../devkit/mock-anthropic.js";
import { OWNER, type TempWingman, tempWingman } from "../../devkit/temp-wingman.js";
import { until } from "../../devkit/wait.js";
import { say } from "../../devkit/say.js";

/** What every response reports (the usage test below counts them). */
const USAGE = {
  input_tokens: 1200,
  output_tokens: 345,
  cache_read_input_tokens: 5000,
  cache_creation_input_tokens: 800,
};

describe("the real Claude Code on a fake SSH host", () => {
  let fake: FakeSshHosts;
  let mock: MockAnthropic;
  let t: TempWingman;
  let work: string;

  beforeAll(async () => {
    requireClaude();
    const why = await fakeSshUnavailable();
    if (why) throw new Error(`these tests need fake SSH hosts: ${why}`);
    fake = await fakeSshHosts(["build"]);
    mock = await startMockAnthropic({ usage: USAGE });
    work = join(fake.root, "project");
    await mkdir(work);
    // The host's HOME (/root there) gets the seeded Claude config, as a person's box would have it.
    seedClaudeHome(fake.hosts[0]!.home, { apiKey: FAKE_API_KEY, trustedDirs: [work] });
    const env = claudeEnv({ home: "/root", mockUrl: mock.url, apiKey: FAKE_API_KEY, maxRetries: 1 });
    t = await tempWingman({
      config: {
        hosts: { build: { ssh: fake.hosts[0]!.alias, sshConfig: fake.sshConfig, claudeCommand: CLAUDE_BIN, env } },
      },
    });
  }, 60_000);

  afterAll(async () => {
    await t?.wingman.fleet.close();
    await t?.cleanup();
    await fake?.cleanup();
    await mock?.close();
  });

  it("spawn on the host, approve the prompt by id: the command runs on that machine", async () => {
    const r = await t.wingman.spawn({ session: "remote-claude", workdir: work, host: "build" }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    const idle = await until(
      () => t.wingman.status("remote-claude"),
      (vs) => vs[0]?.state === "idle",
      45_000,
      200,
    );
    expect(idle[0]).toMatchObject({ host: "build", state: "idle", agent: "claude-code" });

    const out = join(work, "ran-on.txt");
    expect((await t.wingman.send("remote-claude", `RUN_BASH hostname > ${out}`, {}, OWNER)).ok).toBe(true);
    const [v] = await until(
      () => t.wingman.status("remote-claude"),
      (vs) => vs[0]?.state === "waiting_approval" && !!vs[0].pending && !vs[0].pending.optionsPending,
      30_000,
      100,
    );
    expect(v?.pending).toMatchObject({ kind: "tool", tool: "Bash", detail: `hostname > ${out}` });
    expect(existsSync(out)).toBe(false); // nothing ran before the answer
    const a = await t.wingman.respond(
      { session: "remote-claude", action: "approve", id: v!.pending!.id, confirm: v!.pending!.risk === "high" },
      OWNER,
    );
    expect(a.ok, say(a)).toBe(true);
    await until(
      async () => existsSync(out),
      (x) => x,
      20_000,
      100,
    );
    expect(await readFile(out, "utf8")).toBe("build\n");
    // The hook events came from the host: the session's record knows Claude's own session id.
    const [after] = await until(
      () => t.wingman.status("remote-claude"),
      (vs) => vs[0]?.state === "idle",
      20_000,
      200,
    );
    expect(after?.agentSessionId).toMatch(/^[0-9a-f-]{36}$/);
  }, 120_000);

  it("its usage is read from the transcript on that machine: tokens of every response, no money for an unpriced model", async () => {
    // Every answered request to the mock is one response in the transcript there (written after the turn).
    const answered = () => mock.requests.filter((r) => r.path.startsWith("/v1/messages") && r.doneAt).length;
    const report = await until(
      () => t.wingman.usage("remote-claude"),
      (r) => (r.sessions[0]?.usage?.outputTokens ?? 0) >= 345 * answered(),
      20_000,
      300,
    );
    const n = answered();
    expect(n).toBeGreaterThanOrEqual(2);
    const [row] = report.sessions;
    expect(row).toMatchObject({ session: "remote-claude", host: "build", agent: "claude-code" });
    expect(row!.usage).toMatchObject({
      inputTokens: 1200 * n,
      outputTokens: 345 * n,
      cacheReadTokens: 5000 * n,
      cacheWriteTokens: 800 * n,
      // Claude Code 2.1.331's default model has no row in the price table: tokens, and no money.
      costUsd: null,
    });
    expect(row!.usage!.model).toBe("claude-opus-5-5");
    const [v] = await t.wingman.status("remote-claude");
    expect(v!.usage).toEqual(row!.usage);
  }, 60_000);
});
