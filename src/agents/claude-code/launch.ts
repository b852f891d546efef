// How Wingman starts Claude Code: argv (never a shell string) and the pane's environment.
import type { AgentSettings, LaunchPlan } from "../agent.js";
import { paneEnv } from "../kit/launch.js";

/**
 * The agent gets the environment of the Wingman process that spawned it (tmux would otherwise give it
 * the environment of whichever process started the tmux server), plus the per-session values the hook
 * script needs, in a UTF-8 locale (kit/launch.ts): Claude Code draws `❯` and `…`, which a C locale mangles.
 */
export function launchPlan(o: {
  settings: AgentSettings;
  session: string;
  settingsFile: string;
  eventsDir: string;
  env: Record<string, string | undefined>;
  resumeId?: string;
}): LaunchPlan {
  const env = paneEnv(o.env);
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
