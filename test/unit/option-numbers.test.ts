// Numbers as shown (api/option-numbers.ts): where an agent draws no numbers (OpenCode's buttons, Claude Code's
// unnumbered dialogs), the notification and `status NAME` number the options 1..n, and a number chosen
// names the option shown beside it; the options themselves keep `number: null`. On recorded real screens.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { claudeCode } from "../../src/agents/claude-code/index.js";
import { opencode } from "../../src/agents/opencode/index.js";
import { optionShownAs, shownNumber } from "../../src/api/option-numbers.js";
import type { ParsedPrompt, PendingPrompt, SessionView } from "../../src/api/types.js";
import { formatDetail } from "../../src/format/detail.js";
import { formatPrompt } from "../../src/format/prompt.js";
import { opt } from "../../devkit/prompts.js";

const OPENCODE = join(import.meta.dirname, "../fixtures/opencode/opencode-1.18.33");
const CLAUDE = join(import.meta.dirname, "../fixtures/screens/claude-code-2.1.331");

function recorded(dir: string, name: string, classify: (screen: string) => { prompt: ParsedPrompt | null }) {
  const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as Record<
    string,
    { file: string; colours?: string }
  >;
  const m = manifest[name]!;
  const prompt = classify(readFileSync(join(dir, m.colours ?? m.file), "utf8")).prompt;
  if (!prompt) throw new Error(`${name} shows no dialog`);
  return prompt;
}
const pending = (p: ParsedPrompt): PendingPrompt => ({
  ...p,
  id: "ab12",
  fingerprint: "f",
  since: "2026-12-03T08:00:00.000Z",
  risk: "normal",
  riskReasons: [],
});

const ocBash = recorded(OPENCODE, "approval-bash", (s) => opencode.classify(s));
const ocConfirm = recorded(OPENCODE, "always-confirm", (s) => opencode.classify(s));
const theme = recorded(CLAUDE, "onboarding-theme", (s) => claudeCode.classify(s));

describe("the numbers a person sees", () => {
  it("OpenCode draws none: the notification numbers its buttons 1..n, the options keep number null", () => {
    expect(ocBash.options.map((o) => [o.number, o.label])).toEqual([
      [null, "Allow once"],
      [null, "Allow always"],
      [null, "Reject"],
    ]);
    const text = formatPrompt("oc", pending(ocBash));
    expect(text).toContain("\n1. Allow once\n");
    expect(text).toMatch(/\n2\. Allow always → always allows: "[^"]+"\n/);
    expect(text).toContain("\n3. Reject\n");
    expect(text).not.toContain("• ");
    // The reply lines stay by meaning.
    expect(text).toContain("approve oc ab12");
  });

  it("`status NAME` shows the same numbers", () => {
    const view: SessionView = {
      name: "oc",
      workdir: "/home/me/project",
      agent: "opencode",
      host: null,
      state: "waiting_approval",
      pending: pending(ocBash),
      createdAt: "2026-12-03T08:00:00.000Z",
      lastActivityAt: "2026-12-03T08:00:00.000Z",
    };
    const now = new Date("2026-12-03T08:00:10.000Z");
    for (const style of ["terminal", "chat"] as const) {
      const d = formatDetail(view, { now, style });
      expect(d).toContain("1. Allow once");
      expect(d).toContain("3. Reject");
    }
  });

  it("drawn numbers are kept as drawn; a list with some drawn and some not invents none", () => {
    const drawn = [opt(1, "Yes", "once"), opt(2, "Yes, and don't ask again", "always"), opt(3, "No", "no")];
    expect(drawn.map((_, i) => shownNumber(drawn, i))).toEqual([1, 2, 3]);
    const gap = [opt(2, "B", "other"), opt(5, "E", "other")];
    expect(gap.map((_, i) => shownNumber(gap, i))).toEqual([2, 5]);
    expect(optionShownAs(gap, 1)).toBe(-1);
    expect(optionShownAs(gap, 5)).toBe(1);
    const mixed = [opt(1, "Yes", "once"), opt(null, "Cancel", "no")];
    expect(mixed.map((_, i) => shownNumber(mixed, i))).toEqual([1, null]);
    expect(
      formatPrompt("s", pending({ kind: "dialog", question: "Q", tool: null, detail: null, options: mixed })),
    ).toContain("\n1. Yes\n• Cancel\n");
    expect(shownNumber([], 0)).toBeNull();
  });
});

describe("a number chooses the option shown with it", () => {
  it("Claude Code's unnumbered theme dialog: `answer NAME ID 2` is the second row, as the notification numbers it", () => {
    const text = formatPrompt("vsr", pending(theme));
    expect(text).toContain("\n2. Dark mode\n");
    expect(text).toContain("answer vsr ab12 NUMBER");
    expect(claudeCode.planAnswer(theme, ["2"], "2")).toMatchObject({ ok: true, mode: "single", index: 1 });
    expect(claudeCode.planAnswer(theme, ["7"], "7")).toMatchObject({
      ok: true,
      index: 6,
      option: { label: "Light mode (ANSI colors only)" },
    });
    const eight = claudeCode.planAnswer(theme, ["8"], "8");
    expect(eight).toMatchObject({ ok: false });
    expect((eight as { message: string }).message).toContain("1. Auto (match terminal) · 2. Dark mode");
  });

  it("OpenCode's refusals list its buttons with the numbers shown; a permission is still answered by meaning", () => {
    // approve on the "Always allow" confirmation: it has no plain yes.
    const r = opencode.choose(ocConfirm, "approve");
    expect(r).toMatchObject({ ok: false });
    expect((r as { message: string }).message).toContain("(options: 1. Confirm · 2. Cancel)");
    // `answer ID 2` on a permission is refused as for every agent, so no number can step past the risk
    // checks that approve / always / deny carry (a high-risk approve needs confirm).
    expect(opencode.planAnswer(ocBash, ["2"], "2")).toEqual({
      ok: false,
      message: "this is a permission prompt: answer it with approve, always or deny",
    });
  });
});
