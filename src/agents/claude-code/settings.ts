// Claude Code's part of Wingman's config: `agents: { "claude-code": { command, args, permissionMode } }`,
// still accepted under its second-wave name `claude`, and per host `hosts.<h>.agents.claude-code.command`
// (or `claudeCommand`). The program is overridden by WINGMAN_CLAUDE_COMMAND.
import { Type } from "@sinclair/typebox";
import { defineSettings } from "../kit/settings.js";

export type ClaudeCodeSettings = { command: string; args: string[]; permissionMode: string };

export const settings = defineSettings<ClaudeCodeSettings>({
  schema: Type.Object(
    {
      command: Type.Optional(
        Type.String({ description: "The Claude Code program: a name on PATH or a path, no arguments." }),
      ),
      args: Type.Optional(Type.Array(Type.String(), { description: "Extra arguments for Claude Code, one per item." })),
      permissionMode: Type.Optional(
        Type.String({ description: "Permission mode Claude Code starts in; 'default' makes every risky call ask." }),
      ),
    },
    { additionalProperties: false },
  ),
  defaults: { command: "claude", args: [], permissionMode: "default" },
  commandVariable: "WINGMAN_CLAUDE_COMMAND",
  configAliases: ["claude"],
  hostCommandAliases: ["claudeCommand"],
});
