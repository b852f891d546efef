// Settings (config.ts): defaults in one place, the state dir; and the small rules beside them (autoTrust globs, quiet hours).
import { describe, expect, it } from "vitest";
import { resolveConfig, resolveStateDir } from "../../src/config.js";
import { globMatch } from "../../src/core/sessions/spawn.js";
import { inQuietHours } from "../../src/core/monitor/monitor.js";

describe("config and small helpers", () => {
  it("defaults in one place; a bad field is named", () => {
    const c = resolveConfig(undefined, {});
    expect(c).toMatchObject({
      reminderSeconds: 300,
      paneWidth: 200,
      paneHeight: 50,
      agents: { "claude-code": { command: "claude", args: [], permissionMode: "default" } },
    });
    expect(() => resolveConfig({ reminderSeconds: "soon" }, {})).toThrow(/reminderSeconds/);
    expect(() => resolveConfig({ bogus: 1 }, {})).toThrow(/invalid Wingman config/);
    expect(
      resolveConfig({ claude: { command: "cc" } }, { WINGMAN_CLAUDE_COMMAND: "/x/claude" }).agents["claude-code"]
        ?.command,
    ).toBe("/x/claude");
  });
  it("state dir: env, config, host, XDG", () => {
    expect(resolveStateDir({}, { WINGMAN_STATE_DIR: "/s", HOME: "/h" })).toBe("/s");
    expect(resolveStateDir({ configStateDir: "~/w" }, { HOME: "/h" })).toBe("/h/w");
    expect(resolveStateDir({}, { HOME: "/nonexistent-home", CLAWDBOT_STATE_DIR: "/cb" })).toBe("/cb/wingman");
    expect(resolveStateDir({}, { HOME: "/nonexistent-home", XDG_STATE_HOME: "/x" })).toBe("/x/claude-code-wingman");
  });
  it("autoTrust globs and quiet hours", () => {
    expect(globMatch("/home/u/code/*", "/home/u/code/vsr")).toBe(true);
    expect(globMatch("/home/u/code/*", "/home/u/code/vsr/sub")).toBe(false);
    expect(globMatch("/home/u/code/**", "/home/u/code/vsr/sub")).toBe(true);
    expect(globMatch("/home/u/code", "/home/u/codex")).toBe(false);
    const at = (h: number, m: number) => new Date(2026, 10, 24, h, m);
    expect(inQuietHours("22:00-07:30", at(23, 0))).toBe(true);
    expect(inQuietHours("22:00-07:30", at(7, 0))).toBe(true);
    expect(inQuietHours("22:00-07:30", at(12, 0))).toBe(false);
    expect(inQuietHours("12:00-13:00", at(12, 30))).toBe(true);
    expect(inQuietHours(undefined, at(12, 30))).toBe(false);
  });
});
