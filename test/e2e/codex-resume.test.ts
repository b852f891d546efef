// Resume on the real Codex CLI 0.171.0: a Codex session whose agent died mid-conversation (or whose tmux
// server went away) is started again with `codex resume <thread id>`, and the model receives the earlier
// conversation. The Codex twin of resume.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CodexRig, codexRig } from "../../devkit/codex-rig.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";

describe("resume a Codex session on the real CLI", () => {
  let rig: CodexRig;
  beforeAll(async () => {
    rig = await codexRig();
  });
  afterAll(async () => {
    await rig?.close();
  });

  const killAgent = async (name: string) => {
    const pane = (await rig.wingman.tmux.listPanes()).find((p) => p.session === name);
    expect(pane, `no pane for ${name}`).toBeDefined();
    process.kill(pane!.pid, "SIGKILL");
    return rig.waitState(name, (v) => v.state === "exited", 10_000);
  };
  /** The requests the model received since `from` whose body holds `text`, as JSON. */
  const bodiesWith = (from: number, text: string) =>
    rig.mock.requests
      .slice(from)
      .map((r) => JSON.stringify(r.body ?? ""))
      .filter((b) => b.includes(text));

  it("refuses while the session runs, with nothing started", async () => {
    await rig.startIdle("cr-live");
    const r = await rig.wingman.resume("cr-live", OWNER);
    expect(r).toMatchObject({ ok: false, error: "wrong_state" });
    expect(say(r)).toMatch(/cr-live is still running \(idle\)/);
    expect((await rig.wingman.tmux.listPanes()).filter((p) => p.session === "cr-live")).toHaveLength(1);
  });

  it("a killed Codex session comes back on its thread: the model receives the earlier turn", async () => {
    await rig.startIdle("cr-a");
    expect((await rig.wingman.send("cr-a", "SAY remember the word PELICAN-41", {}, OWNER)).ok).toBe(true);
    const before = await rig.waitState(
      "cr-a",
      (v) => v.state === "idle" && v.lastMessage === "remember the word PELICAN-41",
    );
    expect(before.agentSessionId).toMatch(/^[0-9a-f-]{36}$/);
    const exited = await killAgent("cr-a");
    expect(exited.resumeCommand).toBe(`codex resume ${before.agentSessionId}`);

    const r = await rig.wingman.resume("cr-a", OWNER);
    expect(r.ok, say(r)).toBe(true);
    expect(say(r)).toContain(`cr-a resumed in ${rig.work}`);
    const back = await rig.waitState("cr-a", (v) => v.state === "idle");
    expect(back).toMatchObject({ agent: "codex", workdir: exited.workdir });

    const sent = rig.mock.requests.length;
    expect((await rig.wingman.send("cr-a", "SAY what was the word", {}, OWNER)).ok).toBe(true);
    await rig.modelGotPrompt("SAY what was the word");
    // The request that carries the new prompt carries the earlier turn too: the same thread, continued.
    const req = bodiesWith(sent, "SAY what was the word");
    expect(req.length).toBeGreaterThan(0);
    expect(req[0]).toContain("PELICAN-41");
    const after = await rig.waitState("cr-a", (v) => v.state === "idle" && v.lastMessage === "what was the word");
    // Still the same Codex thread (notify reports its id at the turn's end), and no resume command while it runs.
    expect(after.agentSessionId).toBe(before.agentSessionId);
    expect(after.resumeCommand).toBeUndefined();

    const h = await rig.wingman.history(50);
    expect(h.entries.filter((e) => e.session === "cr-a").map((e) => e.event)).toEqual(
      expect.arrayContaining(["spawned", "prompt", "resumed"]),
    );
  });

  it("after the tmux server is gone, resume all brings back the Codex session that has a conversation", async () => {
    await rig.startIdle("cr-b");
    expect((await rig.wingman.send("cr-b", "SAY hello from b", {}, OWNER)).ok).toBe(true);
    await rig.waitState("cr-b", (v) => v.state === "idle" && v.lastMessage === "hello from b");
    // A reboot, as far as Wingman can tell: its own tmux server (its own socket) ends with every pane.
    await rig.wingman.tmux.killServer();
    const views = await rig.wingman.status();
    expect(views.every((v) => v.state === "exited")).toBe(true);

    const r = await rig.wingman.resumeAll(OWNER);
    expect(r.ok, say(r)).toBe(true);
    // cr-live never had a turn: nothing to continue, so it is left alone; the others come back.
    expect((r.ok && r.code === "resumed_all" ? r.facts.views : []).map((v) => v.name).sort(), say(r)).toEqual([
      "cr-a",
      "cr-b",
    ]);
    for (const n of ["cr-a", "cr-b"]) await rig.waitState(n, (v) => v.state === "idle");
    const [live] = await rig.wingman.status("cr-live");
    expect(live).toMatchObject({ state: "exited" });
    expect(live?.resumeCommand).toBeUndefined();
    const sent = rig.mock.requests.length;
    expect((await rig.wingman.send("cr-b", "SAY b is back", {}, OWNER)).ok).toBe(true);
    await rig.modelGotPrompt("SAY b is back");
    expect(bodiesWith(sent, "SAY b is back").join("\n")).toContain("hello from b");
  });
});
