// A model per session on the real CLIs against their mocks: `spawn … model=M` starts Claude Code with
// `--model M` and Codex with `--model M`, and the model each request asks the API for is M; the registry keeps
// it, `status` shows it, and resume starts the agent on the same model. A bad name is refused before anything
// starts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CodexRig, codexRig } from "../../devkit/codex-rig.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";

describe("model per session on the real CLIs", () => {
  let rig: CodexRig;
  beforeAll(async () => {
    rig = await codexRig({ withClaude: true });
  });
  afterAll(async () => {
    await rig?.close();
  });

  const killAgent = async (name: string) => {
    const pane = (await rig.wingman.tmux.listPanes()).find((p) => p.session === name);
    expect(pane, `no pane for ${name}`).toBeDefined();
    process.kill(pane!.pid, "SIGKILL");
    return rig.waitState(name, (v) => v.state === "exited", 15_000);
  };

  it("Claude Code asks the API for the chosen model, before and after resume", async () => {
    const r = await rig.wingman.spawn(
      { session: "m-claude", workdir: rig.work, agent: "claude-code", model: "claude-test-model-7" },
      OWNER,
    );
    expect(r.ok, say(r)).toBe(true);
    await rig.waitState("m-claude", (v) => v.state === "idle", 30_000);
    const [view] = await rig.wingman.status("m-claude");
    expect(view!.model).toBe("claude-test-model-7");
    expect((await rig.wingman.send("m-claude", "SAY the model was chosen", {}, OWNER)).ok).toBe(true);
    await rig.waitState("m-claude", (v) => v.state === "idle" && v.lastMessage === "the model was chosen", 30_000);
    const asked = rig.claudeMock!.requests.filter((q) => JSON.stringify(q.body ?? "").includes("SAY the model was"));
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.map((q) => q.model)).toEqual(asked.map(() => "claude-test-model-7"));

    await killAgent("m-claude");
    const back = await rig.wingman.resume("m-claude", OWNER);
    expect(back.ok, say(back)).toBe(true);
    await rig.waitState("m-claude", (v) => v.state === "idle", 30_000);
    const from = rig.claudeMock!.requests.length;
    expect((await rig.wingman.send("m-claude", "SAY after resume", {}, OWNER)).ok).toBe(true);
    await rig.waitState("m-claude", (v) => v.state === "idle" && v.lastMessage === "after resume", 30_000);
    const again = rig
      .claudeMock!.requests.slice(from)
      .filter((q) => JSON.stringify(q.body ?? "").includes("SAY after resume"));
    expect(again.length).toBeGreaterThan(0);
    expect(new Set(again.map((q) => q.model))).toEqual(new Set(["claude-test-model-7"]));
  });

  it("Codex asks the API for the chosen model", async () => {
    const r = await rig.wingman.spawn(
      { session: "m-codex", workdir: rig.work, agent: "codex", model: "gpt-test-5.1" },
      OWNER,
    );
    expect(r.ok, say(r)).toBe(true);
    await rig.waitState("m-codex", (v) => v.state === "idle", 30_000);
    expect((await rig.wingman.status("m-codex"))[0]!.model).toBe("gpt-test-5.1");
    expect((await rig.wingman.send("m-codex", "SAY codex on its model", {}, OWNER)).ok).toBe(true);
    await rig.modelGotPrompt("SAY codex on its model", 20_000);
    const asked = rig.mock.requests.filter((q) => q.userText === "SAY codex on its model");
    expect(asked.length).toBeGreaterThan(0);
    expect(new Set(asked.map((q) => q.model))).toEqual(new Set(["gpt-test-5.1"]));
  });

  it("a model name that is not one is refused, and nothing starts", async () => {
    const r = await rig.wingman.spawn(
      { session: "m-bad", workdir: rig.work, agent: "codex", model: "--dangerously-bypass" },
      OWNER,
    );
    expect(r).toMatchObject({ ok: false, error: "usage", facts: { why: "bad_model" } });
    expect(say(r)).toMatch(/invalid model "--dangerously-bypass"/);
    expect((await rig.wingman.tmux.listPanes()).some((p) => p.session === "m-bad")).toBe(false);
  });
});
