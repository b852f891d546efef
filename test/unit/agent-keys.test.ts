// Both agents' key plans (agents/<id>/keys.ts) and prompt submission (submit.ts) over recorded screens
// (test/fixtures/) in a fake pane that redraws them as the agent does on each key. What is asserted is
// what a user relies on: exactly which keys reach the terminal, that nothing is pressed on a dialog that
// changed, that no Enter follows a cursor that did not land, and that a dialog still open is reported.
// The real agents, through real tmux, are covered by test/e2e/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cursorOn, cursorRow, FakePane } from "../../devkit/fake-pane.js";
import { executeKeys as claudeKeys } from "../../src/agents/claude-code/keys.js";
import { classifyScreen as classifyClaude } from "../../src/agents/claude-code/screen.js";
import { submitPrompt as claudeSubmit } from "../../src/agents/claude-code/submit.js";
import { executeKeys as codexKeys } from "../../src/agents/codex/keys.js";
import { classifyScreen as classifyCodex } from "../../src/agents/codex/screen.js";
import { submitPrompt as codexSubmit } from "../../src/agents/codex/submit.js";
import { chooseForAction } from "../../src/agents/claude-code/choose.js";
import { chooseForAction as codexChoose } from "../../src/agents/codex/choose.js";
import type { ParsedPrompt, ScreenReading } from "../../src/api/types.js";

const CLAUDE = join(import.meta.dirname, "../fixtures/screens/claude-code-2.1.331");
const CODEX = join(import.meta.dirname, "../fixtures/codex/codex-0.171.0");
const claudeScreen = (name: string) => readFileSync(join(CLAUDE, `${name}.txt`), "utf8");
const codexScreen = (name: string) => readFileSync(join(CODEX, `${name}.txt`), "utf8");

/** The same request as the one first read: same kind, tool, detail and option labels (as the core checks). */
const sameAs = (first: ParsedPrompt) => (p: ParsedPrompt) =>
  p.kind === first.kind &&
  p.tool === first.tool &&
  p.detail === first.detail &&
  p.options.length === first.options.length;

// ---------------------------------------------------------------- Claude Code

/** Claude Code's option rows: ` ❯ 1. Yes` / `   2. …`. */
const CLAUDE_ROW = /^( )(❯| ) (\d+\..*)$/;

/** A Claude Code dialog whose arrows move the `❯`, Enter on a row shows `after(row)`, other keys do nothing. */
function claudeDialog(
  dialog: string,
  after: (row: number) => string,
  o: { stuckOnEnter?: boolean; cursorStuck?: boolean } = {},
) {
  const count = classifyClaude(dialog).prompt!.options.length;
  return new FakePane(dialog, {
    key(k, screen) {
      const at = cursorRow(screen, "❯", CLAUDE_ROW);
      if (!at) return screen; // not the dialog any more
      if ((k === "Down" || k === "Up") && !o.cursorStuck)
        return cursorOn(screen, Math.min(count, Math.max(1, at + (k === "Down" ? 1 : -1))), "❯", CLAUDE_ROW);
      if (k === "Enter" && !o.stuckOnEnter) return after(at);
      return screen;
    },
  });
}

describe("Claude Code key plans over recorded screens", () => {
  const dialog = claudeScreen("bash-prompt-python");
  const start = classifyClaude(dialog);
  const same = sameAs(start.prompt!);

  it("approve: the cursor is already on Yes, so only Enter; the dialog is seen closed", async () => {
    const pane = claudeDialog(dialog, () => claudeScreen("after-approve"));
    const choice = chooseForAction(start.prompt!, "approve");
    if (!choice.ok) throw new Error(choice.message);
    const r = await claudeKeys(pane, classifyClaude, same, start, { kind: "select", index: choice.index });
    expect(pane.keysSent).toEqual(["Enter"]);
    expect(r).toMatchObject({ ok: true, outcome: "closed", keys: ["Enter"] });
    expect(r.after.state).toBe("idle");
  });

  it("always: Down to the row whose role is always, checked there, then Enter", async () => {
    const pane = claudeDialog(dialog, (row) => (row === 2 ? claudeScreen("after-approve") : dialog));
    const choice = chooseForAction(start.prompt!, "always");
    if (!choice.ok) throw new Error(choice.message);
    expect(choice.option.label).toMatch(/^Yes, and don.t ask again for: python3/);
    const r = await claudeKeys(pane, classifyClaude, same, start, { kind: "select", index: choice.index });
    expect(pane.keysSent).toEqual(["Down", "Enter"]);
    expect(r.outcome).toBe("closed");
  });

  it("a cursor that does not land gets no Enter: nothing is selected", async () => {
    const pane = claudeDialog(dialog, () => claudeScreen("after-approve"), { cursorStuck: true });
    const r = await claudeKeys(pane, classifyClaude, same, start, { kind: "select", index: 3 });
    expect(pane.keysSent).toEqual(["Down", "Down", "Down"]);
    expect(r).toMatchObject({ ok: false, outcome: "cursor" });
    expect(r.message).toMatch(/the cursor did not reach "No"; nothing was selected/);
  });

  it("a dialog still open after Enter is reported stuck, and Enter is not pressed again", async () => {
    const pane = claudeDialog(dialog, () => dialog, { stuckOnEnter: true });
    const r = await claudeKeys(pane, classifyClaude, same, start, { kind: "select", index: 0 }, 300);
    expect(pane.keysSent).toEqual(["Enter"]);
    expect(r).toMatchObject({ ok: false, outcome: "stuck" });
  });

  it("another dialog under the cursor after the move: refused before Enter", async () => {
    // The cursor lands, but on a screen that now asks something else (another request replaced it).
    const other = claudeScreen("edit-prompt");
    const pane = new FakePane(dialog, { key: (k) => (k === "Down" ? cursorOn(other, 2, "❯", CLAUDE_ROW) : other) });
    const r = await claudeKeys(pane, classifyClaude, same, start, { kind: "select", index: 1 });
    expect(pane.keysSent).toEqual(["Down"]);
    expect(r).toMatchObject({ ok: false, outcome: "changed" });
  });

  it("deny with a reason: to No, Tab, the reason typed literally into the row, then Enter", async () => {
    const edit = claudeScreen("edit-prompt");
    const editStart = classifyClaude(edit);
    let tabbed = false;
    const pane = new FakePane(edit, {
      key(k, screen) {
        const at = cursorRow(screen, "❯", CLAUDE_ROW);
        if (k === "Down") return cursorOn(screen, at + 1, "❯", CLAUDE_ROW);
        if (k === "Tab" && at === 3) {
          tabbed = true;
          return screen.replace("❯ 3. No", "❯ 3. No, and tell Claude what to do differently");
        }
        if (k === "Enter") return claudeScreen("after-deny-reason");
        return screen;
      },
      type: (text, screen) =>
        tabbed ? screen.replace(/❯ 3\. No, and tell Claude what to do differently/, `❯ 3. No, ${text}`) : screen,
    });
    const deny = chooseForAction(editStart.prompt!, "deny");
    if (!deny.ok) throw new Error(deny.message);
    const r = await claudeKeys(pane, classifyClaude, sameAs(editStart.prompt!), editStart, {
      kind: "select",
      index: deny.index,
      reason: "use the staging db instead",
    });
    expect(pane.keysSent).toEqual(["Down", "Down", "Tab", "Enter"]);
    expect(pane.typed).toEqual(["use the staging db instead"]);
    expect(r).toMatchObject({ ok: true, outcome: "closed", keys: ["Down", "Down", "Tab", "<reason>", "Enter"] });
  });
});

// ---------------------------------------------------------------- Codex

/** Codex's option rows: `› 1. Yes, proceed (y)` / `  2. …`. */
const CODEX_ROW = /^()(›| ) (\d+\..*)$/;

describe("Codex key plans over recorded screens", () => {
  const dialog = codexScreen("approval-bash");
  const start = classifyCodex(dialog);
  const same = sameAs(start.prompt!);

  it("approve and always press the option's own letter (y, p): no arrows, no Enter", async () => {
    for (const [action, key] of [
      ["approve", "y"],
      ["always", "p"],
    ] as const) {
      const pane = new FakePane(dialog, { key: (k, s) => (k === key ? codexScreen("after-approve") : s) });
      const choice = codexChoose(start.prompt!, action);
      if (!choice.ok) throw new Error(choice.message);
      const r = await codexKeys(pane, classifyCodex, same, start, { kind: "select", index: choice.index });
      expect(pane.keysSent).toEqual([key]);
      expect(r).toMatchObject({ ok: true, outcome: "closed" });
    }
  });

  it("a prompt that changed before the first key: nothing is pressed", async () => {
    const pane = new FakePane(codexScreen("trust-prompt"), { key: (_k, s) => s });
    const r = await codexKeys(pane, classifyCodex, same, start, { kind: "select", index: 0 });
    expect(pane.keysSent).toEqual([]);
    expect(r).toMatchObject({ ok: false, outcome: "changed" });
  });

  it("a dialog without letters (Hooks need review): arrows to the row, checked, then Enter", async () => {
    const hooks = codexScreen("hooks-review");
    const hooksStart = classifyCodex(hooks);
    const no = codexChoose(hooksStart.prompt!, "deny");
    if (!no.ok) throw new Error(no.message);
    expect(hooksStart.prompt!.options[no.index]!.key).toBeUndefined();
    const pane = new FakePane(hooks, {
      key(k, s) {
        const at = cursorRow(s, "›", CODEX_ROW);
        if (k === "Down") return cursorOn(s, at + 1, "›", CODEX_ROW);
        if (k === "Up") return cursorOn(s, at - 1, "›", CODEX_ROW);
        if (k === "Enter") return codexScreen("idle-fresh");
        return s;
      },
    });
    const r = await codexKeys(pane, classifyCodex, sameAs(hooksStart.prompt!), hooksStart, {
      kind: "select",
      index: no.index,
    });
    const moves =
      no.index -
      Math.max(
        0,
        hooksStart.prompt!.options.findIndex((o) => o.highlighted),
      );
    expect(pane.keysSent).toEqual([
      ...Array.from({ length: Math.abs(moves) }, () => (moves > 0 ? "Down" : "Up")),
      "Enter",
    ]);
    expect(r.outcome).toBe("closed");
  });

  it("deny with a reason: Esc (its No), then, once the composer is back, the reason as the next prompt", async () => {
    let composer = "";
    const idle = codexScreen("after-deny");
    const withText = (text: string) =>
      idle.replace("› Ask Codex to do anything", `› ${text}`).replace("? for shortcuts", "");
    const pane = new FakePane(dialog, {
      key(k, s) {
        if (k === "Escape") return idle;
        if (k === "Enter" && composer) {
          composer = "";
          return codexScreen("working");
        }
        return s;
      },
      type(text) {
        composer = text;
        return withText(text);
      },
    });
    const deny = codexChoose(start.prompt!, "deny");
    if (!deny.ok) throw new Error(deny.message);
    const r = await codexKeys(pane, classifyCodex, same, start, {
      kind: "select",
      index: deny.index,
      reason: "touch denied.txt instead",
    });
    expect(pane.keysSent).toEqual(["Escape", "Enter"]);
    expect(pane.typed).toEqual(["touch denied.txt instead"]);
    expect(r).toMatchObject({ ok: true, outcome: "closed", note: "the reason was sent as the next prompt" });
  });
});

// ---------------------------------------------------------------- submitting a prompt (both agents)

/** An input box that shows typed text until an Enter that it takes (the `swallow` first Enters are lost). */
function inputBox(empty: string, withText: (t: string) => string, after: string, o: { swallow?: number } = {}) {
  let text = "";
  let lost = 0;
  return new FakePane(empty, {
    type(t) {
      text += t;
      return withText(text);
    },
    key(k, s) {
      if (k !== "Enter") return s;
      if (lost < (o.swallow ?? 0)) {
        lost++;
        return s;
      }
      return after;
    },
  });
}

/** The recorded box with typed text, holding `t` instead (its `❯`+NBSP line). */
const claudeTyped = (t: string) => claudeScreen("idle-typed-text").replace(/❯\u00a0.*$/m, `❯\u00a0${t}`);
const codexTyped = (t: string) =>
  codexScreen("idle-typed-text").replace("› fix the flaky test in parser.spec.ts", `› ${t}`);

describe("submitting a prompt over recorded screens", () => {
  it("the fixtures read as an input box holding the text (so the tests below test submit, not the classifier)", () => {
    expect(classifyClaude(claudeTyped("run the tests")).inputText).toBe("run the tests");
    expect(classifyCodex(codexTyped("run the tests")).inputText).toBe("run the tests");
  });

  for (const [name, submit, classify, empty, typed, after] of [
    ["Claude Code", claudeSubmit, classifyClaude, claudeScreen("idle-fresh"), claudeTyped, claudeScreen("working")],
    ["Codex", codexSubmit, classifyCodex, codexScreen("idle-fresh"), codexTyped, codexScreen("working")],
  ] as const) {
    it(`${name}: text typed literally, then one Enter, and the box seen empty`, async () => {
      const pane = inputBox(empty, typed, after);
      const r = await submit(pane, classify as (s: string) => ScreenReading, "run the tests; echo $(whoami)");
      expect(pane.typed).toEqual(["run the tests; echo $(whoami)"]);
      expect(pane.keysSent).toEqual(["Enter"]);
      expect(r).toMatchObject({ ok: true, enters: 1 });
    });

    it(`${name}: an Enter that was lost is pressed again while the text still sits in the box`, async () => {
      const pane = inputBox(empty, typed, after, { swallow: 1 });
      const r = await submit(pane, classify as (s: string) => ScreenReading, "run the tests");
      expect(pane.keysSent).toEqual(["Enter", "Enter"]);
      expect(r).toMatchObject({ ok: true, enters: 2 });
    });
  }

  it("no second Enter while a permission dialog is coming: it would answer the dialog", async () => {
    // The text still sits in the box, but Claude Code says `Waiting for permission…`: a dialog is being drawn.
    const waiting = claudeScreen("waiting-permission").replace(/❯\u00a0.*$|❯$/m, "❯\u00a0run the tests");
    expect(classifyClaude(waiting)).toMatchObject({ permissionPending: true, inputText: "run the tests" });
    const pane = inputBox(claudeScreen("idle-fresh"), claudeTyped, waiting);
    const r = await claudeSubmit(pane, classifyClaude, "run the tests");
    expect(pane.keysSent).toEqual(["Enter"]);
    expect(r.ok).toBe(false);
    expect(r.reading.permissionPending).toBe(true);
  });
});
