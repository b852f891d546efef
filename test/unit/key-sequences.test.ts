// Every agent's key plan (agents/<id>/keys.ts), pinned: for approve, always, deny, deny with a reason and
// answer, and for the ways a plan must stop (the dialog changed, a cursor that did not land, a dialog still
// open, a session that never came back for the reason), the exact order of what reaches the pane (each look
// at the screen, each key, each typed text) and the result the core gets. A wrong key here approves what a
// person never approved, so a change to how the plans are built must leave every trace below as it is.
//
// The dialogs are the agents' own, read by their classifiers from the recorded screens in test/fixtures/.
// The pane is a small model of a dialog (a cursor that arrows move, rows that Enter or an option's own key
// picks, an input box that typed text fills) whose screen is its state; the classifier below turns that state
// back into a reading of the recorded dialog. The plans against the real agents are in test/e2e/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AnswerPlan, KeyPlan, KeyResult, PaneIO } from "../../src/agents/agent.js";
import { chooseForAction as claudeChoose } from "../../src/agents/claude-code/choose.js";
import { executeKeys as claudeKeys } from "../../src/agents/claude-code/keys.js";
import { classifyScreen as claudeClassify } from "../../src/agents/claude-code/screen.js";
import { chooseForAction as codexChoose, planAnswer as codexAnswer } from "../../src/agents/codex/choose.js";
import { pressRules as codexRules } from "../../src/agents/codex/keys.js";
import { classifyScreen as codexClassify } from "../../src/agents/codex/screen.js";
import { chooseForAction as geminiChoose, planAnswer as geminiAnswer } from "../../src/agents/gemini/choose.js";
import { pressRules as geminiRules } from "../../src/agents/gemini/keys.js";
import { classifyScreen as geminiClassify } from "../../src/agents/gemini/screen.js";
import { chooseForAction as openCodeChoose } from "../../src/agents/opencode/choose.js";
import { pressRules as openCodeRules } from "../../src/agents/opencode/keys.js";
import { classifyScreen as openCodeClassify } from "../../src/agents/opencode/screen.js";
import { type PressRules, pressWith } from "../../src/agents/kit/press.js";
import type { ParsedPrompt, ScreenReading, SessionState } from "../../src/api/types.js";

/**
 * An agent's key plan (its `executeKeys` is `pressWith(pressRules)`) with every wait cut to a fraction of a second:
 * the model pane answers at once, so the trace is the same, and a refusal that waits out a real 1.5 s cursor,
 * 5 s close and 10-15 s idle deadline takes milliseconds (the whole file took 35 s with them). A wait is long
 * enough for the pane's every look to come back, and the real waits are exercised in test/e2e/.
 */
const quick = (rules: PressRules) => pressWith({ ...rules, cursorMs: 150, closeMs: 300, idleMs: 300 });
const codexKeys = quick(codexRules);
const geminiKeys = quick(geminiRules);
const openCodeKeys = quick(openCodeRules);

const FIXTURES = join(import.meta.dirname, "../fixtures");
const dialogOf = (classify: (s: string) => ScreenReading, file: string): ParsedPrompt => {
  const p = classify(readFileSync(join(FIXTURES, file), "utf8")).prompt;
  if (!p) throw new Error(`${file} shows no dialog`);
  return p;
};

/** What the pane shows: a dialog (by name) with its cursor, or no dialog and a session state and input box. */
interface World {
  dialog: string | null;
  cursor: number;
  state: SessionState;
  input: string;
}

interface Model {
  /** The dialogs this pane can show, by name. */
  dialogs: Record<string, ParsedPrompt>;
  /** The keys that move the cursor back and forward. */
  arrows: [string, string];
  /** The key that picks option `i` of a dialog without moving the cursor, if the agent has one. */
  ownKey?: (p: ParsedPrompt, i: number) => string | undefined;
  /** What picking option `i` of dialog `name` shows next (default: a deny is idle, anything else working). */
  after?: (name: string, i: number, p: ParsedPrompt) => Partial<World> | undefined;
  /** Arrows do not move the cursor. */
  cursorStuck?: boolean;
  /** Enter and options' keys do nothing. */
  dialogStuck?: boolean;
  /** After a deny the session stays busy (it never comes back for a reason). */
  neverIdle?: boolean;
}

/** The reading of a world: the recorded dialog with the model's cursor, or a session without a dialog. */
const readWorld =
  (m: Model) =>
  (screen: string): ScreenReading => {
    const w = JSON.parse(screen) as World;
    if (w.dialog === null) {
      return { state: w.state, detail: "", prompt: null, ...(w.input ? { inputText: w.input } : {}) };
    }
    const p = m.dialogs[w.dialog]!;
    return {
      state: "waiting_approval",
      detail: p.question,
      prompt: { ...p, options: p.options.map((o, i) => ({ ...o, highlighted: i === w.cursor })) },
    };
  };

/** A pane over a world that records, in order, each look (consecutive looks as one), key and typed text. */
class ModelPane implements PaneIO {
  readonly trace: string[] = [];
  constructor(
    private world: World,
    private readonly m: Model,
  ) {}

  async capture(): Promise<string> {
    if (this.trace.at(-1) !== "look") this.trace.push("look");
    return JSON.stringify(this.world);
  }

  async type(text: string): Promise<void> {
    this.trace.push(`type ${text}`);
    if (this.world.dialog === null) this.world = { ...this.world, input: this.world.input + text };
  }

  async keys(...keys: string[]): Promise<void> {
    for (const k of keys) {
      this.trace.push(`key ${k}`);
      this.world = this.press(k);
    }
  }

  private press(k: string): World {
    const w = this.world;
    if (w.dialog === null) {
      if (k === "Enter" && w.input) return { ...w, state: "working", input: "" };
      return w;
    }
    const p = this.m.dialogs[w.dialog]!;
    const [back, forward] = this.m.arrows;
    if (k === back || k === forward) {
      if (this.m.cursorStuck) return w;
      const to = Math.min(p.options.length - 1, Math.max(0, w.cursor + (k === forward ? 1 : -1)));
      return { ...w, cursor: to };
    }
    if (this.m.dialogStuck) return w;
    const own = p.options.findIndex((_o, i) => this.m.ownKey?.(p, i) === k);
    const picked = k === "Enter" ? w.cursor : own;
    if (picked < 0) return w;
    const next = this.m.after?.(w.dialog, picked, p);
    if (next) return { ...w, ...next };
    if (p.options[picked]!.role === "no")
      return { dialog: null, cursor: 0, state: this.m.neverIdle ? "working" : "idle", input: "" };
    return { dialog: null, cursor: 0, state: "working", input: "" };
  }
}

/** The same request as the one first read (as the core checks): kind, tool, detail and option count. */
const sameAs = (first: ParsedPrompt) => (p: ParsedPrompt) =>
  p.kind === first.kind &&
  p.tool === first.tool &&
  p.detail === first.detail &&
  p.options.length === first.options.length;

type Keys = (
  io: PaneIO,
  classify: (s: string) => ScreenReading,
  same: (p: ParsedPrompt) => boolean,
  start: ScreenReading,
  plan: KeyPlan,
) => Promise<KeyResult>;

/** Run `keys` for `plan` on dialog `name` of model `m` (its cursor where the recording has it) and trace it. */
async function run(
  keys: Keys,
  m: Model,
  name: string,
  plan: KeyPlan,
  o: { changed?: boolean; noCursor?: boolean } = {},
) {
  const p = m.dialogs[name]!;
  // -1: no row is seen highlighted (OpenCode draws its selection by colour alone; a plain capture shows none).
  const cursor = o.noCursor
    ? -1
    : Math.max(
        0,
        p.options.findIndex((x) => x.highlighted),
      );
  const classify = readWorld(m);
  const start = classify(JSON.stringify({ dialog: name, cursor, state: "waiting_approval", input: "" }));
  // A dialog that changed before the first key: the pane shows another request than the one first read.
  const shown = o.changed ? { dialog: null, cursor: 0, state: "working" as const, input: "" } : undefined;
  const pane = new ModelPane(shown ?? { dialog: name, cursor, state: "waiting_approval", input: "" }, m);
  const r = await keys(pane, classify, sameAs(p), start, plan);
  return {
    trace: pane.trace,
    result: { ok: r.ok, outcome: r.outcome, keys: r.keys, message: r.message, note: r.note },
  };
}

const select = (
  choose: (p: ParsedPrompt, a: "approve" | "always" | "deny") => { ok: boolean; index?: number; message?: string },
  p: ParsedPrompt,
  action: "approve" | "always" | "deny",
  reason?: string,
): KeyPlan => {
  const c = choose(p, action);
  if (!c.ok || c.index === undefined) throw new Error(c.message);
  return { kind: "select", index: c.index, ...(reason ? { reason } : {}) };
};

const closed = (keys: string[], note?: string) => ({ ok: true, outcome: "closed", keys, message: "closed", note });
const REASON = "use touch denied.txt instead";
/** Answers these agents never plan (their planAnswer makes single choices only): refused before any look. */
const notOneChoice = (index: number): Exclude<AnswerPlan, { ok: false }>[] => [
  { ok: true, mode: "multi", indexes: [0, 1] },
  { ok: true, mode: "text", index, text: "x" },
];

// ---------------------------------------------------------------- Codex

describe("Codex's key plan, pinned", () => {
  const bash = dialogOf(codexClassify, "codex/codex-0.171.0/approval-bash.txt");
  const hooks = dialogOf(codexClassify, "codex/codex-0.171.0/hooks-review.txt");
  const model = (o: Partial<Model> = {}): Model => ({
    dialogs: { bash, hooks },
    arrows: ["Up", "Down"],
    ownKey: (p, i) => p.options[i]!.key,
    ...o,
  });
  const choose = codexChoose as Parameters<typeof select>[0];

  it.concurrent("approve, always, deny: the option's own key (y, p, Escape), then a look until the dialog is gone", async () => {
    for (const [action, key] of [
      ["approve", "y"],
      ["always", "p"],
      ["deny", "Escape"],
    ] as const) {
      expect(await run(codexKeys, model(), "bash", select(choose, bash, action))).toEqual({
        trace: ["look", `key ${key}`, "look"],
        result: closed([key]),
      });
    }
  });

  it.concurrent("deny with a reason: Escape, then once the composer is back the reason typed and Enter", async () => {
    expect(await run(codexKeys, model(), "bash", select(choose, bash, "deny", REASON))).toEqual({
      trace: ["look", "key Escape", "look", `type ${REASON}`, "key Enter", "look"],
      result: closed(["Escape", "<reason>", "Enter"], "the reason was sent as the next prompt"),
    });
  });

  it.concurrent("deny with a reason, the session never idle: the reason is not typed", async () => {
    expect(await run(codexKeys, model({ neverIdle: true }), "bash", select(choose, bash, "deny", REASON))).toEqual({
      trace: ["look", "key Escape", "look"],
      result: closed(["Escape"], "denied; Codex did not return to its prompt, so the reason was not sent"),
    });
  });

  it.concurrent("a dialog without letters: arrows to the row, a look that it landed, Enter", async () => {
    expect(await run(codexKeys, model(), "hooks", select(choose, hooks, "deny"))).toEqual({
      trace: ["look", "key Down", "key Down", "look", "key Enter", "look"],
      result: closed(["Down", "Down", "Enter"]),
    });
    const answer = codexAnswer(hooks, ["2"], "");
    if (!answer.ok) throw new Error(answer.message);
    expect(await run(codexKeys, model(), "hooks", { kind: "answer", plan: answer })).toEqual({
      trace: ["look", "key Down", "look", "key Enter", "look"],
      result: closed(["Down", "Enter"]),
    });
  });

  it.concurrent("refusals: a changed dialog, a cursor that did not land, a dialog still open, more than one choice", async () => {
    expect(await run(codexKeys, model(), "bash", select(choose, bash, "approve"), { changed: true })).toEqual({
      trace: ["look"],
      result: { ok: false, outcome: "changed", keys: [], message: "the prompt on screen changed", note: undefined },
    });
    expect(await run(codexKeys, model({ cursorStuck: true }), "hooks", select(choose, hooks, "deny"))).toEqual({
      trace: ["look", "key Down", "key Down", "look"],
      result: {
        ok: false,
        outcome: "cursor",
        keys: ["Down", "Down"],
        message: 'the cursor did not reach "Continue without trusting (hooks won\'t run)"; nothing was selected',
        note: undefined,
      },
    });
    expect(await run(codexKeys, model({ dialogStuck: true }), "bash", select(choose, bash, "approve"))).toEqual({
      trace: ["look", "key y", "look"],
      result: {
        ok: false,
        outcome: "stuck",
        keys: ["y"],
        message: "the dialog is still open after the answer",
        note: undefined,
      },
    });
    for (const plan of notOneChoice(0)) {
      expect(await run(codexKeys, model(), "hooks", { kind: "answer", plan })).toEqual({
        trace: [],
        result: { ok: false, outcome: "changed", keys: [], message: "this dialog takes one choice", note: undefined },
      });
    }
  });
});

// ---------------------------------------------------------------- Gemini CLI

describe("Gemini's key plan, pinned", () => {
  const shell = dialogOf(geminiClassify, "gemini/gemini-0.61.0/approval-shell.txt");
  const question = dialogOf(geminiClassify, "gemini/gemini-0.61.0/question.txt");
  // The same dialog with no digits drawn: the plan falls back to arrows.
  const unnumbered: ParsedPrompt = { ...shell, options: shell.options.map((o) => ({ ...o, number: null })) };
  const model = (o: Partial<Model> = {}): Model => ({
    dialogs: { shell, question, unnumbered },
    arrows: ["Up", "Down"],
    ownKey: (p, i) => (p.options[i]!.number === null ? undefined : String(p.options[i]!.number)),
    ...o,
  });
  const choose = geminiChoose as Parameters<typeof select>[0];

  it.concurrent("approve, always, deny: the option's digit, then a look until the dialog is gone", async () => {
    for (const [action, key] of [
      ["approve", "1"],
      ["always", "2"],
      ["deny", "3"],
    ] as const) {
      expect(await run(geminiKeys, model(), "shell", select(choose, shell, action))).toEqual({
        trace: ["look", `key ${key}`, "look"],
        result: closed([key]),
      });
    }
  });

  it.concurrent("answer: the chosen row's digit", async () => {
    const answer = geminiAnswer(question, ["2"], "");
    if (!answer.ok) throw new Error(answer.message);
    expect(await run(geminiKeys, model(), "question", { kind: "answer", plan: answer })).toEqual({
      trace: ["look", "key 2", "look"],
      result: closed(["2"]),
    });
  });

  it.concurrent("deny with a reason: 3, then once the box is back the first character, the rest, Enter", async () => {
    expect(await run(geminiKeys, model(), "shell", select(choose, shell, "deny", REASON))).toEqual({
      trace: ["look", "key 3", "look", "type u", "look", `type ${REASON.slice(1)}`, "look", "key Enter", "look"],
      result: closed(["3", "<reason>", "Enter"], "the reason was sent as the next prompt"),
    });
  });

  it.concurrent("deny with a reason, the session never idle: the reason is not typed", async () => {
    expect(await run(geminiKeys, model({ neverIdle: true }), "shell", select(choose, shell, "deny", REASON))).toEqual({
      trace: ["look", "key 3", "look"],
      result: closed(["3"], "denied; Gemini did not return to its prompt, so the reason was not sent"),
    });
  });

  it.concurrent("rows without digits: arrows to the row, a look that it landed, Enter", async () => {
    expect(await run(geminiKeys, model(), "unnumbered", select(choose, unnumbered, "always"))).toEqual({
      trace: ["look", "key Down", "look", "key Enter", "look"],
      result: closed(["Down", "Enter"]),
    });
  });

  it.concurrent("refusals: a changed dialog, a cursor that did not land, a dialog still open, more than one choice", async () => {
    expect(await run(geminiKeys, model(), "shell", select(choose, shell, "approve"), { changed: true })).toEqual({
      trace: ["look"],
      result: { ok: false, outcome: "changed", keys: [], message: "the prompt on screen changed", note: undefined },
    });
    expect(
      await run(geminiKeys, model({ cursorStuck: true }), "unnumbered", select(choose, unnumbered, "deny")),
    ).toEqual({
      trace: ["look", "key Down", "key Down", "look"],
      result: {
        ok: false,
        outcome: "cursor",
        keys: ["Down", "Down"],
        message: 'the cursor did not reach "No, suggest changes (esc)"; nothing was selected',
        note: undefined,
      },
    });
    expect(await run(geminiKeys, model({ dialogStuck: true }), "shell", select(choose, shell, "deny"))).toEqual({
      trace: ["look", "key 3", "look"],
      result: {
        ok: false,
        outcome: "stuck",
        keys: ["3"],
        message: "the dialog is still open after the answer",
        note: undefined,
      },
    });
    for (const plan of notOneChoice(2)) {
      expect(await run(geminiKeys, model(), "question", { kind: "answer", plan })).toEqual({
        trace: [],
        result: { ok: false, outcome: "changed", keys: [], message: "this dialog takes one choice", note: undefined },
      });
    }
  });
});

// ---------------------------------------------------------------- OpenCode

describe("OpenCode's key plan, pinned", () => {
  const bash = dialogOf(openCodeClassify, "opencode/opencode-1.18.33/approval-bash.e.txt");
  const confirm = dialogOf(openCodeClassify, "opencode/opencode-1.18.33/always-confirm.e.txt");
  const model = (o: Partial<Model> = {}): Model => ({
    dialogs: { bash, confirm },
    arrows: ["Left", "Right"],
    // Allow always opens the confirmation, with Confirm selected.
    after: (name, i, p) =>
      name === "bash" && p.options[i]!.role === "always"
        ? { dialog: "confirm", cursor: confirm.options.findIndex((x) => x.highlighted) }
        : undefined,
    ...o,
  });
  const choose = openCodeChoose as Parameters<typeof select>[0];

  it.concurrent("approve and deny: Right to the button, a look that it landed, Enter, a look until it is gone", async () => {
    expect(await run(openCodeKeys, model(), "bash", select(choose, bash, "approve"))).toEqual({
      trace: ["look", "key Enter", "look"],
      result: closed(["Enter"]),
    });
    expect(await run(openCodeKeys, model(), "bash", select(choose, bash, "deny"))).toEqual({
      trace: ["look", "key Right", "key Right", "look", "key Enter", "look"],
      result: closed(["Right", "Right", "Enter"]),
    });
  });

  it.concurrent("always: Right, Enter, then on the confirmation Enter on Confirm", async () => {
    expect(await run(openCodeKeys, model(), "bash", select(choose, bash, "always"))).toEqual({
      trace: ["look", "key Right", "look", "key Enter", "look", "key Enter", "look"],
      result: closed(["Right", "Enter", "Enter"]),
    });
  });

  it.concurrent("deny with a reason: Reject, then once the box is back the reason typed and Enter", async () => {
    expect(await run(openCodeKeys, model(), "bash", select(choose, bash, "deny", REASON))).toEqual({
      trace: ["look", "key Right", "key Right", "look", "key Enter", "look", `type ${REASON}`, "key Enter", "look"],
      result: closed(["Right", "Right", "Enter", "<reason>", "Enter"], "the reason was sent as the next prompt"),
    });
  });

  it.concurrent("deny with a reason, the session never idle: the reason is not typed", async () => {
    expect(await run(openCodeKeys, model({ neverIdle: true }), "bash", select(choose, bash, "deny", REASON))).toEqual({
      trace: ["look", "key Right", "key Right", "look", "key Enter", "look"],
      result: closed(
        ["Right", "Right", "Enter"],
        "denied; OpenCode did not return to its prompt, so the reason was not sent",
      ),
    });
  });

  it.concurrent("refusals: a changed dialog, a selection that did not land, a dialog still open, an answer", async () => {
    expect(await run(openCodeKeys, model(), "bash", select(choose, bash, "approve"), { changed: true })).toEqual({
      trace: ["look"],
      result: { ok: false, outcome: "changed", keys: [], message: "the prompt on screen changed", note: undefined },
    });
    expect(await run(openCodeKeys, model({ cursorStuck: true }), "bash", select(choose, bash, "deny"))).toEqual({
      trace: ["look", "key Right", "key Right", "look"],
      result: {
        ok: false,
        outcome: "cursor",
        keys: ["Right", "Right"],
        message: 'the selection did not reach "Reject"; nothing was pressed',
        note: undefined,
      },
    });
    expect(await run(openCodeKeys, model({ dialogStuck: true }), "bash", select(choose, bash, "approve"))).toEqual({
      trace: ["look", "key Enter", "look"],
      result: {
        ok: false,
        outcome: "stuck",
        keys: ["Enter"],
        message: "the dialog is still open after the answer",
        note: undefined,
      },
    });
    expect(await run(openCodeKeys, model(), "bash", select(choose, bash, "approve"), { noCursor: true })).toEqual({
      trace: ["look"],
      result: { ok: false, outcome: "cursor", keys: [], message: "no button is seen selected", note: undefined },
    });
    // Allow always whose confirmation never comes: Enter pressed once, then reported, nothing more.
    expect(await run(openCodeKeys, model({ after: () => ({}) }), "bash", select(choose, bash, "always"))).toEqual({
      trace: ["look", "key Right", "look", "key Enter", "look"],
      result: {
        ok: false,
        outcome: "stuck",
        keys: ["Right", "Enter"],
        message: "Allow always did not ask for its confirmation",
        note: undefined,
      },
    });
    for (const plan of notOneChoice(0)) {
      expect(await run(openCodeKeys, model(), "bash", { kind: "answer", plan })).toEqual({
        trace: [],
        result: { ok: false, outcome: "changed", keys: [], message: "this dialog takes one choice", note: undefined },
      });
    }
  });
});

// ---------------------------------------------------------------- Claude Code

describe("Claude Code's key plan, pinned", () => {
  const bash = dialogOf(claudeClassify, "screens/claude-code-2.1.331/bash-prompt-python.txt");
  const model = (o: Partial<Model> = {}): Model => ({ dialogs: { bash }, arrows: ["Up", "Down"], ...o });
  const choose = claudeChoose as Parameters<typeof select>[0];

  it.concurrent("approve, always, deny: arrows to the row, a look that it landed, Enter, a look until it is gone", async () => {
    expect(await run(claudeKeys, model(), "bash", select(choose, bash, "approve"))).toEqual({
      trace: ["look", "key Enter", "look"],
      result: closed(["Enter"]),
    });
    expect(await run(claudeKeys, model(), "bash", select(choose, bash, "always"))).toEqual({
      trace: ["key Down", "look", "key Enter", "look"],
      result: closed(["Down", "Enter"]),
    });
    expect(await run(claudeKeys, model(), "bash", select(choose, bash, "deny"))).toEqual({
      trace: ["key Down", "key Down", "key Down", "look", "key Enter", "look"],
      result: closed(["Down", "Down", "Down", "Enter"]),
    });
  });
});
