// The OpenCode classifier on every recorded real screen of OpenCode 1.18.33 (test/fixtures/opencode/…, made by
// scripts/record-opencode-screens.ts), wide and narrow, with colours (`-e`, what Wingman reads) and, for the
// selection, without; plus its launch environment and the fold of its plugin's signals.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { agentByWord } from "../../src/agents/index.js";
import { launchPlan, permissionContent } from "../../src/agents/opencode/launch.js";
import { fuse } from "../../src/agents/opencode/fusion.js";
import { foldSignals } from "../../src/agents/opencode/plugin.js";
import { classifyScreen } from "../../src/agents/opencode/screen.js";
import type { OpenCodeState } from "../../src/agents/opencode/state.js";
import { sideMoves } from "../../src/agents/opencode/keys.js";
import type { ScreenReading } from "../../src/api/types.js";

const DIR = join(import.meta.dirname, "../fixtures/opencode/opencode-1.18.33");
const manifest = JSON.parse(readFileSync(join(DIR, "manifest.json"), "utf8")) as Record<
  string,
  { file: string; colours: string; paneDead: boolean }
>;
const text = (name: string, colours = true) => {
  const m = manifest[name];
  if (!m) throw new Error(`no recording ${name}`);
  return readFileSync(join(DIR, colours ? m.colours : m.file), "utf8");
};
const read = (name: string, colours = true): ScreenReading =>
  classifyScreen(text(name, colours), { paneDead: manifest[name]!.paneDead });
const opts = (r: ScreenReading) =>
  r.prompt?.options.map((o) => `${o.highlighted ? ">" : ""}${o.label}:${o.role}${o.scope ? `=${o.scope}` : ""}`);

const STATES: Record<string, [string, string?]> = {
  "idle-fresh": ["idle"],
  "idle-fresh.narrow": ["idle"],
  "idle-typed-text": ["idle"],
  "idle-typed-multiline": ["idle"],
  "idle-after-turn": ["idle"],
  "idle-after-interrupt": ["idle"],
  "idle-history-trap": ["idle"],
  "after-approve": ["idle"],
  "after-reject": ["idle"],
  "after-escape": ["idle"],
  resumed: ["idle"],
  working: ["working"],
  "working.narrow": ["working"],
  "error-400": ["error", "other"],
  "error-typed-text": ["error", "other"],
  "error-retrying-500": ["error", "other"],
  "error-retrying-500.narrow": ["error", "other"],
  "exited-ctrl-c": ["exited"],
  "exited-slash-exit": ["exited"],
};
const DIALOGS = [
  "approval-bash",
  "approval-bash.narrow",
  "approval-bash-always-selected",
  "approval-bash-reject-selected",
  "approval-bash-after-cancel",
  "approval-bash-left-wraps",
  "approval-external",
  "always-confirm",
  "always-confirm.narrow",
  "always-confirm-cancel-selected",
];
const CMD = "touch /tmp/wingman-opencode-screens/project/approved.txt";

describe("every recorded OpenCode screen", () => {
  it("is in the table below or checked in detail further down", () => {
    for (const name of Object.keys(manifest)) expect(name in STATES || DIALOGS.includes(name), name).toBe(true);
  });
  it.each(Object.entries(STATES))("%s → %j", (name, [state, reason]) => {
    const r = read(name);
    expect(r.state).toBe(state);
    if (reason) expect(r.stateReason).toBe(reason);
    expect(r.prompt).toBeNull();
  });
  it("inspect-screen --agent opencode reads the same", () => {
    expect(agentByWord("opencode")?.classify(text("approval-bash")).state).toBe("waiting_approval");
  });
});

describe("details of states", () => {
  it("the input box's typed text; the placeholder reads as empty", () => {
    expect(read("idle-typed-text").inputText).toBe("fix the flaky test in parser.spec.ts");
    expect(read("idle-typed-multiline").inputText).toBe("first line\nsecond line");
    expect(read("error-typed-text").inputText).toBe("try again please");
    expect(read("idle-fresh").inputText).toBe("");
    expect(read("idle-after-turn").inputText).toBe("");
  });
  it("errors carry OpenCode's words", () => {
    expect(read("error-400").detail).toContain("the model rejected the request");
    expect(read("error-retrying-500").detail).toBe("upstream exploded");
  });
  it("exit screens carry the resume command; prose quoting one does not exit", () => {
    expect(read("exited-slash-exit").resumeCommand).toMatch(/^opencode -s ses_[A-Za-z0-9]+$/);
    expect(read("exited-ctrl-c").resumeCommand).toMatch(/^opencode -s ses_[A-Za-z0-9]+$/);
    expect(read("idle-history-trap").resumeCommand).toBeUndefined();
  });
});

describe("dialogs", () => {
  it.each(["approval-bash", "approval-bash.narrow"])("%s: a shell command, buttons by role, none numbered", (name) => {
    const r = read(name);
    expect(r.state).toBe("waiting_approval");
    expect(r.prompt).toMatchObject({ kind: "tool", tool: "Bash", detail: CMD, question: "Permission required" });
    expect(r.prompt?.options.map((o) => o.number)).toEqual([null, null, null]);
    expect(opts(r)).toEqual([
      ">Allow once:once",
      "Allow always:always=this kind of request, until OpenCode is restarted",
      "Reject:no",
    ]);
  });
  it("the selection is read from the background alone; the plain capture cannot tell", () => {
    expect(opts(read("approval-bash-always-selected"))?.map((o) => o.startsWith(">"))).toEqual([false, true, false]);
    expect(opts(read("approval-bash-reject-selected"))?.map((o) => o.startsWith(">"))).toEqual([false, false, true]);
    expect(opts(read("approval-bash-left-wraps"))?.map((o) => o.startsWith(">"))).toEqual([false, false, true]);
    expect(text("approval-bash", false)).toBe(text("approval-bash-reject-selected", false));
    expect(read("approval-bash", false).prompt?.options.some((o) => o.highlighted)).toBe(false);
  });
  it("folder access outside the project: its patterns", () => {
    const r = read("approval-external");
    expect(r.prompt).toMatchObject({ tool: "ExternalDirectory", detail: "/etc/*" });
  });
  it.each(["always-confirm", "always-confirm.narrow"])("%s: Allow always's confirmation with its patterns", (name) => {
    const r = read(name);
    expect(r.prompt).toMatchObject({ question: "Always allow", detail: "touch *" });
    expect(opts(r)).toEqual([">Confirm:always=touch * (until OpenCode is restarted)", "Cancel:other"]);
    expect(opts(read("always-confirm-cancel-selected"))).toEqual([
      "Confirm:always=touch * (until OpenCode is restarted)",
      ">Cancel:other",
    ]);
  });
  it("moves by the shortest way that does not wrap; none when nothing is seen selected", () => {
    const p = read("approval-bash").prompt!;
    expect(sideMoves(p, 0)).toEqual([]);
    expect(sideMoves(p, 2)).toEqual(["Right", "Right"]);
    expect(sideMoves(read("approval-bash-reject-selected").prompt!, 1)).toEqual(["Left"]);
    expect(sideMoves(read("approval-bash", false).prompt!, 1)).toBeNull();
  });
});

describe("fusion", () => {
  const pane = { dead: false, deadStatus: null, deadSignal: null } as never;
  const base = { pane, state: {}, createdAt: "2026-12-03T10:00:00.000Z", now: new Date("2026-12-03T10:10:00.000Z") };
  it("a blank frame (OpenCode redrawing) keeps the pending dialog; any drawn screen decides", () => {
    const dialog = read("approval-bash").prompt!;
    const blank = classifyScreen("\n".repeat(49));
    expect(blank.state).toBe("starting");
    expect(fuse({ ...base, reading: blank, pending: dialog })).toMatchObject({
      state: "waiting_approval",
      prompt: dialog,
    });
    expect(fuse({ ...base, reading: read("after-approve"), pending: dialog })).toMatchObject({
      state: "idle",
      prompt: null,
    });
    expect(fuse({ ...base, reading: blank, pending: null })).toMatchObject({ state: "starting", prompt: null });
  });
  it("Allow always is scoped by what OpenCode's request says it grants", () => {
    const f = fuse({ ...base, reading: read("approval-bash"), state: { always: ["touch *"] } });
    expect(f.prompt?.options[1]?.scope).toBe("touch * (until OpenCode is restarted)");
  });
});

describe("launch and signals", () => {
  it("asks through OPENCODE_PERMISSION over the user's own value, and names the plugin inline", () => {
    const plan = launchPlan({
      settings: { command: "opencode", args: ["--pure"] },
      env: { PATH: "/bin", OPENCODE_PERMISSION: '{"read":"allow","bash":"allow"}', TMUX: "x" },
      session: "s1",
      signalsDir: "/state/events/s1",
      plugin: "/state/agents/opencode/opencode-signals.js",
      resumeId: "ses_abc",
    });
    expect(plan.argv).toEqual(["opencode", "--pure", "-s", "ses_abc"]);
    expect(JSON.parse(plan.env.OPENCODE_PERMISSION!)).toEqual({
      read: "allow",
      bash: "ask",
      edit: "ask",
      webfetch: "ask",
    });
    expect(JSON.parse(plan.env.OPENCODE_CONFIG_CONTENT!)).toEqual({
      plugin: ["file:///state/agents/opencode/opencode-signals.js"],
    });
    expect(plan.env.TMUX).toBeUndefined();
    expect(plan.env.WMHOOK_EVENTS).toBe("/state/events/s1");
    expect(JSON.parse(permissionContent("not json"))).toEqual({ bash: "ask", edit: "ask", webfetch: "ask" });
  });
  it("knows its own process (adopt) and takes a model (spawn --model)", () => {
    const a = agentByWord("opencode")!;
    expect(a.matchesProcess?.(["/usr/bin/node", "/usr/lib/node_modules/opencode-ai/bin/opencode"])).toBe(true);
    expect(a.matchesProcess?.(["/repo/node_modules/opencode-linux-x64/bin/opencode"])).toBe(true);
    expect(a.matchesProcess?.(["opencode", "-s", "ses_abc"])).toBe(true);
    expect(a.matchesProcess?.(["node", "/x/codex.js"])).toBe(false);
    expect(a.matchesProcess?.(["vim", "opencode"])).toBe(false);
    expect(a.modelArgs?.("openai/gpt-5")).toEqual(["-m", "openai/gpt-5"]);
  });
  it("folds the session id, the always patterns and the turn's end with its last reply", () => {
    const st: OpenCodeState = {};
    const f = (file: string, body: unknown) => ({ file, at: "2026-12-03T10:00:00.000Z", body: { opencode: body } });
    const fx = foldSignals(st, [
      f("1-1.json", { type: "session.created", sessionID: "ses_A1" }),
      f("2-1.json", { type: "session.created", sessionID: "ses_SUB", parentID: "ses_A1" }),
      f("3-1.json", { type: "permission.asked", sessionID: "ses_A1", always: ["touch *"] }),
    ]);
    expect(fx.agentSessionId).toBe("ses_A1");
    expect(st).toMatchObject({ sessionId: "ses_A1", always: ["touch *"], asked: 1, cursor: "3-1.json" });
    const fx2 = foldSignals(st, [
      f("4-1.json", { type: "session.idle", sessionID: "ses_SUB", lastMessage: "sub" }),
      f("5-1.json", { type: "session.idle", sessionID: "ses_A1", lastMessage: "done" }),
    ]);
    expect(fx2.lastMessage).toBe("done");
    expect(st.always).toBeUndefined();
    expect(st.turnEndedAt).toBeDefined();
  });
});
