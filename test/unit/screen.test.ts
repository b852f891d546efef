// The classifier on every recorded real screen of Claude Code 2.1.331 (test/fixtures/screens/…, made by
// scripts/record-screens.ts), wide and narrow, plus synthetic traps for prose that quotes markers.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { classifyScreen } from "../../src/agents/claude-code/screen.js";
import type { ScreenReading } from "../../src/api/types.js";

const DIR = join(import.meta.dirname, "../fixtures/screens/claude-code-2.1.331");
const manifest = JSON.parse(readFileSync(join(DIR, "manifest.json"), "utf8")) as Record<
  string,
  { file: string; paneDead: boolean }
>;
const read = (name: string): ScreenReading => {
  const m = manifest[name];
  if (!m) throw new Error(`no recording ${name}`);
  return classifyScreen(readFileSync(join(DIR, m.file), "utf8"), { paneDead: m.paneDead });
};
/** Options as "number:label:role[=scope]" with ">" on the highlighted one. */
const opts = (r: ScreenReading) =>
  r.prompt?.options.map(
    (o) => `${o.highlighted ? ">" : ""}${o.number ?? "-"}:${o.label}:${o.role}${o.scope ? `=${o.scope}` : ""}`,
  );

const STATES: Record<string, [string, string?]> = {
  "after-approve": ["idle"],
  "after-ask": ["idle"],
  "after-auto-yes": ["idle"],
  "after-deny": ["idle"],
  "after-deny-reason": ["idle"],
  "after-esc": ["idle"],
  "after-plan-no": ["idle"],
  "after-write": ["idle"],
  "api-retry": ["working"],
  "api-retry-connection": ["working"],
  "ctrl-c-once": ["idle"],
  "error-401": ["error", "auth"],
  "error-403": ["error", "auth"],
  "error-429": ["error", "rate_limit"],
  "error-500": ["error", "server"],
  "error-529": ["error", "server"],
  "error-connection-refused": ["error", "connection"],
  "error-typed-text": ["error", "server"],
  "exited-slash-exit": ["exited"],
  "trust-declined-exited": ["exited", "trust declined"],
  "idle-accept-edits": ["idle"],
  "idle-after-trust": ["idle"],
  "idle-after-turn": ["idle"],
  "idle-auto-mode": ["idle"],
  "idle-fresh": ["idle"],
  "idle-history-trap": ["idle"],
  "idle-history-trap-cat": ["idle"],
  "idle-interrupted": ["idle"],
  "idle-plan-mode": ["idle"],
  "idle-typed-text": ["idle"],
  working: ["working"],
  "waiting-permission": ["waiting_approval"],
  "onboarding-security": ["waiting_input"],
};

describe("every recorded screen", () => {
  it("is in the table below or checked in detail further down", () => {
    const detailed = [
      "api-key-dialog",
      "ask-multi",
      "ask-multi-checked",
      "ask-multi-submit",
      "ask-single",
      "ask-single-freetext",
      "auto-cant-check",
      "auto-mode-nudge",
      "auto-per-action",
      "auto-per-action-yes",
      "bash-prompt-outside",
      "bash-prompt-python",
      "bash-prompt-python-option2",
      "bash-prompt-queued",
      "bash-prompt-read-outside",
      "bash-prompt-workdir-write",
      "edit-prompt",
      "edit-prompt-deny-reason",
      "onboarding-theme",
      "plan-exit-prompt",
      "trust-prompt",
      "trust-prompt-hooks",
      "trust-prompt-yes-highlighted",
      "webfetch-prompt",
      "write-prompt",
    ];
    for (const name of Object.keys(manifest)) {
      const base = name.replace(/\.narrow$/, "");
      expect(name in STATES || detailed.includes(base), name).toBe(true);
    }
  });
  it.each(Object.entries(STATES))("%s → %j", (name, [state, reason]) => {
    const r = read(name);
    expect(r.state).toBe(state);
    if (reason) expect(r.stateReason).toBe(reason);
    if (state !== "waiting_input") expect(r.prompt).toBeNull();
  });
});

describe("details of states", () => {
  it("typed text vs placeholders in the input box", () => {
    expect(read("idle-typed-text").inputText).toBe("fix the flaky test in parser.spec.ts");
    expect(read("error-500").inputText).toBe("");
    expect(read("error-typed-text").inputText).toBe("try again please");
    expect(read("idle-fresh").inputText).toBe("");
  });
  it("working shows the spinner or retry line; Waiting for permission… is pending, not drawn", () => {
    expect(read("working").detail).toMatch(/…/);
    expect(read("api-retry").detail).toContain("retrying in 1s · attempt 1/2");
    expect(read("waiting-permission").permissionPending).toBe(true);
  });
  it("exited carries the resume command", () => {
    expect(read("exited-slash-exit").resumeCommand).toMatch(/^claude .*--resume [0-9a-f-]{36}$/);
  });
});

describe.each(["", ".narrow"])("dialogs%s", (suffix) => {
  const r = (name: string) => read(`${name}${suffix}` in manifest ? `${name}${suffix}` : name);
  it("trust: unnumbered, the negative preselected", () => {
    const t = r("trust-prompt");
    expect(t.state).toBe("trust_prompt");
    expect(t.prompt).toMatchObject({ kind: "trust", detail: "/tmp/wingman-screens/project" });
    expect(opts(t)).toEqual([">-:No, exit:no", "-:Yes, I trust this folder:other"]);
    expect(opts(r("trust-prompt-hooks"))).toEqual([">-:No, exit:no", "-:Yes, I trust this folder:other"]);
  });
  it("Bash with a command-prefix always option", () => {
    const b = r("bash-prompt-python");
    expect(b.prompt).toMatchObject({
      kind: "tool",
      tool: "Bash",
      detail: "python3 -c 'print(6*7)'",
      question: "Do you want to proceed?",
    });
    expect(opts(b)).toEqual([
      ">1:Yes:once",
      "2:Yes, and don’t ask again for: python3 *:always=python3 *",
      "3:Yes, and switch to auto mode · auto mode handles these prompts for you:auto_mode",
      "4:No:no",
    ]);
    expect(opts(r("bash-prompt-queued"))?.[3]).toBe("4:No:no");
  });
  it("Bash writing in the workdir, reading outside, outside with three options", () => {
    expect(opts(r("bash-prompt-workdir-write"))?.[1]).toMatch(
      /^2:Yes, and always allow access to .*:always=access to \/tmp\/wingman-screens\/project/,
    );
    expect(opts(r("bash-prompt-read-outside"))?.[1]).toMatch(
      /^2:Yes, allow reading from \/etc\/ssl.*:always=reading from \/etc\/ssl/,
    );
    expect(opts(r("bash-prompt-outside"))?.map((o) => o.split(":").at(-1)!.split("=")[0])).toEqual([
      "once",
      "auto_mode",
      "no",
    ]);
  });
  it("Write and Edit: path, body, accept-edits as always", () => {
    const w = r("write-prompt");
    expect(w.prompt).toMatchObject({
      kind: "tool",
      tool: "Write",
      detail: "notes.txt",
      question: "Do you want to create notes.txt?",
    });
    expect(w.prompt?.body).toContain("hello world");
    expect(opts(w)?.map((o) => o.replace(/=.*/, ""))).toEqual([
      ">1:Yes:once",
      "2:Yes, and switch to accept edits (auto-approve file edits and common file commands) for this session (shift+tab):always",
      "3:No:no",
    ]);
    const e = r("edit-prompt");
    expect(e.prompt).toMatchObject({ tool: "Edit", detail: "notes.txt" });
    expect(e.prompt?.body).toMatch(/-hello world[\s\S]*\+goodbye world/);
    expect(opts(r("edit-prompt-deny-reason"))?.[2]).toBe(">3:No, use the staging db instead:no");
  });
  it("auto-mode per-action: unnumbered No/Yes with No preselected", () => {
    expect(r("auto-per-action").prompt).toMatchObject({
      kind: "tool",
      tool: "Bash",
      detail: "python3 -c 'print(6*7)'",
    });
    expect(opts(r("auto-per-action"))).toEqual([">-:No:no", "-:Yes:once"]);
  });
  it("questions: options with descriptions, free text and chat rows, in screen order", () => {
    const q = r("ask-single");
    expect(q.state).toBe("waiting_input");
    expect(q.prompt).toMatchObject({ kind: "question", question: "Which database should we use?" });
    expect(q.prompt?.options.map((o) => [o.number, o.label, o.description ?? null, !!o.freeText])).toEqual([
      [1, "Postgres", "Relational, battle-tested", false],
      [2, "SQLite", "A single file, zero setup", false],
      [3, "Type something.", null, true],
      [4, "Chat about this", null, false],
    ]);
    const m = r("ask-multi");
    expect(m.prompt?.multiSelect).toBe(true);
    expect(m.prompt?.options.slice(0, 3).map((o) => [o.label, o.checked])).toEqual([
      ["Unit tests", false],
      ["Type check", false],
      ["Lint", false],
    ]);
    expect(r("ask-multi-submit").prompt?.options.map((o) => o.label)).toEqual(["Submit answers", "Cancel"]);
  });
  it("plan-mode exit, web fetch, first-run dialogs", () => {
    const p = r("plan-exit-prompt");
    expect(p.prompt).toMatchObject({ kind: "dialog", tool: "ExitPlanMode", question: "Exit plan mode?" });
    expect(opts(p)).toEqual([">1:Yes, and switch to default (ask each time) for this session:once", "2:No:no"]);
    const f = r("webfetch-prompt");
    expect(f.prompt).toMatchObject({ kind: "tool", tool: "WebFetch", detail: "https://example.com/docs/page" });
    expect(opts(f)).toEqual([
      ">1:Yes:once",
      "2:Yes, and don't ask again for example.com:always=example.com",
      "3:No, and tell Claude what to do differently (esc):no",
    ]);
    expect(opts(r("api-key-dialog"))).toEqual(["-:Yes:once", ">-:No (recommended):no"]);
    expect(opts(r("auto-mode-nudge"))).toEqual([
      ">-:Yes, set auto mode as my default permission mode:auto_mode",
      "-:No, keep manual mode:no",
    ]);
    expect(r("onboarding-theme").prompt?.options[0]).toMatchObject({
      label: "Auto (match terminal)",
      highlighted: true,
    });
    const auto = r("auto-cant-check");
    expect(auto.prompt).toMatchObject({ kind: "dialog", question: "Auto mode can't check actions in this session" });
    expect(auto.prompt?.options.map((o) => [o.role, o.key])).toEqual([
      ["once", "Enter"],
      ["other", "BTab"],
      ["no", "Escape"],
    ]);
  });
});

describe("traps", () => {
  const box = (footer = "  ⏸ manual mode on · ? for shortcuts") =>
    `${"─".repeat(60)}\n❯\u00a0\n${"─".repeat(60)}\n${footer}`;
  it("a file in the history that says 'Do you want to proceed?' and '❯ 1. Yes' does not make a dialog", () => {
    const screen = `● Here is the file:\n  Do you want to proceed?\n  ❯ 1. Yes\n    2. No\n  Esc to cancel · Tab to amend\n  ✶ Thinking… (3s · esc to interrupt)\n  ● API Error: 500\n${box()}`;
    const r = classifyScreen(screen);
    expect(r).toMatchObject({ state: "idle", prompt: null });
  });
  it("blank screen is not a guess; garbage is unknown", () => {
    expect(classifyScreen("\n\n\n").state).toBe("starting");
    expect(classifyScreen("$ some shell\n$ ").state).toBe("unknown");
  });
});
