// Claude Code's options chosen by meaning (agents/claude-code/choose.ts): role, never position.
import { describe, expect, it } from "vitest";
import { chooseForAction, movesTo, planAnswer } from "../../../../src/agents/claude-code/choose.js";
import type { ParsedPrompt } from "../../../../src/api/types.js";
import { bash4, opt } from "../../../../devkit/prompts.js";

describe("choosing by meaning", () => {
  it("picks once / always / no by role wherever they sit; never the auto-mode option", () => {
    expect(chooseForAction(bash4, "approve")).toMatchObject({ ok: true, index: 0 });
    expect(chooseForAction(bash4, "always")).toMatchObject({ ok: true, index: 1 });
    // The original tool's "deny" (Down Down Enter) chose option 3 here: switch to auto mode.
    expect(chooseForAction(bash4, "deny")).toMatchObject({ ok: true, index: 3 });
    const three = { ...bash4, options: [bash4.options[0]!, bash4.options[2]!, opt(3, "No", "no")] };
    expect(chooseForAction(three, "deny")).toMatchObject({ ok: true, index: 2 });
    expect(chooseForAction(three, "always")).toMatchObject({ ok: false });
    expect((chooseForAction(three, "always") as { message: string }).message).toContain('has no "always" option');
  });

  it("moves the cursor from wherever it is", () => {
    expect(movesTo(bash4, 3)).toEqual(["Down", "Down", "Down"]);
    const noFirst: ParsedPrompt = {
      kind: "tool",
      question: "Do you want to proceed?",
      tool: null,
      detail: null,
      options: [opt(null, "No", "no", { highlighted: true }), opt(null, "Yes", "once")],
    };
    expect(chooseForAction(noFirst, "approve")).toMatchObject({ ok: true, index: 1 });
    expect(movesTo(noFirst, 1)).toEqual(["Down"]);
    expect(
      movesTo({ ...noFirst, options: [opt(null, "No", "no"), opt(null, "Yes", "once", { highlighted: true })] }, 0),
    ).toEqual(["Up"]);
  });

  it("trust only by its text; approve/deny refused on trust and questions with the right phrase", () => {
    const trust: ParsedPrompt = {
      kind: "trust",
      question: "Is this a project you created or one you trust?",
      tool: null,
      detail: "/w",
      options: [opt(null, "No, exit", "no", { highlighted: true }), opt(null, "Yes, I trust this folder", "other")],
    };
    expect(chooseForAction(trust, "trust")).toMatchObject({ ok: true, index: 1 });
    expect((chooseForAction(trust, "approve") as { message: string }).message).toContain("trust");
    expect(chooseForAction(bash4, "trust")).toMatchObject({ ok: false });
    const q: ParsedPrompt = {
      kind: "question",
      question: "Which database?",
      tool: "AskUserQuestion",
      detail: null,
      options: [
        opt(1, "Postgres", "other"),
        opt(2, "SQLite", "other"),
        opt(3, "Type something.", "other", { freeText: true }),
      ],
    };
    expect((chooseForAction(q, "approve") as { message: string }).message).toContain("answer");
    expect(planAnswer(q, ["2"], "2")).toMatchObject({ ok: true, mode: "single", index: 1 });
    expect(planAnswer(q, null, "sqlite")).toMatchObject({ ok: true, mode: "single", index: 1 });
    expect(planAnswer(q, null, "use the staging database")).toMatchObject({ ok: true, mode: "text", index: 2 });
    expect(planAnswer(q, ["7"], "7")).toMatchObject({ ok: false });
    expect(planAnswer(bash4, ["1"], "1")).toMatchObject({ ok: false });
    expect(planAnswer({ ...q, multiSelect: true }, ["1", "2"], "1 2")).toMatchObject({
      ok: true,
      mode: "multi",
      indexes: [0, 1],
    });
    expect(planAnswer(q, ["1", "2"], "1 2")).toMatchObject({ ok: false });
  });
});
