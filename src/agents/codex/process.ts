// Which command lines are the Codex CLI (adopting a pane started by hand; docs/adopt.md), and its model flag.
import { baseName, programPaths } from "../kit/process.js";

/**
 * `codex` on PATH, the npm launcher run by node (`node …/@openai/codex/bin/codex.js`), or the native binary
 * that launcher starts (`…/@openai/codex-linux-x64/vendor/…/codex/codex`): the pane's foreground process
 * can be either, depending on which one tmux's process group names.
 */
export function isCodexProcess(argv: string[]): boolean {
  return programPaths(argv).some((p) => {
    const b = baseName(p);
    return b === "codex" || b === "codex.js" || b === "codex.exe" || p.includes("/@openai/codex/");
  });
}

/**
 * `codex --model M`, before any subcommand (`codex --model M … resume <id>`: Codex 0.171.0 takes the
 * top-level options for `resume` too).
 */
export const modelArgs = (model: string): string[] => ["--model", model];
