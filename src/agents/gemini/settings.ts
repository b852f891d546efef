// Gemini CLI's part of Wingman's config: `agents: { gemini: { command, args } }`, and per host
// `hosts.<h>.agents.gemini.command`. The program is overridden by WINGMAN_GEMINI_COMMAND. A new agent
// of the third wave: it has no older config names.
import { Type } from "@sinclair/typebox";
import { defineSettings } from "../kit/settings.js";

export type GeminiSettings = { command: string; args: string[] };

export const settings = defineSettings<GeminiSettings>({
  schema: Type.Object(
    {
      command: Type.Optional(
        Type.String({ description: "The Gemini CLI program: a name on PATH or a path, no arguments." }),
      ),
      args: Type.Optional(
        Type.Array(Type.String(), { description: "Extra arguments for Gemini CLI, one per item (--model, …)." }),
      ),
    },
    { additionalProperties: false },
  ),
  defaults: { command: "gemini", args: [] },
  commandVariable: "WINGMAN_GEMINI_COMMAND",
  configAliases: [],
  hostCommandAliases: [],
});
