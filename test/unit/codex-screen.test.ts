// The Codex classifier on every recorded real screen of Codex CLI 0.171.0 (test/fixtures/codex/…, made by
// scripts/record-codex-screens.ts), wide and narrow, read as `wingman inspect-screen --agent codex` prints it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentByWord } from "../../src/agents/index.js";
import { foldNotify } from "../../src/agents/codex/notify.js";
import { classifyScreen } from "../../src/agents/codex/screen.js";
import type { CodexState } from "../../src/agents/codex/state.js";
import type { ScreenReading } from "../../src/api/types.js";

const DIR = join(import.meta.dirname, "../fixtures/codex/codex-0.171.0");
const manifest = JSON.parse(readFileSync(join(DIR, "manifest.json"), "utf8")) as Record<
  string,
  { file: string; paneDead: boolean }
>;
const screen = (name: string) => {
  const m = manifest[name];
  if (!m) throw new Error(`no recording ${name}`);
  return { text: readFileSync(join(DIR, m.file), "utf8"), paneDead: m.paneDead };
};
const read = (name: string): ScreenReading => {
  const s = screen(name);
  return classifyScreen(s.text, { paneDead: s.paneDead });
};
/** What inspect-screen prints: state, detail, prompt. */
const inspect = (name: string) => {
  const r = read(name);
  return { state: r.state, detail: r.detail, prompt: r.prompt };
};
const opts = (r: ScreenReading) =>
  r.prompt?.options.map((o) => `${o.highlighted ? ">" : ""}${o.number}:${o.role}${o.scope ? `=${o.scope}` : ""}`);

const STATES: Record<string, [string, string?]> = {
  "idle-fresh": ["idle"],
  "idle-fresh.narrow": ["idle"],
  "idle-typed-text": ["idle"],
  "idle-typed-multiline": ["idle"],
  "idle-after-turn": ["idle"],
  "idle-after-error": ["idle"],
  "idle-history-trap": ["idle"],
  "after-approve": ["idle"],
  "after-deny": ["idle"],
  working: ["working"],
  "working.narrow": ["working"],
  "working-streaming": ["working"],
  "error-429": ["error", "rate_limit"],
  "error-500": ["error", "server"],
  "error-typed-text": ["error", "rate_limit"],
  "exited-ctrl-c": ["exited"],
  "exited-slash-exit": ["exited"],
};
const DETAILED = [
  "approval-bash",
  "approval-bash.narrow",
  "approval-bash-option2",
  "trust-prompt",
  "trust-prompt.narrow",
  "hooks-review",
  "hooks-review.narrow",
];

describe("every recorded Codex screen", () => {
  it("is in the table below or checked in detail further down", () => {
    for (const name of Object.keys(manifest)) expect(name in STATES || DETAILED.includes(name), name).toBe(true);
  });
  it.each(Object.entries(STATES))("%s → %j", (name, [state, reason]) => {
    const r = read(name);
    expect(r.state).toBe(state);
    if (reason) expect(r.stateReason).toBe(reason);
    expect(r.prompt).toBeNull();
  });
});

describe("details of states", () => {
  it("the composer's typed text, placeholders read as empty", () => {
    expect(read("idle-typed-text").inputText).toBe("fix the flaky test in parser.spec.ts");
    expect(read("idle-typed-multiline").inputText).toBe("first line\nsecond line");
    expect(read("error-typed-text").inputText).toBe("try again please");
    expect(read("idle-fresh").inputText).toBe("");
    expect(read("error-429").inputText).toBe("");
  });
  it("working shows the Working row; a streaming reply (no row) is still working", () => {
    expect(read("working").detail).toMatch(/^Working \(\d+s • esc to interrupt\)$/);
    expect(read("working-streaming").detail).toBe("working");
  });
  it("errors carry the line Codex drew", () => {
    expect(read("error-429").detail).toBe("exceeded retry limit, last status: 429 Too Many Requests");
    expect(read("error-500").detail).toMatch(/high demand/);
  });
  it("exit screens carry the resume command; prose quoting one does not exit", () => {
    expect(read("exited-ctrl-c").resumeCommand).toMatch(/^codex resume [0-9a-f-]{36}$/);
    expect(read("exited-slash-exit").resumeCommand).toMatch(/^codex resume [0-9a-f-]{36}$/);
    expect(read("idle-history-trap").resumeCommand).toBeUndefined();
  });
});

describe("dialogs", () => {
  it.each(["approval-bash", "approval-bash.narrow"])("%s: the command approval with roles, scope and keys", (name) => {
    const r = inspect(name);
    expect(r.state).toBe("waiting_approval");
    const cmd = "touch /tmp/wingman-codex-screens/project/approved.txt";
    expect(r.prompt).toMatchObject({
      kind: "tool",
      tool: "Bash",
      detail: cmd,
      question: "Would you like to run the following command?",
    });
    expect(r.prompt?.body).toBe(`Reason: The test asks to run ${cmd}`);
    expect(r.prompt?.options.map((o) => o.label)).toEqual([
      "Yes, proceed (y)",
      `Yes, and don't ask again for commands that start with \`${cmd}\` (p)`,
      "No, and tell Codex what to do differently (esc)",
    ]);
    expect(opts(read(name))).toEqual([">1:once", `2:always=${cmd}`, "3:no"]);
    expect(r.prompt?.options.map((o) => o.key)).toEqual(["y", "p", "Escape"]);
  });
  it("the cursor moved to option 2 is read", () => {
    expect(opts(read("approval-bash-option2"))).toEqual([
      "1:once",
      `>2:always=touch /tmp/wingman-codex-screens/project/approved.txt`,
      "3:no",
    ]);
  });
  it.each(["trust-prompt", "trust-prompt.narrow"])("%s: the folder-trust question", (name) => {
    const r = inspect(name);
    expect(r.state).toBe("trust_prompt");
    expect(r.prompt).toMatchObject({
      kind: "trust",
      question: "Trust this folder?",
      detail: "/tmp/wingman-codex-screens/project",
    });
    expect(r.prompt?.options.map((o) => [o.label, o.role, o.highlighted])).toEqual([
      ["Trust and continue", "other", true],
      ["Back to Agent Command Center", "other", false],
    ]);
  });
  it.each(["hooks-review", "hooks-review.narrow"])(
    "%s: Hooks need review is a dialog; skipping hooks is its no",
    (name) => {
      const r = inspect(name);
      expect(r.state).toBe("waiting_input");
      expect(r.prompt).toMatchObject({ kind: "dialog", question: "Hooks need review" });
      expect(opts(read(name))).toEqual([">1:other", "2:other", "3:no"]);
    },
  );
});

describe("the adapter", () => {
  const codex = agentByWord("codex")!;
  it("is registered under its word and id", () => {
    expect(codex.id).toBe("codex");
    expect(agentByWord("CODEX")?.id).toBe("codex");
  });
  it("chooses by meaning: approve = y, always = p, deny = Esc; trust only on the trust question", () => {
    const p = read("approval-bash").prompt!;
    const pick = (a: "approve" | "always" | "deny" | "trust") => {
      const c = codex.choose(p, a);
      return c.ok ? c.option.key : c.message;
    };
    expect([pick("approve"), pick("always"), pick("deny")]).toEqual(["y", "p", "Escape"]);
    expect(pick("trust")).toMatch(/not a folder-trust question/);
    const t = codex.choose(read("trust-prompt").prompt!, "trust");
    expect(t.ok && t.option.label).toBe("Trust and continue");
    expect(codex.choose(read("hooks-review").prompt!, "approve").ok).toBe(false);
  });
  it("launches with --no-daemon -a on-request, its -c settings and the notify program, then codex.args", () => {
    const plan = codex.launch({
      session: "api",
      settings: { command: "/opt/codex", args: ["-m", "o9"] },
      signalsDir: "/state/events/api",
      agentDir: "/state",
      env: { PATH: "/bin", TMUX: "/x", LANG: "C" },
    });
    expect(plan.argv).toEqual([
      "/opt/codex",
      "--no-daemon",
      "-a",
      "on-request",
      "-c",
      "disable_paste_burst=true",
      "-c",
      "check_for_update_on_startup=false",
      "-c",
      'notify=["/bin/sh","/state/codex-notify.sh"]',
      "-m",
      "o9",
    ]);
    expect(plan.env).toMatchObject({ WMHOOK_SESSION: "api", WMHOOK_EVENTS: "/state/events/api", LANG: "C.UTF-8" });
    expect(plan.env.TMUX).toBeUndefined();
    expect(codex.setupFiles("/state")[0]?.path).toBe("/state/codex-notify.sh");
  });
  it("folds notify files: the title side request is not a turn; the thread id is the resume id", () => {
    const state: CodexState = {};
    const at = "2026-12-01T11:00:00.000Z";
    const title = {
      type: "agent-turn-complete",
      "thread-id": "t-title",
      "input-messages": ["Generate a concise, single-line task title of at most 36"],
      "last-assistant-message": '{"title":"x"}',
    };
    const fx1 = foldNotify(state, [{ file: "1-1.json", at, body: { notify: title } }]);
    expect(fx1.lastMessage).toBeUndefined();
    expect(state.turnEndedAt).toBeUndefined();
    const turn = {
      type: "agent-turn-complete",
      "thread-id": "01a2-main",
      "input-messages": ["SAY hi"],
      "last-assistant-message": "hi",
    };
    const fx2 = foldNotify(state, [{ file: "2-1.json", at, body: { notify: turn } }]);
    expect(fx2).toMatchObject({ lastMessage: "hi", agentSessionId: "01a2-main" });
    expect(state).toMatchObject({ cursor: "2-1.json", turns: 1, threadId: "01a2-main" });
    expect(codex.resumeCommand("01a2-main")).toBe("codex resume 01a2-main");
  });
});
