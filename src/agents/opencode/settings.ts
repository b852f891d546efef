// OpenCode's part of Wingman's config: `agents: { opencode: { command, args } }`, and per host
// `hosts.<h>.agents.opencode.command`. The program is overridden by WINGMAN_OPENCODE_COMMAND. OpenCode came
// after the second wave, so it has no older config names.
import { Type } from "@sinclair/typebox";
import { defineSettings } from "../kit/settings.js";

export type OpenCodeSettings = { command: string; args: string[] };

export const settings = defineSettings<OpenCodeSettings>({
  schema: Type.Object(
    {
      command: Type.Optional(
        Type.String({ description: "The OpenCode program: a name on PATH or a path, no arguments." }),
      ),
      args: Type.Optional(
        Type.Array(Type.String(), { description: "Extra arguments for OpenCode, one per item (before -s <id>)." }),
      ),
    },
    { additionalProperties: false },
  ),
  defaults: { command: "opencode", args: [] },
  commandVariable: "WINGMAN_OPENCODE_COMMAND",
  configAliases: [],
  hostCommandAliases: [],
});
