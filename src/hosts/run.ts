// Running one program with an argv (never a shell string) and collecting what it printed: the one way
// hosts start processes. Node's own child_process, not a library: it is all Wingman needs (argv, stdin
// text, an environment, a time limit), and a CLI command that starts tmux once should not first load a
// process library several times the size of the command itself (bench/cli-cold.ts).
import { spawn } from "node:child_process";
import { access, constants } from "node:fs/promises";
import { delimiter, join } from "node:path";

export interface ProgramResult {
  /** The exit status; null when the program did not start, was killed by a signal or ran out of time. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Why there is no exit status, in a few words (`spawn tmux ENOENT`, `killed by SIGTERM`, `timed out after 60000 ms`). */
  failure?: string;
  /** The program was not found (ENOENT). */
  notFound?: boolean;
}

export interface RunOptions {
  /** Text for stdin (closed at once otherwise). */
  input?: string;
  /** The whole environment of the program (nothing is added to it). */
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGTERM) after this long. */
  timeoutMs?: number;
}

export function runProgram(file: string, args: readonly string[], opts: RunOptions = {}): Promise<ProgramResult> {
  return new Promise((resolve) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let failure: string | undefined;
    let notFound = false;
    let settled = false;
    const child = spawn(file, args, { env: opts.env ?? process.env, stdio: ["pipe", "pipe", "pipe"], shell: false });
    const timer =
      opts.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            failure = `timed out after ${opts.timeoutMs} ms`;
            child.kill("SIGTERM");
          }, opts.timeoutMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      if (code === null && !failure) failure = signal ? `killed by ${signal}` : "did not run";
      resolve({
        exitCode: failure ? null : code,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
        ...(failure ? { failure } : {}),
        ...(notFound ? { notFound } : {}),
      });
    };
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e: NodeJS.ErrnoException) => {
      failure = `${e.syscall ?? "spawn"} ${file} ${e.code ?? e.message}`;
      notFound = e.code === "ENOENT";
      finish(null, null);
    });
    child.on("close", finish);
    // A program that exits without reading its stdin makes the write fail (EPIPE): that is not an error here.
    child.stdin.on("error", () => {});
    child.stdin.end(opts.input ?? "");
  });
}

/**
 * The file `command` runs, found as spawn finds it: a command with a `/` as given, a bare name in the first folder
 * of `path` (a PATH value) holding an executable of that name; null when there is none.
 */
export async function findProgram(command: string, path: string | undefined): Promise<string | null> {
  const candidates = command.includes("/")
    ? [command]
    : (path ?? "")
        .split(delimiter)
        .filter(Boolean)
        .map((d) => join(d, command));
  for (const c of candidates) {
    if (
      await access(c, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return c;
  }
  return null;
}
