// How an agent gets its environment: never on a command line. Every process's command line is readable by
// any local user (/proc/PID/cmdline), and a tmux server keeps the command line of the client that started
// it for its whole life, so `tmux new-session -e KEY=VALUE` would publish Wingman's environment (API keys)
// and a host's configured `env`. Instead the values go into a file only this user can read (0600, written
// atomically into an owner-only folder on the machine the agent runs on: locally, or over SSH through
// stdin), and the pane runs a fixed script shipped in the package (hooks/wingman-launch.sh, copied beside
// the hook script) that reads the file, removes it, and execs the agent.
//
// The file is removed once read rather than kept for a resume: a resume starts the agent again through
// this same path with a fresh file, so nothing needs it afterwards, and a secret at rest is one more copy.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The launcher's name in the agents' folder on each machine. */
export const LAUNCHER_NAME = "wingman-launch.sh";

/** Names sh can export. Others (a `-` or `.` in the name) cannot reach the agent through sh and are left out. */
const SH_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Left to the pane: what tmux sets there itself, after and over any `new-session -e` value (TERM and
 * TERM_PROGRAM name tmux as the terminal, and an agent's renderer goes by them; PWD is the pane's folder),
 * what describes Wingman's own shell rather than the agent's world, and what some /bin/sh (bash as sh) holds
 * read-only, where an assignment would stop the launcher.
 */
const LEFT_TO_PANE = new Set([
  "TERM",
  "TERM_PROGRAM",
  "TERM_PROGRAM_VERSION",
  "PWD",
  "OLDPWD",
  "SHLVL",
  "_",
  "PPID",
  "UID",
  "EUID",
  "SHELLOPTS",
  "BASHOPTS",
  "BASH_VERSINFO",
]);

/** The launcher shipped in the package, found from src/ or dist/ (like the hook script). */
export function launcherScriptPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, "hooks", LAUNCHER_NAME);
    if (existsSync(candidate)) return resolve(candidate);
    dir = dirname(dir);
  }
  throw new Error(`hooks/${LAUNCHER_NAME} is missing from the Wingman package`);
}

function withoutPath(env: Record<string, string>): Record<string, string> {
  const { PATH: _, ...rest } = env;
  return rest;
}

const sq = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** The environment file's text: `unset` of `unset`, then one export per variable (read by sh, see the launcher). */
export function envFileText(env: Record<string, string>, unset: readonly string[]): string {
  const lines = ["# Written by Wingman for one start of an agent; the launcher removes it once read."];
  const drop = unset.filter((k) => SH_NAME.test(k));
  if (drop.length) lines.push(`unset ${drop.join(" ")}`);
  for (const [k, v] of Object.entries(env)) {
    if (!SH_NAME.test(k) || LEFT_TO_PANE.has(k) || drop.includes(k)) continue;
    lines.push(`export ${k}=${sq(v)}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * The files to write on the agent's machine (the launcher and this start's environment file, both under
 * `agentDir`) and the pane's argv, which names only those two paths and the agent's own argv.
 */
export function launchThroughFile(o: {
  agentDir: string;
  session: string;
  argv: string[];
  env: Record<string, string>;
  unset: readonly string[];
  /**
   * This machine: PATH is left to the pane. tmux gives a new session the PATH of the client that made it
   * (Wingman's tmux client runs with the Wingman process's environment), over any `-e` value; that is the
   * PATH agents have always had here.
   * On a host, `hosts.<name>.env.PATH` is set, as its documentation says (under `-e` tmux replaced it with
   * the remote login's PATH, so the agent could miss a program the check had found).
   */
  local: boolean;
}): { files: Array<{ path: string; content: string }>; argv: string[] } {
  const launcher = posix.join(o.agentDir, LAUNCHER_NAME);
  // One file per session name: a start that failed before its launcher ran leaves at most this one file
  // (owner-only), and the next start of the name replaces it.
  const envFile = posix.join(o.agentDir, "launch", `${o.session}.env`);
  return {
    files: [
      { path: launcher, content: readFileSync(launcherScriptPath(), "utf8") },
      { path: envFile, content: envFileText(o.local ? withoutPath(o.env) : o.env, o.unset) },
    ],
    argv: ["/bin/sh", launcher, envFile, ...o.argv],
  };
}
