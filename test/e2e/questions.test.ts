// Claude's questions and other dialogs answered through Wingman on the real CLI: the answer the model
// receives is exactly the one given, and a stale id presses nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionView } from "../../src/api/types.js";
import { paneTarget } from "../../src/hosts/tmux.js";
import { claudeRig, type Rig } from "../../devkit/claude-rig.js";
import { OWNER } from "../../devkit/temp-wingman.js";
import { say } from "../../devkit/say.js";

const single = JSON.stringify({
  questions: [
    {
      question: "Which database should we use?",
      header: "Database",
      multiSelect: false,
      options: [
        { label: "Postgres", description: "Relational, battle-tested" },
        { label: "SQLite", description: "A single file, zero setup" },
      ],
    },
  ],
});
const multi = JSON.stringify({
  questions: [
    {
      question: "Which checks should run?",
      header: "Checks",
      multiSelect: true,
      options: [
        { label: "Unit tests", description: "vitest run" },
        { label: "Type check", description: "tsc --noEmit" },
        { label: "Lint", description: "biome lint" },
      ],
    },
  ],
});

describe("questions and dialogs on the real CLI", () => {
  let rig: Rig;
  const S = "qs";

  async function asked(directive: string, state: SessionView["state"] = "waiting_input"): Promise<SessionView> {
    const s = await rig.wingman.send(S, directive, {}, OWNER);
    expect(s.ok, say(s)).toBe(true);
    return rig.waitState(S, (v) => v.state === state && !!v.pending && !v.pending.optionsPending, 15_000);
  }

  /**
   * Shift+Tab until the footer says plan mode, one press at a time, each seen on screen before the next. The test
   * used two blind presses 400 ms apart and went on even if plan mode never showed (outside plan mode, Claude Code
   * draws no exit dialog at all: the next wait would time out far from its cause). Fails, naming the mode it
   * stayed in, if plan mode never comes.
   */
  async function enterPlanMode(): Promise<void> {
    for (let press = 0; press < 5; press++) {
      const [v] = await rig.wingman.status(S);
      if (v?.state === "idle" && v.detail?.includes("plan mode")) return;
      const before = v?.detail ?? "";
      await rig.wingman.tmux.sendKeys(paneTarget(S), "BTab");
      await rig.waitState(S, (x) => x.state === "idle" && (x.detail ?? "") !== before, 5000).catch(() => undefined);
    }
    const [v] = await rig.wingman.status(S);
    expect(v?.detail ?? "(no mode shown)", "plan mode after up to five Shift+Tab presses").toContain("plan mode");
  }

  beforeAll(async () => {
    rig = await claudeRig();
    await rig.startIdle(S);
  });
  afterAll(async () => {
    await rig?.close();
  });

  it("a single-choice question shows every option with its description; answered by number", async () => {
    const v = await asked(`ASK ${single}`);
    expect(v.pending).toMatchObject({ kind: "question", question: "Which database should we use?" });
    expect(v.pending?.options.map((o) => [o.number, o.label, o.description ?? null])).toEqual([
      [1, "Postgres", "Relational, battle-tested"],
      [2, "SQLite", "A single file, zero setup"],
      [3, "Type something.", null],
      [4, "Chat about this", null],
    ]);
    const wrong = await rig.wingman.respond({ session: S, action: "approve", id: v.pending!.id }, OWNER);
    expect(wrong.ok).toBe(false);
    expect(say(wrong)).toContain(`answer ${S} ${v.pending!.id}`);
    const r = await rig.wingman.respond(
      { session: S, action: "answer", id: v.pending!.id, choices: ["2"], text: "2" },
      OWNER,
    );
    expect(r.ok, say(r)).toBe(true);
    await rig.turnOver(S, '=\\"SQLite\\"');
  });

  it("answered by label, case-insensitive", async () => {
    const v = await asked(`ASK ${single}`);
    const r = await rig.wingman.respond({ session: S, action: "answer", id: v.pending!.id, text: "postgres" }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    await rig.turnOver(S, '=\\"Postgres\\"');
  });

  it("free text goes into 'Type something' and reaches the model", async () => {
    const v = await asked(`ASK ${single}`);
    const r = await rig.wingman.respond(
      { session: S, action: "answer", id: v.pending!.id, text: "DuckDB, embedded" },
      OWNER,
    );
    expect(r.ok, say(r)).toBe(true);
    await rig.turnOver(S, '=\\"DuckDB, embedded\\"');
  });

  it("a multi-select question answered with two choices", async () => {
    const v = await asked(`ASK ${multi}`);
    expect(v.pending?.multiSelect).toBe(true);
    const r = await rig.wingman.respond(
      { session: S, action: "answer", id: v.pending!.id, choices: ["1", "3"], text: "1 3" },
      OWNER,
    );
    expect(r.ok, say(r)).toBe(true);
    await rig.turnOver(S, '=\\"Unit tests, Lint\\"');
  });

  it("a stale id is refused with nothing pressed", async () => {
    const v = await asked(`ASK ${single}`);
    await new Promise((r) => setTimeout(r, 1500));
    const mark = rig.mock.requests.length;
    await rig.wingman.tmux.sendKeys(paneTarget(S), "1");
    await rig.turnOver(S, '=\\"Postgres\\"', { from: mark });
    const before = rig.mock.requests.length;
    const r = await rig.wingman.respond(
      { session: S, action: "answer", id: v.pending!.id, choices: ["2"], text: "2" },
      OWNER,
    );
    expect(r.ok).toBe(false);
    expect(say(r)).toContain("no longer pending");
    expect(rig.mock.requests.length).toBe(before);
  });

  it("plan-mode exit approved, quoting what the option does", async () => {
    await enterPlanMode();
    const v = await asked("PLAN_EXIT 1. Fix the parser. 2. Add tests.");
    expect(v.pending).toMatchObject({ kind: "dialog" });
    // Once (a clean run at load 5) both options read as "other", cause not found: the screen goes into the message
    // should it recur (docs/testing.md, "Runs under load").
    const read = v.pending?.options.map((o) => [o.role, o.label]);
    const screen = await rig.wingman.tmux.capture(paneTarget(S));
    expect(read, `the options as read; the screen a moment later:\n${screen}`).toEqual([
      ["once", "Yes, and switch to default (ask each time) for this session"],
      ["no", "No"],
    ]);
    const r = await rig.wingman.respond({ session: S, action: "approve", id: v.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    expect(say(r)).toContain('"Yes, and switch to default (ask each time) for this session"');
    await rig.waitState(S, (x) => x.state === "idle", 15_000);
  });

  it("a web fetch denied: nothing fetched, Claude told no", async () => {
    const v = await asked("FETCH https://example.com/docs/page", "waiting_approval");
    expect(v.pending).toMatchObject({ kind: "tool", tool: "WebFetch" });
    expect(v.pending?.options.find((o) => o.role === "always")?.scope).toBe("example.com");
    const r = await rig.wingman.respond({ session: S, action: "deny", id: v.pending!.id }, OWNER);
    expect(r.ok, say(r)).toBe(true);
    const after = await rig.waitState(S, (x) => x.state === "idle" || x.state === "working", 15_000);
    expect(after.pending).toBeNull();
  });
});
