// Gemini CLI on the real CLI (0.61.0) against the mock Gemini API: spawn, states, an approval by id that
// runs the command, a deny with a reason that reaches the model, a question answered by id, errors with
// their reason, the text rule, and resume after a kill. One rig for the file.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionView } from "../../src/api/types.js";
import { type GeminiRig, geminiRig } from "../../devkit/gemini-rig.js";
import { say } from "../../devkit/say.js";
import { OWNER } from "../../devkit/temp-wingman.js";

describe("Gemini CLI on the real CLI", () => {
  let rig: GeminiRig;
  const S = "gem";
  const file = (n: string) => join(rig.work, n);

  async function ask(text: string, state: SessionView["state"] = "waiting_approval"): Promise<SessionView> {
    const s = await rig.wingman.send(S, text, {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    return rig.waitState(S, (v) => v.state === state && !!v.pending && !v.pending.optionsPending);
  }
  const idleWith = (last: string) => rig.waitState(S, (v) => v.state === "idle" && v.lastMessage === last);

  beforeAll(async () => {
    rig = await geminiRig();
    await rig.startIdle(S);
  }, 60_000);
  afterAll(async () => {
    await rig?.close();
  });

  it("spawns as agent gemini: idle, working while a reply runs, then idle with the last message and its session id", async () => {
    const [v0] = await rig.wingman.status(S);
    expect(v0).toMatchObject({ agent: "gemini", state: "idle", pending: null });
    const s = await rig.wingman.send(S, "SLOW 4 all done slowly", {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    await rig.waitState(S, (v) => v.state === "working", 10_000);
    await rig.waitState(S, (v) => v.state === "idle" && v.lastPrompt === "SLOW 4 all done slowly");
    // The last message comes from Gemini's AfterAgent hook (a streamed reply's chunks joined by Gemini
    // with spaces, docs/gemini.md): a one-chunk reply reads back exactly.
    expect((await rig.wingman.send(S, "SAY all done", {}, OWNER)).ok).toBe(true);
    const v = await idleWith("all done");
    expect(v.agentSessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("a shell command waits for approval with its options by role; approve by id runs it", async () => {
    const cmd = `touch ${file("approved.txt")}`;
    const v = await ask(`RUN_BASH ${cmd}`);
    expect(v.pending).toMatchObject({
      kind: "tool",
      tool: "Bash",
      detail: cmd,
      question: "Allow execution of [Shell]?",
    });
    expect(v.pending?.options.map((o) => [o.number, o.role, o.scope ?? null])).toEqual([
      [1, "once", null],
      [2, "always", "this session"],
      [3, "no", null],
    ]);
    const r = await rig.wingman.respond({ session: S, action: "approve", id: v.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    const after = await rig.waitState(S, (x) => x.state === "idle" && /^TOOL_RESULT: /.test(x.lastMessage ?? ""));
    expect(after.pending).toBeNull();
    expect(existsSync(file("approved.txt"))).toBe(true);
    // The model got the command's result back, not a refusal.
    const back = rig.mock.requests.filter((q) => q.directive === "TOOL_RESULT").at(-1);
    expect(JSON.stringify(back?.toolResponse)).toContain("Output: (empty)");
  });

  it("deny with a reason: nothing runs, and the reason reaches the model as the next prompt", async () => {
    const v = await ask(`RUN_BASH touch ${file("denied.txt")}`);
    const reason = "use the staging db instead";
    const r = await rig.wingman.respond({ session: S, action: "deny", id: v.pending!.id, reason }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    expect(say(r)).toContain(`Gemini CLI was told: "${reason}"`);
    await rig.modelGotPrompt(reason);
    await idleWith(`You said: ${reason}`);
    expect(existsSync(file("denied.txt"))).toBe(false);
  });

  it("a question from the model is answered by id with an option's number; the model receives the choice", async () => {
    const v = await ask("ASK Which colour should the button be? | Red | Blue", "waiting_input");
    expect(v.pending).toMatchObject({ kind: "question", question: "Which colour should the button be?" });
    expect(v.pending?.options.filter((o) => !o.freeText).map((o) => [o.number, o.label])).toEqual([
      [1, "Red"],
      [2, "Blue"],
    ]);
    const r = await rig.wingman.respond({ session: S, action: "answer", id: v.pending!.id, choices: ["2"] }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    await idleWith('TOOL_RESULT: {"answers":{"0":"Blue"}}');
  });

  it("errors: a 400 is an error with its reason; a new prompt clears it", async () => {
    await rig.wingman.send(S, "FAIL 400 the request was bad", {}, OWNER);
    const e = await rig.waitState(S, (x) => x.state === "error");
    expect(e.stateReason).toBe("other");
    expect(e.detail).toContain("the request was bad");
    await rig.wingman.send(S, "SAY back to normal", {}, OWNER);
    await idleWith("back to normal");
  });

  it("the text rule: line feeds and question marks reach the model byte-exact as one prompt", async () => {
    const text = "first line? yes\nsecond line; with a semicolon!\n  indented third line `code` and $HOME";
    const before = rig.mock.prompts().length;
    const s = await rig.wingman.send(S, text, {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    await rig.modelGotPrompt(text);
    expect(rig.mock.prompts().slice(before)).toEqual([text]);
  });

  it("resume after a kill: exited with `gemini --resume <id>`, then the same conversation continues", async () => {
    await idleWith(
      `You said: ${"first line? yes second line; with a semicolon! indented third line `code` and $HOME"}`,
    );
    expect((await rig.wingman.send(S, "SAY remember the word PELICAN-41", {}, OWNER)).ok).toBe(true);
    const before = await idleWith("remember the word PELICAN-41");
    const pane = (await rig.wingman.tmux.listPanes()).find((p) => p.session === S);
    expect(pane, "no pane").toBeDefined();
    // Gemini runs as a launcher and its relaunched child: the whole process group goes, as when a terminal closes.
    process.kill(-pane!.pid, "SIGKILL");
    const exited = await rig.waitState(S, (v) => v.state === "exited", 15_000);
    expect(exited.resumeCommand).toBe(`gemini --resume ${before.agentSessionId}`);

    const r = await rig.wingman.resume(S, OWNER);
    expect(r.ok, say(r)).toBe(true);
    // As a user or a script does: the follow-up goes as soon as `status` says idle. Gemini draws an empty input
    // box before it loads the conversation, and keys typed then are lost: Wingman reads that box as starting
    // (docs/gemini.md, "Resume"), so idle means the follow-up is taken.
    await rig.waitState(S, (v) => v.state === "idle", 40_000);
    const sent = rig.mock.requests.length;
    const s = await rig.wingman.send(S, "SAY what was the word", {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    await rig.modelGotPrompt("SAY what was the word", 30_000);
    const req = rig.mock.requests
      .slice(sent)
      .map((q) => JSON.stringify(q.body ?? ""))
      .filter((b) => b.includes("SAY what was the word"));
    expect(req[0]).toContain("PELICAN-41");
    const after = await idleWith("what was the word");
    expect(after.agentSessionId).toBe(before.agentSessionId);
    // The reply is on the resumed pane, below the earlier conversation.
    const pane2 = (await rig.wingman.tmux.listPanes()).find((p) => p.session === S);
    const screen = await rig.wingman.tmux.capture(pane2!.paneId);
    expect(screen).toContain("✦ what was the word");
    expect(screen.indexOf("remember the word PELICAN-41")).toBeLessThan(screen.indexOf("✦ what was the word"));
    // A kill and a whole new start of Gemini, on a machine that may be loaded: more than the default 60 s.
  }, 150_000);
});
