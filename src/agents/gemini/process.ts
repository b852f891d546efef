// Whether a process command line (from /proc/<pid>/cmdline, split at NULs) is Gemini CLI, for `adopt`.
// Gemini is a Node script: a pane shows `node …/gemini`, `node --max-old-space-size=N …/bundle/gemini.js`
// (its relaunched child), or `gemini` itself when the kernel ran the script by its shebang line.
import { basename } from "node:path";

const GEMINI_SCRIPT = /(^|\/)gemini$|\/@google\/gemini-cli\/bundle\/gemini\.js$/;

export function isGeminiProcess(argv: string[]): boolean {
  const [first, ...rest] = argv;
  if (!first) return false;
  if (GEMINI_SCRIPT.test(first)) return true;
  if (!/^node(js)?(\d+)?$/.test(basename(first))) return false;
  // The script is Node's first argument that is not an option (options and their values come first).
  const script = rest.find((a) => !a.startsWith("-"));
  return !!script && GEMINI_SCRIPT.test(script);
}
