// The pane's environment, alike for every agent: the environment of the Wingman process that spawns the
// agent (tmux would otherwise give it the environment of whichever process started the tmux server), less
// what describes the spawning terminal, with a UTF-8 locale and a terminal type that draws colours. Each
// agent's launch.ts adds its own variables to what this returns.

// Variables that describe the spawning terminal, not the agent's world.
const DROP_ENV = new Set(["TMUX", "TMUX_PANE", "COLUMNS", "LINES", "_"]);

/**
 * `env` without the terminal's variables and without anything unset or malformed (an empty name, a name with
 * `=`); the locale made UTF-8 when it is not (every agent draws `❯`, `›`, `…` or box characters, which a C
 * locale mangles); TERM `xterm-256color` when unset or `dumb`.
 */
export function paneEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined || DROP_ENV.has(k) || k.includes("=") || k === "") continue;
    out[k] = v;
  }
  const locale = out.LC_ALL || out.LC_CTYPE || out.LANG || "";
  if (!/utf-?8/i.test(locale)) {
    out.LANG = "C.UTF-8";
    if (out.LC_ALL) out.LC_ALL = "C.UTF-8";
  }
  if (!out.TERM || out.TERM === "dumb") out.TERM = "xterm-256color";
  return out;
}
