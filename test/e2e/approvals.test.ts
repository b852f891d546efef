// Approvals on the real CLI: each answer does exactly what the person named, or nothing.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionView } from "../../src/api/types.js";
import { paneTarget } from "../../src/hosts/tmux.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { carriedToolResult, claudeRig, type Rig } from "../../devkit/claude-rig.js";
import { say } from "../../devkit/say.js";

/** The text of every tool_result the mock received (what the model was told). */
function toolResults(rig: Rig): string {
  return JSON.stringify(rig.mock.requests.map((r) => r.body));
}

describe("approvals on the real CLI", () => {
  let rig: Rig;
  const S = "appr";

  // Every test leaves the session at rest: a turn an answer resumed is over only when the mock has answered the
  // request it led to (the tool's result, or a deny's reason) and nothing is in flight (rig.turnOver). Waiting
  // for `idle` alone let a test end while Claude Code, on a loaded machine, had not yet drawn its spinner for
  // that request; the next test's send was then refused, correctly, as "working" (nothing typed).
  async function ask(directive: string): Promise<SessionView> {
    const s = await rig.wingman.send(S, directive, {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    return rig.waitState(S, (v) => v.state === "waiting_approval" && !!v.pending && !v.pending.optionsPending, 15_000);
  }
  /** The index of the next request the mock will receive: what a test's answer leads to comes after it. */
  const mark = () => rig.mock.requests.length;

  beforeAll(async () => {
    rig = await claudeRig({ maxRetries: 1 });
    await rig.startIdle(S);
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("shows the Bash prompt with its options by role and the exact always scope", async () => {
    const v = await ask("RUN_BASH python3 -c 'print(6*7)'");
    expect(v.pending).toMatchObject({ kind: "tool", tool: "Bash", detail: "python3 -c 'print(6*7)'" });
    expect(v.pending?.id).toMatch(/^[23456789abcdefghjkmnpqrstuvwxyz]{4}$/);
    expect(v.pending?.options.map((o) => [o.number, o.role, o.scope ?? null])).toEqual([
      [1, "once", null],
      [2, "always", "python3 *"],
      [3, "auto_mode", null],
      [4, "no", null],
    ]);
  });

  it("approve once runs the tool (the model receives its output)", async () => {
    const [v] = await rig.wingman.status(S);
    const from = mark();
    const r = await rig.wingman.respond({ session: S, action: "approve", id: v!.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    expect(say(r)).toBe(`✓ ${S}: approved once · Bash(python3 -c 'print(6*7)')`);
    await rig.modelSaw("42");
    await rig.turnOver(S, carriedToolResult, { from });
  });

  it("always allows the scope: the same command then runs with no prompt", async () => {
    const v = await ask("RUN_BASH python3 -c 'print(7*8)'");
    const from = mark();
    const r = await rig.wingman.respond({ session: S, action: "always", id: v.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    expect(say(r)).toContain('"python3 *"');
    await rig.modelSaw("56");
    await rig.turnOver(S, carriedToolResult, { from });
    const again = mark();
    const sent = await rig.wingman.send(S, "RUN_BASH python3 -c 'print(9*9)'", {}, OWNER);
    expect(sent.ok, say(sent)).toBe(true);
    const after = await rig.turnOver(S, carriedToolResult, { from: again });
    expect(toolResults(rig)).toContain("81");
    expect(after.pending).toBeNull();
    const settings = JSON.parse(await readFile(join(rig.work, ".claude", "settings.local.json"), "utf8"));
    expect(settings.permissions.allow).toContain("Bash(python3 *)");
  });

  it("deny leaves the tool unrun and Claude in manual mode", async () => {
    const v = await ask(`RUN_BASH touch ${join(rig.work, "denied.txt")}`);
    const r = await rig.wingman.respond({ session: S, action: "deny", id: v.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    const idle = await rig.waitState(S, (x) => x.state === "idle");
    expect(idle.pending).toBeNull();
    expect(existsSync(join(rig.work, "denied.txt"))).toBe(false);
    const screen = await rig.wingman.tmux.capture(paneTarget(S));
    expect(screen).toContain("manual mode on");
  });

  it("deny with a reason: the model receives the reason", async () => {
    const v = await ask(`RUN_BASH touch ${join(rig.work, "denied2.txt")}`);
    const from = mark();
    const r = await rig.wingman.respond(
      { session: S, action: "deny", id: v.pending!.id, reason: "use the staging db instead" },
      OWNER,
    );
    expect(r.ok, say(r)).toBe(true);
    expect(say(r)).toContain('Claude Code was told: "use the staging db instead"');
    await rig.modelSaw("use the staging db instead");
    await rig.turnOver(S, "use the staging db instead", { from });
    expect(existsSync(join(rig.work, "denied2.txt"))).toBe(false);
  });

  it("an id answered in the terminal first is refused with nothing pressed", async () => {
    const v = await ask(`RUN_BASH touch ${join(rig.work, "terminal.txt")}`);
    const old = v.pending!.id;
    await new Promise((r) => setTimeout(r, 1200)); // the person reads the dialog, then answers at the keyboard
    const from = mark();
    await rig.wingman.tmux.sendKeys(paneTarget(S), "1");
    await rig.turnOver(S, carriedToolResult, { from });
    expect(existsSync(join(rig.work, "terminal.txt"))).toBe(true);
    const before = rig.mock.requests.length;
    const r = await rig.wingman.respond({ session: S, action: "approve", id: old }, OWNER);
    expect(r.ok).toBe(false);
    expect(say(r)).toContain(`prompt ${old} is no longer pending`);
    const audit = await rig.wingman.audit();
    expect(audit.at(-1)).toMatchObject({ outcome: "refused", promptId: old });
    expect(audit.at(-1)?.keys).toBeUndefined();
    expect(rig.mock.requests.length).toBe(before);
  });

  it("an answer without an id is refused unless that prompt is the one the person was shown", async () => {
    const v = await ask(`RUN_BASH touch ${join(rig.work, "noid.txt")}`);
    const stranger = { id: "whatsapp:+15550002222", channel: "whatsapp", authorized: true };
    const r1 = await rig.wingman.respond({ session: S, action: "approve" }, stranger);
    expect(r1.ok).toBe(false);
    expect(say(r1)).toContain(v.pending!.id);
    // The refusal showed it; now the id-less answer applies to exactly that prompt.
    const from = mark();
    const r2 = await rig.wingman.respond({ session: S, action: "approve" }, stranger);
    expect(r2.ok, say(r2)).toBe(true);
    await rig.turnOver(S, carriedToolResult, { from });
    expect(existsSync(join(rig.work, "noid.txt"))).toBe(true);
  });

  it("an unauthorized sender is refused and the attempt is logged", async () => {
    const v = await ask(`RUN_BASH touch ${join(rig.work, "unauth.txt")}`);
    const r = await rig.wingman.respond(
      { session: S, action: "approve", id: v.pending!.id },
      { id: "+15559999999", channel: "whatsapp", authorized: false },
    );
    expect(r.ok).toBe(false);
    expect(r).toMatchObject({
      error: "not_owner",
      facts: { why: "not_owner", actor: "+15559999999", deed: "answer prompts" },
    });
    expect(say(r)).toBe("✗ only the owner can answer prompts (+15559999999 is not one)");
    // A non-owner's refusal is logged in the strangers' own capped log, not in the owner's audit (docs/security.md).
    expect((await rig.wingman.journal.readStrangers(1)).at(-1)).toMatchObject({
      actor: "+15559999999",
      outcome: "refused",
      n: 1,
    });
    expect((await rig.wingman.audit()).some((e) => e.actor === "+15559999999")).toBe(false);
    const d = await rig.wingman.respond({ session: S, action: "deny", id: v.pending!.id }, OWNER);
    expect(d.ok, say(d)).toBe(true);
    await rig.waitState(S, (x) => x.state === "idle");
  });

  it("a high-risk command: always refused, approve needs confirm", async () => {
    const v = await ask(`RUN_BASH rm -rf ${join(rig.work, "build")}`);
    expect(v.pending?.risk).toBe("high");
    const a = await rig.wingman.respond({ session: S, action: "always", id: v.pending!.id }, OWNER);
    expect(a.ok).toBe(false);
    expect(say(a)).toMatch(/"always" is refused for a high-risk prompt/);
    const b = await rig.wingman.respond({ session: S, action: "approve", id: v.pending!.id }, OWNER);
    expect(b.ok).toBe(false);
    expect(say(b)).toContain(`approve ${S} ${v.pending!.id} confirm`);
    const [still] = await rig.wingman.status(S);
    expect(still?.pending?.id).toBe(v.pending!.id);
    const from = mark();
    const c = await rig.wingman.respond({ session: S, action: "approve", id: v.pending!.id, confirm: true }, OWNER);
    expect(c.ok, say(c)).toBe(true);
    await rig.turnOver(S, carriedToolResult, { from });
  });

  it("Write and Edit prompts are approved by role", async () => {
    const file = join(rig.work, "notes.txt");
    const w = await ask(`WRITE_FILE ${file} hello from wingman`);
    expect(w.pending).toMatchObject({ kind: "tool", tool: "Write" });
    expect(w.pending?.options.map((o) => o.role)).toEqual(["once", "always", "no"]);
    const wrote = mark();
    const r = await rig.wingman.respond({ session: S, action: "approve", id: w.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    await rig.turnOver(S, carriedToolResult, { from: wrote });
    expect(await readFile(file, "utf8")).toContain("hello from wingman");

    const e = await ask(`EDIT_FILE ${file} hello => goodbye`);
    expect(e.pending).toMatchObject({ kind: "tool", tool: "Edit" });
    const edited = mark();
    const r2 = await rig.wingman.respond({ session: S, action: "approve", id: e.pending!.id }, OWNER);
    expect(r2.ok, say(r2)).toBe(true);
    await rig.turnOver(S, carriedToolResult, { from: edited });
    expect(await readFile(file, "utf8")).toContain("goodbye from wingman");
  });

  it("two sessions with pending prompts are answered independently by id", async () => {
    await rig.startIdle("appr2");
    const a = await ask(`RUN_BASH touch ${join(rig.work, "one.txt")}`);
    await rig.wingman.send("appr2", `RUN_BASH touch ${join(rig.work, "two.txt")}`, {}, OWNER);
    const b = await rig.waitState(
      "appr2",
      (v) => v.state === "waiting_approval" && !!v.pending && !v.pending.optionsPending,
    );
    expect(a.pending!.id).not.toBe(b.pending!.id);
    const wrong = await rig.wingman.respond({ session: "appr2", action: "approve", id: a.pending!.id }, OWNER);
    expect(wrong.ok).toBe(false);
    const d = await rig.wingman.respond({ session: "appr2", action: "deny", id: b.pending!.id }, OWNER);
    expect(d.ok, say(d)).toBe(true);
    const from = mark();
    const ok = await rig.wingman.respond({ session: S, action: "approve", id: a.pending!.id }, OWNER);
    expect(ok.ok, say(ok)).toBe(true);
    await rig.turnOver(S, carriedToolResult, { from });
    await rig.waitState("appr2", (x) => x.state === "idle");
    expect(existsSync(join(rig.work, "one.txt"))).toBe(true);
    expect(existsSync(join(rig.work, "two.txt"))).toBe(false);
  });

  it("writes nothing into the user's settings: hooks come from Wingman's --settings file", async () => {
    expect(existsSync(join(rig.work, ".claude", "settings.json"))).toBe(false);
    await writeFile(join(rig.root, "marker"), "");
    const hookSettings = JSON.parse(await readFile(join(rig.stateDir, "claude-hook-settings.json"), "utf8"));
    expect(Object.keys(hookSettings.hooks)).toContain("PermissionRequest");
  });
});
