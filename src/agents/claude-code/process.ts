// Which command lines are Claude Code (adopting a pane started by hand; docs/adopt.md), and its model flag.
import { baseName, programPaths } from "../kit/process.js";

/**
 * `claude` on PATH, the npm package's native binary (`…/@anthropic-ai/claude-code/bin/claude.exe`), the
 * native installer's versioned binary (`~/.local/share/claude/versions/2.1.331`, whose process tmux shows
 * as `2.1.331`), or an older npm install run by node (`node …/@anthropic-ai/claude-code/cli.js`).
 */
export function isClaudeCodeProcess(argv: string[]): boolean {
  return programPaths(argv).some((p) => {
    const b = baseName(p);
    return (
      b === "claude" ||
      b === "claude.exe" ||
      /\/claude\/versions\/[^/]+$/.test(p) ||
      p.includes("/@anthropic-ai/claude-code/")
    );
  });
}

/** `claude --model M` (an alias such as `sonnet` or a full model name). */
export const modelArgs = (model: string): string[] => ["--model", model];
