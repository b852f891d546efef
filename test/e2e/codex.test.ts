// Codex on the real CLI (0.171.0) against the mock Responses API: states, approvals by role, deny with a
// reason as a follow-up, errors, exit with its resume command, and the text rule. One rig for the file.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionView } from "../../src/api/types.js";
import { paneTarget } from "../../src/hosts/tmux.js";
import { type CodexRig, codexRig } from "../../devkit/codex-rig.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";

describe("Codex on the real CLI", () => {
  let rig: CodexRig;
  const S = "cdx";
  const file = (n: string) => join(rig.work, n);

  async function ask(text: string): Promise<SessionView> {
    const s = await rig.wingman.send(S, text, {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    return rig.waitState(S, (v) => v.state === "waiting_approval" && !!v.pending && !v.pending.optionsPending);
  }
  const idle = () => rig.waitState(S, (v) => v.state === "idle");

  beforeAll(async () => {
    rig = await codexRig();
    await rig.startIdle(S);
  }, 30_000);
  afterAll(async () => {
    await rig?.close();
  });

  it("spawns as agent codex: idle, then working while a reply runs, then idle with the last message", async () => {
    const [v0] = await rig.wingman.status(S);
    expect(v0).toMatchObject({ agent: "codex", state: "idle", pending: null });
    const s = await rig.wingman.send(S, "SLOW 3 all done slowly", {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    await rig.waitState(S, (v) => v.state === "working", 5000);
    const v = await rig.waitState(S, (x) => x.state === "idle" && x.lastMessage === "all done slowly");
    expect(v.agentSessionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("an escalated command waits for approval with its options by role; approve runs it", async () => {
    const v = await ask(`RUN_BASH touch ${file("approved.txt")}`);
    expect(v.pending).toMatchObject({ kind: "tool", tool: "Bash", detail: `touch ${file("approved.txt")}` });
    expect(v.pending?.options.map((o) => [o.number, o.role, o.scope ?? null])).toEqual([
      [1, "once", null],
      [2, "always", `touch ${file("approved.txt")}`],
      [3, "no", null],
    ]);
    const r = await rig.wingman.respond({ session: S, action: "approve", id: v.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    const after = await rig.waitState(S, (x) => x.state === "idle" && x.lastMessage === "TOOL_RESULT: (no output)");
    expect(after.pending).toBeNull();
    expect(existsSync(file("approved.txt"))).toBe(true);
  });

  it("deny: nothing runs and the turn ends", async () => {
    const v = await ask(`RUN_BASH touch ${file("denied.txt")}`);
    const r = await rig.wingman.respond({ session: S, action: "deny", id: v.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    expect(say(r)).toBe(`✗ ${S}: denied · Bash(touch ${file("denied.txt")})`);
    const after = await idle();
    expect(after.pending).toBeNull();
    expect(existsSync(file("denied.txt"))).toBe(false);
  });

  it("deny with a reason: No, then the reason reaches the model as the next prompt, and the reply says so", async () => {
    const v = await ask(`RUN_BASH touch ${file("denied2.txt")}`);
    const reason = "use the staging db instead";
    const r = await rig.wingman.respond({ session: S, action: "deny", id: v.pending!.id, reason }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    expect(say(r)).toContain(`Codex was told: "${reason}"`);
    await rig.modelGotPrompt(reason);
    await rig.waitState(S, (x) => x.state === "idle" && x.lastMessage === `You said: ${reason}`);
    expect(existsSync(file("denied2.txt"))).toBe(false);
  });

  it("always: the prefix rule is kept, and the same command then runs with no prompt", async () => {
    rig.clearRules();
    const cmd = `touch ${file("always.txt")}`;
    const v = await ask(`RUN_BASH ${cmd}`);
    const r = await rig.wingman.respond({ session: S, action: "always", id: v.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    expect(say(r)).toBe(`✓ ${S}: always allowed · Bash(${cmd}) · "${cmd}"`);
    await rig.waitState(S, (x) => x.state === "idle" && x.lastMessage === "TOOL_RESULT: (no output)");
    expect(existsSync(file("always.txt"))).toBe(true);
    expect(readFileSync(join(rig.codexHome, "rules", "default.rules"), "utf8")).toContain(file("always.txt"));
    const before = rig.mock.requests.length;
    const s = await rig.wingman.send(S, `RUN_BASH ${cmd}`, {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    const again = await rig.waitState(
      S,
      (x) => x.state === "idle" && rig.mock.requests.slice(before).some((q) => q.directive === "TOOL_RESULT"),
    );
    expect(again.pending).toBeNull();
    rig.clearRules();
  });

  it("errors: 429 is rate_limit, 500 is server; a new prompt clears the error", async () => {
    await rig.wingman.send(S, "FAIL 429", {}, OWNER);
    const a = await rig.waitState(S, (x) => x.state === "error");
    expect(a.stateReason).toBe("rate_limit");
    await rig.wingman.send(S, "FAIL 500", {}, OWNER);
    const b = await rig.waitState(S, (x) => x.state === "error" && x.stateReason === "server");
    expect(b.detail).toMatch(/high demand/);
    await rig.wingman.send(S, "SAY back to normal", {}, OWNER);
    await rig.waitState(S, (x) => x.state === "idle" && x.lastMessage === "back to normal");
  });

  it("the text rule: a follow-up with line feeds reaches the model byte-exact as one prompt, nothing before Enter", async () => {
    const text = "first line\nsecond line; with a semicolon;\n  indented third line `code` and $HOME";
    const io = rig.wingman.paneIO(S);
    const before = rig.mock.prompts().length;
    await io.type(text);
    await new Promise((r) => setTimeout(r, 1000));
    // Typed, not submitted: the composer holds all three lines and the model received nothing.
    const typed = rig.wingman.agentOf({ agent: "codex" }).classify(await io.capture());
    expect(typed.inputText).toBe(text);
    expect(rig.mock.prompts().length).toBe(before);
    await io.keys("Enter");
    await rig.modelGotPrompt(text);
    expect(rig.mock.prompts().slice(before)).toEqual([text]);
    await idle();
  });

  it("exit with Ctrl+C: exited, with `codex resume <thread id>`", async () => {
    const [v] = await rig.wingman.status(S);
    await rig.wingman.tmux.sendKeys(paneTarget(S), "C-c");
    const x = await rig.waitState(S, (y) => y.state === "exited");
    expect(x.resumeCommand).toBe(`codex resume ${v!.agentSessionId}`);
  });
});
