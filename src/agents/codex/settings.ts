// Codex's part of Wingman's config: `agents: { codex: { command, args } }` (the second-wave key `codex`
// means the same), and per host `hosts.<h>.agents.codex.command` (or `codexCommand`). The program is
// overridden by WINGMAN_CODEX_COMMAND.
import { Type } from "@sinclair/typebox";
import { defineSettings } from "../kit/settings.js";

export type CodexSettings = { command: string; args: string[] };

export const settings = defineSettings<CodexSettings>({
  schema: Type.Object(
    {
      command: Type.Optional(
        Type.String({ description: "The Codex CLI program: a name on PATH or a path, no arguments." }),
      ),
      args: Type.Optional(
        Type.Array(Type.String(), {
          description: "Extra arguments for Codex, one per item (after --no-daemon -a on-request).",
        }),
      ),
    },
    { additionalProperties: false },
  ),
  defaults: { command: "codex", args: [] },
  commandVariable: "WINGMAN_CODEX_COMMAND",
  configAliases: ["codex"],
  hostCommandAliases: ["codexCommand"],
});
