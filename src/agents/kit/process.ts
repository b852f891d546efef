// Telling an agent from a process's command line (`/proc/<pid>/cmdline`, split at NUL bytes): used to
// adopt a pane a person started by hand. tmux's `pane_current_command` cannot say it (a native Claude Code
// shows its version number there; an agent started through node shows `node`), the argv can.

/** Runtimes that run an agent's script: the script, not the runtime, names the agent. */
const RUNTIMES = new Set(["node", "nodejs", "bun", "deno"]);

/** The last part of a path (`/usr/bin/vim` → `vim`). */
export function baseName(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? path : path.slice(i + 1);
}

/**
 * The program a command line runs, as paths: argv[0], and for a runtime (`node /…/cli.js`) the first
 * argument that is not an option. Arguments after that are the agent's own (a prompt, a file name) and
 * never count: `vim notes.txt` is vim, whatever the file is called.
 */
export function programPaths(argv: string[]): string[] {
  const [first, ...rest] = argv;
  if (!first) return [];
  if (!RUNTIMES.has(baseName(first))) return [first];
  const script = rest.find((a) => !a.startsWith("-"));
  return script ? [first, script] : [first];
}
