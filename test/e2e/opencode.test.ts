// OpenCode on the real CLI (1.18.33) against the mock Responses API: spawn, a dialog approved by id (the
// command runs), always (through OpenCode's confirmation), a deny with a reason that reaches the model as
// the next prompt, and resume after the agent is killed. One rig for the file: OpenCode starts slowly.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionView } from "../../src/api/types.js";
import { OPENCODE_START_MS, type OpenCodeRig, openCodeRig } from "../../devkit/opencode-rig.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";

// OpenCode is slow on a loaded machine (a turn took up to 30 s here, a start up to 42 s): each test may take
// the rig's waits (60 s per state, OPENCODE_START_MS for a start) rather than the suite's default.
describe("OpenCode on the real CLI", { timeout: 2 * 60_000 + OPENCODE_START_MS }, () => {
  let rig: OpenCodeRig;
  const S = "oc";
  const file = (n: string) => join(rig.work, n);

  async function ask(text: string): Promise<SessionView> {
    const s = await rig.wingman.send(S, text, {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    return rig.waitState(S, (v) => v.state === "waiting_approval" && !!v.pending && !v.pending.optionsPending);
  }

  beforeAll(async () => {
    rig = await openCodeRig();
    await rig.startIdle(S);
  }, OPENCODE_START_MS + 10_000);
  afterAll(async () => {
    await rig?.close();
  });

  it("spawns as agent opencode and is idle; a turn runs and ends with its reply", async () => {
    const [v0] = await rig.wingman.status(S);
    expect(v0).toMatchObject({ agent: "opencode", state: "idle", pending: null });
    const s = await rig.wingman.send(S, "SAY all done here", {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    const v = await rig.waitState(S, (x) => x.state === "idle" && x.lastMessage === "all done here");
    expect(v.agentSessionId).toMatch(/^ses_[A-Za-z0-9]+$/);
  });

  it("a shell command waits for approval with its buttons by role (numbered by Wingman); approve by id runs it", async () => {
    const v = await ask(`RUN_BASH touch ${file("approved.txt")}`);
    expect(v.pending).toMatchObject({ kind: "tool", tool: "Bash", detail: `touch ${file("approved.txt")}` });
    expect(v.pending?.options.map((o) => [o.label, o.role, o.number])).toEqual([
      ["Allow once", "once", null],
      ["Allow always", "always", null],
      ["Reject", "no", null],
    ]);
    // What Allow always grants comes from OpenCode's own request (its plugin signal), not a guess.
    expect(v.pending?.options[1]?.scope).toBe("touch * (until OpenCode is restarted)");
    const r = await rig.wingman.respond({ session: S, action: "approve", id: v.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    const after = await rig.waitState(
      S,
      (x) => x.state === "idle" && x.pending === null && existsSync(file("approved.txt")),
    );
    expect(after.lastMessage).toMatch(/^TOOL_RESULT/);
  });

  it("deny with a reason: Reject, then the reason reaches the model as the next prompt; nothing runs", async () => {
    const v = await ask(`RUN_BASH touch ${file("denied.txt")}`);
    const reason = "use the staging db instead";
    const r = await rig.wingman.respond({ session: S, action: "deny", id: v.pending!.id, reason }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    expect(say(r)).toContain(`OpenCode was told: "${reason}"`);
    await rig.modelGotPrompt(reason);
    await rig.waitState(S, (x) => x.state === "idle" && x.lastMessage === `You said: ${reason}`);
    expect(existsSync(file("denied.txt"))).toBe(false);
  });

  it("always: Allow always and its confirmation; the same kind of command then runs without a dialog", async () => {
    const v = await ask(`RUN_BASH touch ${file("always1.txt")}`);
    const r = await rig.wingman.respond({ session: S, action: "always", id: v.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    await rig.waitState(S, (x) => x.state === "idle" && existsSync(file("always1.txt")));
    const s = await rig.wingman.send(S, `RUN_BASH touch ${file("always2.txt")}`, {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    const after = await rig.waitState(S, (x) => x.state === "idle" && existsSync(file("always2.txt")));
    expect(after.pending).toBeNull();
  });

  it("killed, it comes back with opencode -s <id> and the model receives the earlier conversation", async () => {
    expect((await rig.wingman.send(S, "SAY remember the word PELICAN-41", {}, OWNER)).ok).toBe(true);
    const before = await rig.waitState(
      S,
      (v) => v.state === "idle" && v.lastMessage === "remember the word PELICAN-41",
    );
    const pane = (await rig.wingman.tmux.listPanes()).find((p) => p.session === S);
    expect(pane).toBeDefined();
    process.kill(pane!.pid, "SIGKILL");
    const exited = await rig.waitState(S, (v) => v.state === "exited", 15_000);
    expect(exited.resumeCommand).toBe(`opencode -s ${before.agentSessionId}`);

    const r = await rig.wingman.resume(S, OWNER);
    expect(r.ok, say(r)).toBe(true);
    await rig.waitState(S, (v) => v.state === "idle", OPENCODE_START_MS);
    const sent = rig.mock.requests.length;
    expect((await rig.wingman.send(S, "SAY what was the word", {}, OWNER)).ok).toBe(true);
    await rig.modelGotPrompt("SAY what was the word");
    const bodies = rig.mock.requests
      .slice(sent)
      .map((q) => JSON.stringify(q.body ?? ""))
      .filter((b) => b.includes("SAY what was the word"));
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies[0]).toContain("PELICAN-41");
  });
});
