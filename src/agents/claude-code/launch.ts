// How Wingman starts Claude Code: argv (never a shell string) and the pane's environment.
import type { WingmanConfig } from "../../config.js";

export interface LaunchPlan {
  argv: string[];
  env: Record<string, string>;
}

// Variables that describe the spawning terminal, not the agent's world.
const DROP_ENV = new Set(["TMUX", "TMUX_PANE", "COLUMNS", "LINES", "_"]);

/**
 * What the agent must never see: Wingman's own variables (they name the state dir, the tmux socket and
 * the config, i.e. a handle on Wingman) and tmux's (TMUX names the socket: `tmux send-keys Enter` from a
 * command the agent runs would answer its own next dialog). tmux sets TMUX and TMUX_PANE in every pane
 * itself, and a pane inherits the server's environment, so removing them from what we pass is not enough:
 * the agent is started through `env -u …`, which drops them just before the agent's program runs.
 */
export const AGENT_UNSET = ["TMUX", "TMUX_PANE", "WINGMAN_STATE_DIR", "WINGMAN_TMUX_SOCKET", "WINGMAN_CONFIG"] as const;

/**
 * The agent gets the environment of the Wingman process that spawned it (tmux would otherwise give it
 * the environment of whichever process started the tmux server), plus the per-session values the hook
 * script needs. A UTF-8 locale is ensured: Claude Code draws `❯` and `…`, which a C locale mangles.
 */
export function launchPlan(o: {
  config: WingmanConfig;
  session: string;
  settingsFile: string;
  eventsDir: string;
  env: NodeJS.ProcessEnv;
}): LaunchPlan {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.env)) {
    if (v === undefined || DROP_ENV.has(k) || k.startsWith("WINGMAN_") || k.includes("=") || k === "") continue;
    env[k] = v;
  }
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || "";
  if (!/utf-?8/i.test(locale)) {
    env.LANG = "C.UTF-8";
    if (env.LC_ALL) env.LC_ALL = "C.UTF-8";
  }
  if (!env.TERM || env.TERM === "dumb") env.TERM = "xterm-256color";
  // The hook script's two inputs (hooks/wingman-hook.sh). The events dir lies inside the state dir; hook
  // events are hints only: no key is ever sent on an event alone (the screen's fingerprint decides).
  env.WMHOOK_SESSION = o.session;
  env.WMHOOK_EVENTS = o.eventsDir;

  const args = [...o.config.claude.args];
  // The permission mode is Wingman's to set unless the configured args already say one: in 2.1.331
  // auto mode is the default, and its checks cannot reach a person (claude-code.md, "Important").
  if (!args.some((a) => a === "--permission-mode" || a.startsWith("--permission-mode="))) {
    args.unshift("--permission-mode", o.config.claude.permissionMode);
  }
  const unset = AGENT_UNSET.flatMap((k) => ["-u", k]);
  // `env` (POSIX, found on PATH by tmux's exec) runs the agent directly: no shell, one argv. `--` ends
  // env's options; a program name with `=` would be read as an assignment, so the config refuses one.
  return { argv: ["env", ...unset, "--", o.config.claude.command, "--settings", o.settingsFile, ...args], env };
}
