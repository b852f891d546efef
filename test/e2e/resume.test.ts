// Resume on the real Claude Code 2.1.331: a session whose agent died mid-conversation (or whose tmux server
// went away) is started again with its own resume flag, and the model receives the earlier conversation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claudeRig, type Rig } from "../../devkit/claude-rig.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";

describe("resume on the real CLI", () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await claudeRig();
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

  it("refuses while the session runs, with nothing started", async () => {
    await rig.startIdle("rs-live");
    const r = await rig.wingman.resume("rs-live", OWNER);
    expect(r).toMatchObject({ ok: false, error: "wrong_state" });
    expect(say(r)).toMatch(/rs-live is still running \(idle\)/);
    expect((await rig.wingman.tmux.listPanes()).filter((p) => p.session === "rs-live")).toHaveLength(1);
  });

  it("a killed session comes back on its conversation: the model receives the earlier turn", async () => {
    await rig.startIdle("rs-a");
    expect((await rig.wingman.send("rs-a", "SAY remember the word PELICAN-41", {}, OWNER)).ok).toBe(true);
    const before = await rig.waitState(
      "rs-a",
      (v) => v.state === "idle" && v.lastPrompt === "SAY remember the word PELICAN-41",
    );
    await rig.transcriptHas("rs-a", "PELICAN-41"); // killed before Claude Code saved the turn, there is nothing to resume
    const exited = await killAgent("rs-a");
    expect(exited.resumeCommand).toBe(`claude --resume ${before.agentSessionId}`);

    const r = await rig.wingman.resume("rs-a", OWNER);
    expect(r.ok, say(r)).toBe(true);
    expect(say(r)).toContain(`rs-a resumed in ${rig.work}`);
    const back = await rig.waitState("rs-a", (v) => v.state === "idle");
    expect(back.workdir).toBe(exited.workdir);

    const sent = rig.mock.requests.length;
    expect((await rig.wingman.send("rs-a", "SAY what was the word", {}, OWNER)).ok).toBe(true);
    await rig.modelSaw("SAY what was the word");
    const req = rig.mock.requests
      .slice(sent)
      .find((x) => JSON.stringify(x.body ?? "").includes("SAY what was the word"));
    expect(JSON.stringify(req?.body)).toContain("PELICAN-41");

    const h = await rig.wingman.history(50);
    expect(h.entries.filter((e) => e.session === "rs-a").map((e) => e.event)).toEqual(
      expect.arrayContaining(["spawned", "prompt", "resumed"]),
    );
    const rec = (await rig.wingman.readRegistry()).sessions["rs-a"];
    expect(rec?.resumedAt).toBeDefined();
    expect(rec?.prompts.map((p) => p.text)).toContain("SAY remember the word PELICAN-41");
  });

  it("after the tmux server is gone, resume all brings back every session that has a conversation", async () => {
    await rig.startIdle("rs-b");
    expect((await rig.wingman.send("rs-b", "SAY hello from b", {}, OWNER)).ok).toBe(true);
    await rig.waitState("rs-b", (v) => v.state === "idle" && v.lastPrompt === "SAY hello from b");
    await rig.transcriptHas("rs-b", "hello from b");
    // rs-a's last turn (the test above) is saved too, or the reboot below would lose its conversation.
    await rig.waitState("rs-a", (v) => v.state === "idle");
    await rig.transcriptHas("rs-a", "SAY what was the word");
    // A reboot, as far as Wingman can tell: its own tmux server (its own socket) ends with every pane.
    await rig.wingman.tmux.killServer();
    const views = await rig.wingman.status();
    expect(views.every((v) => v.state === "exited")).toBe(true);

    const r = await rig.wingman.resumeAll(OWNER);
    expect(r.ok, say(r)).toBe(true);
    // rs-live never had a turn: nothing to continue, so it is left alone (and says why); the others come back.
    expect((r.ok && r.code === "resumed_all" ? r.facts.views : []).map((v) => v.name).sort(), say(r)).toEqual([
      "rs-a",
      "rs-b",
    ]);
    for (const n of ["rs-a", "rs-b"]) await rig.waitState(n, (v) => v.state === "idle");
    const [live] = await rig.wingman.status("rs-live");
    expect(live).toMatchObject({ state: "exited" });
    expect(live?.resumeCommand).toBeUndefined();
    const again = await rig.wingman.resume("rs-live", OWNER);
    expect(again).toMatchObject({
      ok: false,
      error: "wrong_state",
      facts: { why: "no_conversation", session: "rs-live" },
    });
    expect(say(again)).toMatch(/no conversation to resume/);
    const sent = rig.mock.requests.length;
    expect((await rig.wingman.send("rs-b", "SAY b is back", {}, OWNER)).ok).toBe(true);
    await rig.modelSaw("SAY b is back");
    expect(JSON.stringify(rig.mock.requests.slice(sent).map((x) => x.body))).toContain("hello from b");
  });

  it("an unknown session is not_found; a name that never ran is not started", async () => {
    const r = await rig.wingman.resume("nope", OWNER);
    expect(r).toMatchObject({ ok: false, error: "not_found" });
  });
});
