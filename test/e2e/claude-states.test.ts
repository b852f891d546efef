// Every state reached on purpose through Wingman, on the real Claude Code 2.1.331 against the mock,
// checked through what `status` reports (the same objects `wingman status --json` prints).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OWNER } from "../../devkit/temp-wingman.js";
import { claudeRig, type Rig } from "../../devkit/claude-rig.js";
import { say } from "../../devkit/say.js";

describe("Claude Code states through Wingman (real CLI)", () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await claudeRig({ trusted: false, maxRetries: 1 });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("a fresh folder shows the trust prompt; trust answers it by its text", async () => {
    const r = await rig.wingman.spawn({ session: "st", workdir: rig.work }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    const v = await rig.waitState("st", (s) => s.state === "trust_prompt");
    expect(v.pending).toMatchObject({ kind: "trust" });
    expect(v.pending?.options.map((o) => [o.label, o.highlighted])).toEqual([
      ["No, exit", true],
      ["Yes, I trust this folder", false],
    ]);
    const t = await rig.wingman.respond({ session: "st", action: "trust", id: v.pending!.id }, OWNER);
    expect(t.ok, say(t)).toBe(true);
    expect(say(t)).toContain("folder trusted");
    await rig.waitState("st", (s) => s.state === "idle");
  });

  it("working while a slow answer streams, then idle with Claude's last message from the Stop hook", async () => {
    const s = await rig.wingman.send("st", "SLOW 4 Streaming slowly for the working state.", {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    await rig.waitState("st", (v) => v.state === "working", 5000);
    const idle = await rig.waitState("st", (v) => v.state === "idle", 20_000);
    expect(idle.lastMessage).toContain("Streaming slowly for the working state.");
    expect(idle.lastPrompt).toBe("SLOW 4 Streaming slowly for the working state.");
    expect(idle.agentSessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("send refuses while the session works, and tell! (force) queues it", async () => {
    await rig.wingman.send("st", "SLOW 5 Busy for a while.", {}, OWNER);
    await rig.waitState("st", (v) => v.state === "working", 5000);
    const refused = await rig.wingman.send("st", "SAY second", {}, OWNER);
    expect(refused.ok).toBe(false);
    expect(say(refused)).toMatch(/st is working; nothing typed/);
    await rig.waitState("st", (v) => v.state === "idle", 20_000);
  });

  it.each([
    ["FAIL 401", "auth"],
    ["FAIL 429", "rate_limit"],
    ["FAIL 500", "server"],
    ["FAIL 529", "server"],
    ["DROP", "connection"],
  ])("%s ends the turn in error with reason %s", async (directive, reason) => {
    const s = await rig.wingman.send("st", directive, {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    const v = await rig.waitState("st", (x) => x.state === "error", 30_000);
    expect(v.stateReason).toBe(reason);
  });

  it("an error clears with the next prompt", async () => {
    const s = await rig.wingman.send("st", "SAY recovered", {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    const v = await rig.waitState("st", (x) => x.state === "idle", 15_000);
    expect(v.lastMessage).toContain("recovered");
  });

  it("/exit ends the session: exited, with the resume command", async () => {
    const s = await rig.wingman.send("st", "/exit", {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    const v = await rig.waitState("st", (x) => x.state === "exited", 15_000);
    expect(v.resumeCommand).toMatch(/^claude --resume [0-9a-f-]{36}$/);
  });
});
