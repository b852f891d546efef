// Risk rules of worktrees: a session works in its own worktree, so a prompt whose command or path reaches into
// the main checkout it came from, or into another session's worktree, is high risk (the git common dir under
// `<repo>/.git` is left out: commits and refs are ordinary). Git's own configuration is high risk wherever it
// is: an agent that writes `.git/config`, `.git/hooks/` or `.git/info/` (or runs `git config`) can make the
// next git command, Wingman's merge included, run a program of its choosing.
import { homedir } from "node:os";
import { isAbsolute, relative, resolve } from "node:path";

/** `git config …` as a command (not `--get`/`--list` reads of it are told apart: any use is flagged). */
const GIT_CONFIG = /(^|[\s;&|(`])git\s+(?:-[^\s]+\s+(?:[^\s-][^\s]*\s+)?)*config\b/;
/** A path into a git dir's config, hooks or info (of the worktree's own admin dir or the common dir). */
const GIT_ADMIN =
  /(^|[\s"'=/])\.git\/(?:config\b|hooks(?:\/|\b)|info(?:\/|\b)|worktrees\/[^\s/]+\/config\.worktree\b)|(^|\/)config\.worktree\b/;

/** The words of a command that could be paths (split on blanks, quotes, operators and `=`). */
function pathWords(command: string): string[] {
  return command.split(/[\s"'`;&|()<>=]+/).filter((w) => w.includes("/") || w === ".." || w.startsWith("~"));
}

function expand(word: string, workdir: string): string {
  const home = /^(?:~|\$HOME|\$\{HOME\})(?=\/|$)/.exec(word);
  const p = home ? homedir() + word.slice(home[0].length) : word;
  return isAbsolute(p) ? resolve(p) : resolve(workdir, p);
}

function inside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * Reasons a prompt is high risk for a session in a worktree. `fences`: folders the session must not reach
 * (its main checkout, other sessions' worktrees); a path under `<fence>/.git` is the git common dir.
 */
export function worktreeRisks(
  p: { detail: string; shell: boolean; write: boolean },
  workdir: string,
  fences: readonly string[],
): string[] {
  const reasons: string[] = [];
  const text = p.detail.trim();
  if (!text) return reasons;
  if (p.shell && GIT_CONFIG.test(text)) reasons.push("git config");
  if ((p.shell || p.write) && GIT_ADMIN.test(text)) reasons.push("writes git's config or hooks");
  if (!fences.length || !workdir) return reasons;
  const words = p.shell ? pathWords(text) : p.write ? [text] : [];
  for (const w of words) {
    const abs = expand(w, workdir);
    if (inside(abs, workdir)) continue;
    const fence = fences.find((f) => inside(abs, f) && !inside(abs, `${f}/.git`));
    if (fence) {
      reasons.push("reaches into the main checkout or another session's worktree");
      break;
    }
  }
  return reasons;
}
