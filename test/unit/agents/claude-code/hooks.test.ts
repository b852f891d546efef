// Claude Code's hook events folded into state, its hook command and its launch argv (agents/claude-code/hooks.ts, launch.ts).
import { describe, expect, it } from "vitest";
import { foldEvents, type HookEvent, hookSettings, shQuote } from "../../../../src/agents/claude-code/hooks.js";
import { launchPlan } from "../../../../src/agents/claude-code/launch.js";
import { agentSettings, resolveConfig } from "../../../../src/config.js";
import type { HookState } from "../../../../src/agents/claude-code/state.js";

const ev = (file: string, raw: Record<string, unknown>): HookEvent => ({
  file,
  at: new Date(Number(file.split("-")[0]) / 1e6).toISOString(),
  name: String(raw.hook_event_name),
  raw,
});

describe("hook events", () => {
  it("fold into turn state, outstanding permission, and side effects", () => {
    const h: HookState = {};
    const fx = foldEvents(h, [
      ev("1700000000000000000-1.json", { hook_event_name: "SessionStart", session_id: "abc" }),
      ev("1700000000100000000-2.json", { hook_event_name: "UserPromptSubmit", prompt: "run it" }),
      ev("1700000000200000000-3.json", {
        hook_event_name: "PreToolUse",
        tool_name: "Bash",
        tool_input: { command: "ls" },
      }),
      ev("1700000000300000000-4.json", {
        hook_event_name: "PermissionRequest",
        tool_name: "Bash",
        tool_input: { command: "ls" },
      }),
    ]);
    expect(h.turn).toBe("working");
    expect(h.permission).toMatchObject({ tool: "Bash", input: { command: "ls" }, seq: 1 });
    expect(h.cursor).toBe("1700000000300000000-4.json");
    expect(fx).toMatchObject({ agentSessionId: "abc", prompts: ["run it"] });
    foldEvents(h, [
      ev("1700000000400000000-5.json", { hook_event_name: "PostToolUse", tool_response: { stdout: "Tests 8 passed" } }),
      ev("1700000000500000000-6.json", { hook_event_name: "Stop", last_assistant_message: "done" }),
    ]);
    expect(h).toMatchObject({ turn: "idle", permission: null });
    foldEvents(h, [ev("1700000000600000000-7.json", { hook_event_name: "StopFailure", error: "rate_limit" })]);
    expect(h).toMatchObject({ turn: "error", errorKind: "rate_limit" });
  });

  it("the hook command is fixed text naming the shipped script, quoted for sh", () => {
    expect(shQuote("/a b/it's.sh")).toBe(`'/a b/it'\\''s.sh'`);
    const s = hookSettings("/opt/wm/hooks/wingman-hook.sh") as {
      hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>>;
    };
    expect(Object.keys(s.hooks)).toContain("PermissionRequest");
    expect(s.hooks.Stop?.[0]?.hooks[0]?.command).toBe("/bin/sh '/opt/wm/hooks/wingman-hook.sh'");
  });

  it("launch: argv without a shell, Wingman's settings, manual mode unless configured, the spawner's env", () => {
    const config = resolveConfig({ claude: { args: ["--model", "opus"] } }, {});
    const p = launchPlan({
      settings: agentSettings(config, "claude-code"),
      session: "s",
      settingsFile: "/st/h.json",
      eventsDir: "/st/events/s",
      env: { PATH: "/bin", TMUX: "x", LANG: "C" },
    });
    // The core removes Wingman's own variables before this, and the launcher unsets TMUX before the agent runs
    // (test/security/text-is-text.test.ts checks the agent's real environment).
    expect(p.argv).toEqual(["claude", "--settings", "/st/h.json", "--permission-mode", "default", "--model", "opus"]);
    expect(p.env).toMatchObject({ PATH: "/bin", LANG: "C.UTF-8", WMHOOK_SESSION: "s", WMHOOK_EVENTS: "/st/events/s" });
    expect(p.env.TMUX).toBeUndefined();
    const own = resolveConfig({ claude: { args: ["--permission-mode", "plan"] } }, {});
    expect(
      launchPlan({
        settings: agentSettings(own, "claude-code"),
        session: "s",
        settingsFile: "f",
        eventsDir: "e",
        env: {},
      }).argv,
    ).toEqual(["claude", "--settings", "f", "--permission-mode", "plan"]);
  });
});
