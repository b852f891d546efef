// The Gemini CLI classifier on every recorded real screen of Gemini CLI 0.61.0 (test/fixtures/gemini/…, made
// by scripts/record-gemini-screens.ts), wide and narrow, read as `wingman inspect-screen --agent gemini`
// prints it; and the adapter's pure parts (choice by meaning, launch, hooks, process recognition).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { foldHooks, turnEnded } from "../../src/agents/gemini/hooks.js";
import { cleanOutput } from "../../src/agents/gemini/output.js";
import { classifyScreen } from "../../src/agents/gemini/screen.js";
import type { GeminiState } from "../../src/agents/gemini/state.js";
import { agentByWord } from "../../src/agents/index.js";
import type { ScreenReading } from "../../src/api/types.js";

const DIR = join(import.meta.dirname, "../fixtures/gemini/gemini-0.61.0");
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
const opts = (r: ScreenReading) =>
  r.prompt?.options.map((o) => `${o.highlighted ? ">" : ""}${o.number}:${o.role}${o.scope ? `=${o.scope}` : ""}`);
const PROJECT = "/work/wt/gemini/.cache/gemini-screens/project";

const STATES: Record<string, [string, string?]> = {
  "idle-fresh": ["idle"],
  "idle-fresh.narrow": ["idle"],
  "idle-typed-text": ["idle"],
  "idle-typed-multiline": ["idle"],
  "idle-after-turn": ["idle"],
  "idle-history-trap": ["idle"],
  "after-approve": ["idle"],
  "after-deny": ["idle"],
  "after-question": ["idle"],
  "after-cancel": ["idle"],
  "ctrl-c-once": ["idle"],
  working: ["working"],
  "working-retrying": ["working"],
  "error-400": ["error", "other"],
  "error-typed-text": ["error", "other"],
  "exited-quit": ["exited"],
  "exited-ctrl-c": ["exited"],
  // `gemini --resume`, frame by frame with one core busy (the frames' meaning: "resume" below).
  "resume-01": ["starting"],
  "resume-02": ["idle"],
  "resume-03": ["idle"],
  "resume-04": ["idle"],
  "resume-05": ["starting"],
  "resume-06": ["starting"],
  "resume-07": ["starting"],
  "resume-08": ["idle"],
  "resume-09": ["idle"],
};
const DETAILED = [
  "approval-shell",
  "approval-shell.narrow",
  "approval-shell-option2",
  "trust-prompt",
  "question",
  "question.narrow",
  "auth-dialog",
];

describe("every recorded Gemini screen", () => {
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
  it("the input box's typed text; the placeholder reads as empty", () => {
    expect(read("idle-typed-text").inputText).toBe("fix the flaky test in parser.spec.ts? And why!");
    expect(read("idle-typed-multiline").inputText).toBe("first line\nsecond line");
    expect(read("error-typed-text").inputText).toBe("try again please");
    expect(read("idle-fresh").inputText).toBe("");
    expect(read("error-400").inputText).toBe("");
  });
  it("working shows the spinner row's text", () => {
    expect(read("working").detail).toMatch(/\(esc to cancel, \d+s\)$/);
    expect(read("working-retrying").detail).toMatch(/^Thinking\.\.\. \(esc to cancel, \d+s\)$/);
  });
  it("an error carries the line Gemini drew, and its reason by status code", () => {
    expect(read("error-400").detail).toBe(
      '[API Error: {"error":{"code":400,"message":"the request was bad","status":"INVALID_ARGUMENT"}}]',
    );
    expect(read("after-cancel").detail).toBe("cancelled");
  });
  it("exit screens carry the resume command; a reply quoting every marker is only idle", () => {
    expect(read("exited-quit").resumeCommand).toMatch(/^gemini --resume [0-9a-f-]{36}$/);
    expect(read("exited-ctrl-c").resumeCommand).toMatch(/^gemini --resume [0-9a-f-]{36}$/);
    const trap = read("idle-history-trap");
    expect([trap.state, trap.resumeCommand, trap.prompt]).toEqual(["idle", undefined, null]);
  });
  it("a screen cleaned for a phone keeps the conversation and drops the chrome", () => {
    const out = cleanOutput(screen("after-approve").text, 40);
    expect(out).toContain("✦ TOOL_RESULT:");
    expect(out).not.toMatch(/Type your message|workspace \(\/directory\)|\? for shortcuts|^[▄▀]+$/m);
  });
});

describe("dialogs", () => {
  it("the shell approval: the command from Gemini's own box, options by role, the cursor", () => {
    const r = read("approval-shell");
    expect(r.state).toBe("waiting_approval");
    expect(r.prompt).toMatchObject({
      kind: "tool",
      tool: "Bash",
      detail: `touch ${PROJECT}/approved.txt`,
      question: "Allow execution of [Shell]?",
    });
    expect(r.prompt?.options.map((o) => o.label)).toEqual([
      "Allow once",
      "Allow for this session",
      "No, suggest changes (esc)",
    ]);
    expect(opts(r)).toEqual([">1:once", "2:always=this session", "3:no"]);
    expect(opts(read("approval-shell-option2"))).toEqual(["1:once", ">2:always=this session", "3:no"]);
  });
  it("at 80 columns the command wraps inside its box: read as Gemini drew it, line by line", () => {
    const r = read("approval-shell.narrow");
    expect(r.prompt?.tool).toBe("Bash");
    expect(r.prompt?.detail?.replace(/\n/g, "")).toBe(
      `touch${PROJECT}/a-file-with-a-rather-long-name-so-that-the-command-wraps-in-the-box.txt`,
    );
    expect(opts(r)).toEqual([">1:once", "2:always=this session", "3:no"]);
  });
  it("the folder-trust question: Trust folder is what trust picks; Don't trust is its no", () => {
    const r = read("trust-prompt");
    expect(r.state).toBe("trust_prompt");
    expect(r.prompt).toMatchObject({
      kind: "trust",
      question: "Do you trust the files in this folder?",
      detail: "project",
    });
    expect(r.prompt?.options.map((o) => [o.label, o.role, o.highlighted])).toEqual([
      ["Trust folder (project)", "other", true],
      ["Trust parent folder (gemini-screens)", "other", false],
      ["Don't trust", "no", false],
    ]);
  });
  it.each(["question", "question.narrow"])(
    "%s: a question with its options, descriptions and the custom row",
    (name) => {
      const r = read(name);
      expect(r.state).toBe("waiting_input");
      expect(r.prompt).toMatchObject({ kind: "question", question: "Which colour should the button be?" });
      expect(r.prompt?.options.map((o) => [o.number, o.label, o.description ?? null, !!o.freeText])).toEqual([
        [1, "Red", "Choose Red", false],
        [2, "Blue", "Choose Blue", false],
        [3, "Enter a custom value", null, true],
      ]);
    },
  );
  it("the first-run authentication choice is a dialog waiting for input", () => {
    const r = read("auth-dialog");
    expect(r.state).toBe("waiting_input");
    expect(r.prompt).toMatchObject({
      kind: "dialog",
      question: "How would you like to authenticate for this project?",
    });
    expect(r.prompt?.options.map((o) => [o.number, o.label, o.highlighted])).toEqual([
      [1, "Sign in with Google", false],
      [2, "Use Gemini API Key", true],
      [3, "Vertex AI", false],
    ]);
  });
});

describe("resume: the input box comes before the conversation", () => {
  const gemini = agentByWord("gemini")!;
  const created = "2026-12-03T09:00:00.000Z";
  const resumedAt = "2026-12-03T10:00:00.000Z";
  const at = (ms: number) => new Date(Date.parse(resumedAt) + ms);
  const pane = { dead: false, deadStatus: null, deadSignal: null } as never;
  const fused = (name: string, o: { resumedAt?: string; now?: Date; state?: GeminiState } = {}) =>
    gemini.fuse({
      pane,
      reading: read(name),
      state: o.state ?? {},
      createdAt: created,
      ...(o.resumedAt ? { resumedAt: o.resumedAt } : {}),
      now: o.now ?? at(15_000),
    });

  it("reads whether earlier turns are on screen: not in the frames before the conversation is drawn", () => {
    const shown = Object.fromEntries(
      ["resume-02", "resume-03", "resume-04", "resume-08", "resume-09", "idle-fresh", "idle-after-turn"].map((n) => [
        n,
        read(n).history,
      ]),
    );
    expect(shown).toEqual({
      "resume-02": false,
      "resume-03": false,
      "resume-04": false,
      "resume-08": true,
      "resume-09": true,
      "idle-fresh": false,
      "idle-after-turn": true,
    });
  });
  it("Gemini's own notices above the early box are not earlier turns", () => {
    const early = screen("resume-04").text.replace(
      "4. Be specific for the best results\n",
      "4. Be specific for the best results\nℹ Gemini CLI update available!\n",
    );
    expect(early).toContain("ℹ Gemini CLI update available!");
    expect(classifyScreen(early)).toMatchObject({ state: "idle", history: false });
  });
  it("`Resuming session...` with no input box is starting, whatever the session's age", () => {
    expect(read("resume-06")).toMatchObject({ state: "starting", detail: "resuming session" });
    expect(fused("resume-07", { resumedAt, now: at(45_000) }).state).toBe("starting");
  });
  it("after a resume, an empty input box with no conversation above it is starting; with the conversation, idle", () => {
    const frames = ["resume-01", "resume-02", "resume-03", "resume-04", "resume-05", "resume-06", "resume-07"];
    expect(frames.map((n) => fused(n, { resumedAt }).state)).toEqual(frames.map(() => "starting"));
    expect(fused("resume-04", { resumedAt }).detail).toBe("loading the earlier conversation");
    expect(["resume-08", "resume-09"].map((n) => fused(n, { resumedAt }).state)).toEqual(["idle", "idle"]);
  });
  it("only after a resume: a fresh session's empty box is idle at once", () => {
    expect(fused("idle-fresh", { now: new Date(Date.parse(created) + 5_000) }).state).toBe("idle");
    expect(fused("resume-04").state).toBe("idle");
  });
  it("a box with no conversation is idle once a turn ended since the resume, or after the resume window", () => {
    expect(fused("resume-04", { resumedAt, state: { turns: 1 } }).state).toBe("idle");
    expect(fused("resume-04", { resumedAt, now: at(61_000) }).state).toBe("idle");
  });
});

describe("the adapter", () => {
  const gemini = agentByWord("gemini")!;
  it("is registered under its word and id, with its own variable", () => {
    expect([gemini.id, gemini.label, agentByWord("GEMINI")?.id]).toEqual(["gemini", "Gemini CLI", "gemini"]);
    expect(gemini.settings.commandVariable).toBe("WINGMAN_GEMINI_COMMAND");
  });
  it("chooses by meaning: approve = 1, always = 2 (this session), deny = 3; trust only on the trust question", () => {
    const p = read("approval-shell").prompt!;
    const pick = (a: "approve" | "always" | "deny" | "trust") => {
      const c = gemini.choose(p, a);
      return c.ok ? c.option.number : c.message;
    };
    expect([pick("approve"), pick("always"), pick("deny")]).toEqual([1, 2, 3]);
    expect(pick("trust")).toMatch(/not a folder-trust question/);
    const t = gemini.choose(read("trust-prompt").prompt!, "trust");
    expect(t.ok && t.option.label).toBe("Trust folder (project)");
    expect(gemini.choose(read("question").prompt!, "approve").ok).toBe(false);
  });
  it("answers a question by number or label, never the custom row", () => {
    const q = read("question").prompt!;
    expect(gemini.planAnswer(q, ["2"], "")).toMatchObject({ ok: true, mode: "single", index: 1 });
    expect(gemini.planAnswer(q, null, "red")).toMatchObject({ ok: true, mode: "single", index: 0 });
    expect(gemini.planAnswer(q, ["3"], "")).toMatchObject({ ok: false, message: "choose one of: 1. Red · 2. Blue" });
  });
  it("launches the program with gemini.args and --resume, its hooks as system defaults, its model flag", () => {
    const plan = gemini.launch({
      session: "api",
      settings: { command: "/opt/gemini", args: ["--sandbox"] },
      signalsDir: "/state/events/api",
      agentDir: "/state/agents",
      env: { PATH: "/bin", TMUX: "/x", LANG: "C" },
      resumeId: "5c234378-a54a-4ecc-8f2d-b8d1d8934096",
    });
    expect(plan.argv).toEqual(["/opt/gemini", "--sandbox", "--resume", "5c234378-a54a-4ecc-8f2d-b8d1d8934096"]);
    expect(plan.env).toMatchObject({
      WMHOOK_SESSION: "api",
      WMHOOK_EVENTS: "/state/events/api",
      GEMINI_CLI_SYSTEM_DEFAULTS_PATH: "/state/agents/gemini-settings.json",
      LANG: "C.UTF-8",
    });
    expect(plan.env.TMUX).toBeUndefined();
    const files = gemini.setupFiles("/state/agents");
    const settings = JSON.parse(files.find((f) => f.path.endsWith(".json"))!.content);
    expect(Object.keys(settings.hooks)).toEqual(["SessionStart", "BeforeAgent", "AfterAgent", "Notification"]);
    expect(settings.hooks.AfterAgent[0].hooks[0].command).toBe("/bin/sh '/state/agents/gemini-hook.sh'");
    expect(gemini.modelArgs?.("gemini-3.8-flash")).toEqual(["--model", "gemini-3.8-flash"]);
    expect(gemini.resumeCommand("abc")).toBe("gemini --resume abc");
  });
  it("starts interactive from a CI job: CI=true and GITHUB_ACTIONS=true reach it as 1 (Gemini reads the exact 'true' as headless)", () => {
    const env = (e: Record<string, string>) =>
      gemini.launch({
        session: "api",
        settings: { command: "gemini", args: [] },
        signalsDir: "/s",
        agentDir: "/a",
        env: e,
      }).env;
    expect(env({ CI: "true", GITHUB_ACTIONS: "true" })).toMatchObject({ CI: "1", GITHUB_ACTIONS: "1" });
    expect(env({ CI: "woodpecker" }).CI).toBe("woodpecker");
    expect(env({}).CI).toBeUndefined();
    // Not given: unset in the pane, so a tmux server started with CI=true does not bring it back.
    expect(
      gemini.launch({ session: "a", settings: { command: "g", args: [] }, signalsDir: "/s", agentDir: "/a", env: {} })
        .unset,
    ).toEqual(["CI", "GITHUB_ACTIONS"]);
  });
  it("recognises its process: the script itself, or Node running it (with options first)", () => {
    const m = (argv: string[]) => gemini.matchesProcess?.(argv);
    expect(m(["node", "/usr/local/bin/gemini"])).toBe(true);
    expect(
      m(["/usr/bin/node", "--max-old-space-size=12052", "/usr/lib/node_modules/@google/gemini-cli/bundle/gemini.js"]),
    ).toBe(true);
    expect(m(["/home/u/.npm-global/bin/gemini", "--resume", "x"])).toBe(true);
    expect(m(["node", "/usr/local/bin/codex"])).toBe(false);
    expect(m(["/usr/bin/vim", "gemini"])).toBe(false);
    expect(m(["bash"])).toBe(false);
    expect(m([])).toBe(false);
  });
  it("folds hook files: the session id, a turn's end and its reply; a turn started later is not ended", () => {
    const state: GeminiState = {};
    const id = "5c234378-a54a-4ecc-8f2d-b8d1d8934096";
    const ev = (file: string, at: string, event: Record<string, unknown>) => ({ file, at, body: { event } });
    const start = foldHooks(state, [
      ev("1.json", "2026-12-03T10:00:00Z", { hook_event_name: "SessionStart", session_id: id }),
    ]);
    expect(start.agentSessionId).toBe(id);
    foldHooks(state, [ev("2.json", "2026-12-03T10:00:01Z", { hook_event_name: "BeforeAgent", session_id: id })]);
    expect(turnEnded(state)).toBe(false);
    const end = foldHooks(state, [
      ev("3.json", "2026-12-03T10:00:02Z", { hook_event_name: "AfterAgent", session_id: id, prompt_response: "done" }),
    ]);
    expect([end.lastMessage, turnEnded(state), state.turns, state.cursor]).toEqual(["done", true, 1, "3.json"]);
    // Hostile files: no event, a session id that is not a uuid.
    const bad = foldHooks(state, [
      { file: "4.json", at: "2026-12-03T10:00:03Z", body: "x" },
      ev("5.json", "2026-12-03T10:00:04Z", { hook_event_name: "SessionStart", session_id: "../../etc" }),
    ]);
    expect([bad.agentSessionId, state.sessionId, state.cursor]).toEqual([undefined, id, "5.json"]);
  });
});
