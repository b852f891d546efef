// Real git repositories for the worktree tests and bench: one `git` helper (argv, never a shell) and a
// repository with a first commit holding the given files, on branch main, with a local identity.
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** `git ARGS…` in `cwd`; its stdout, trimmed. */
export const git = async (cwd: string, ...args: string[]): Promise<string> =>
  (await run("git", args, { cwd })).stdout.trim();

/** Make `dir` a repository on `main` whose first commit holds `files` (path → content; folders are made). */
export async function initRepo(dir: string, files: Record<string, string>): Promise<string> {
  await mkdir(dir, { recursive: true });
  await git(dir, "init", "-q", "-b", "main");
  await git(dir, "config", "user.name", "Test");
  await git(dir, "config", "user.email", "test@example.com");
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  await git(dir, "add", ".");
  await git(dir, "commit", "-q", "-m", "first");
  return dir;
}
