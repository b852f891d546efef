// The environment every agent's pane gets (agents/kit/launch.ts, used by each agent's launch.ts): the
// spawning Wingman's own, without the terminal's variables or malformed names, in a UTF-8 locale, with a
// terminal type that draws colours; then each agent's own additions. Asserted through each agent's launch
// plan, so an agent that stopped using the kit (or the kit changing) shows here.
import { describe, expect, it } from "vitest";
import type { LaunchPlan } from "../../src/agents/agent.js";
import { launchPlan as claudePlan } from "../../src/agents/claude-code/launch.js";
import { launchPlan as codexPlan } from "../../src/agents/codex/launch.js";
import { launchPlan as geminiPlan } from "../../src/agents/gemini/launch.js";
import { launchPlan as openCodePlan } from "../../src/agents/opencode/launch.js";

const settings = { command: "agent", args: [] };
const plans: Record<string, (env: Record<string, string | undefined>) => LaunchPlan> = {
  "claude-code": (env) => claudePlan({ settings, session: "s", settingsFile: "/f", eventsDir: "/e", env }),
  codex: (env) => codexPlan({ settings, session: "s", notifyScript: "/n", signalsDir: "/e", env }),
  gemini: (env) => geminiPlan({ settings, session: "s", hookSettings: "/h", signalsDir: "/e", env }),
  opencode: (env) => openCodePlan({ settings, session: "s", signalsDir: "/e", plugin: "/p.js", env }),
};

describe.each(Object.entries(plans))("%s's pane environment", (_id, plan) => {
  it("drops the terminal's variables, unset values and malformed names; a C locale becomes UTF-8; a dumb TERM colours", () => {
    const env = plan({
      PATH: "/bin",
      HOME: "/home/u",
      TMUX: "/tmp/tmux-0/default,1,0",
      TMUX_PANE: "%1",
      COLUMNS: "80",
      LINES: "24",
      _: "/usr/bin/node",
      "A=B": "x",
      "": "y",
      GONE: undefined,
      LANG: "C",
      LC_ALL: "POSIX",
      TERM: "dumb",
    }).env;
    expect(env).toMatchObject({
      PATH: "/bin",
      HOME: "/home/u",
      LANG: "C.UTF-8",
      LC_ALL: "C.UTF-8",
      TERM: "xterm-256color",
    });
    for (const k of ["TMUX", "TMUX_PANE", "COLUMNS", "LINES", "_", "A=B", "", "GONE"])
      expect(Object.keys(env)).not.toContain(k);
  });

  it("keeps a UTF-8 locale and a real TERM as they are, and sets TERM when there is none", () => {
    expect(plan({ LC_CTYPE: "en_US.utf8", LANG: "C", TERM: "screen-256color" }).env).toMatchObject({
      LC_CTYPE: "en_US.utf8",
      LANG: "C",
      TERM: "screen-256color",
    });
    const bare = plan({}).env;
    expect(bare).toMatchObject({ LANG: "C.UTF-8", TERM: "xterm-256color" });
    expect(bare).not.toHaveProperty("LC_ALL");
  });
});
