// The agents' part of the config: declared by each agent (agents/<id>/settings.ts), read by config.ts
// without naming one. `agents.<id>` is the key; the second wave's names stay accepted as aliases.
import { describe, expect, it } from "vitest";
import { AGENTS } from "../../src/agents/index.js";
import { agentSettings, ConfigSchema, resolveConfig } from "../../src/config.js";

describe("config: agents", () => {
  it("every registered agent gets its defaults, and its schema is in the config schema", () => {
    const c = resolveConfig({}, {});
    for (const a of AGENTS) {
      expect(c.agents[a.id]).toEqual(a.settings.defaults);
      expect(Object.keys(ConfigSchema.properties.agents.properties)).toContain(a.id);
    }
    expect(c.agents.codex).toEqual({ command: "codex", args: [] });
    expect(c.agents["claude-code"]).toEqual({ command: "claude", args: [], permissionMode: "default" });
  });

  it("agents.<id> sets an agent's settings; its variable WINGMAN_<ID>_COMMAND wins for the program", () => {
    const c = resolveConfig({ agents: { codex: { command: "/opt/codex", args: ["-m", "o4"] } } }, {});
    expect(c.agents.codex).toEqual({ command: "/opt/codex", args: ["-m", "o4"] });
    expect(
      resolveConfig({ agents: { codex: { command: "/opt/codex" } } }, { WINGMAN_CODEX_COMMAND: "/env/codex" }).agents
        .codex?.command,
    ).toBe("/env/codex");
    expect(resolveConfig({}, { WINGMAN_CLAUDE_COMMAND: "/env/claude" }).agents["claude-code"]?.command).toBe(
      "/env/claude",
    );
  });

  it("the second-wave keys claude / codex still mean agents.claude-code / agents.codex", () => {
    const c = resolveConfig({ claude: { command: "cc", permissionMode: "plan" }, codex: { args: ["--x"] } }, {});
    expect(c.agents["claude-code"]).toEqual({ command: "cc", args: [], permissionMode: "plan" });
    expect(c.agents.codex).toEqual({ command: "codex", args: ["--x"] });
  });

  it("both the key and its alias, or a setting the agent does not take, is a clear error", () => {
    expect(() => resolveConfig({ claude: { command: "a" }, agents: { "claude-code": { command: "b" } } }, {})).toThrow(
      /agents\.claude-code and claude both set/,
    );
    expect(() => resolveConfig({ agents: { codex: { permissionMode: "plan" } } }, {})).toThrow(
      /invalid Wingman config at agents\.codex/,
    );
    expect(() => resolveConfig({ agents: { gpt: { command: "x" } } }, {})).toThrow(/invalid Wingman config at agents/);
  });

  it("per host: agents.<id>.command, or the older claudeCommand / codexCommand", () => {
    const c = resolveConfig(
      { hosts: { box: { ssh: "u@box", agents: { codex: { command: "/b/codex" } }, claudeCommand: "/b/claude" } } },
      { WINGMAN_CLAUDE_COMMAND: "/here/claude" },
    );
    expect(c.hosts.box?.agents).toEqual({ codex: { command: "/b/codex" }, "claude-code": { command: "/b/claude" } });
    expect(agentSettings(c, "claude-code", "box").command).toBe("/b/claude");
    expect(agentSettings(c, "claude-code", null).command).toBe("/here/claude");
    expect(agentSettings(c, "codex", "box")).toEqual({ command: "/b/codex", args: [] });
    expect(() => agentSettings(c, "nosuchagent")).toThrow(/no settings for the agent "nosuchagent"/);
    expect(() =>
      resolveConfig({ hosts: { box: { ssh: "u@box", codexCommand: "/a", agents: { codex: { command: "/b" } } } } }, {}),
    ).toThrow(/hosts\.box: agents\.codex\.command and codexCommand both name/);
  });
});
