// How Wingman starts Claude Code: argv (never a shell string) and the pane's environment.
import type { AgentSettings, LaunchPlan } from "../agent.js";

// Variables that describe the spawning terminal, not the agent's world.
const DROP_ENV = new Set(["TMUX", "TMUX_PANE", "COLUMNS", "LINES", "_"]);

/**
 * The agent gets the environment of the Wingman process that spawned it (tmux would otherwise give it
 * the environment of whichever process started the tmux server), plus the per-session values the hook
 * script needs. A UTF-8 locale is ensured: Claude Code draws `❯` and `…`, which a C locale mangles.
 */
export function launchPlan(o: {
  settings: AgentSettings;
  session: string;
  settingsFile: string;
  eventsDir: string;
  env: Record<string, string | undefined>;
  resumeId?: string;
}): LaunchPlan {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.env)) {
    if (v === undefined || DROP_ENV.has(k) || k.includes("=") || k === "") continue;
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

  const args = [...o.settings.args];
  // The permission mode is Wingman's to set unless the configured args already say one: in 2.1.331
  // auto mode is the default, and its checks cannot reach a person (docs/claude-code.md, "Launch").
  if (!args.some((a) => a === "--permission-mode" || a.startsWith("--permission-mode="))) {
    args.unshift("--permission-mode", String(o.settings.permissionMode ?? "default"));
  }
  // Resuming keeps every launch setting (hooks, permission mode) and adds the conversation to continue.
  const resume = o.resumeId ? ["--resume", o.resumeId] : [];
  return { argv: [o.settings.command, "--settings", o.settingsFile, ...args, ...resume], env };
}
