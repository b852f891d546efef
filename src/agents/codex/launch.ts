// How Wingman starts the Codex CLI: argv (never a shell string), per-run settings as `-c key=value`
// (docs/codex.md, "Launch"), and the pane's environment.
import type { AgentSettings, LaunchPlan } from "../agent.js";
import { paneEnv } from "../kit/launch.js";

/** A JSON string is a valid TOML basic string, so an argv becomes a TOML array this way whatever it holds. */
const tomlArray = (items: string[]) => `[${items.map((s) => JSON.stringify(s)).join(",")}]`;

/**
 * The arguments after the program: the contract's `--no-daemon -a on-request` (no app-server daemon that
 * outlives the pane; ask before escalating), then Wingman's per-run settings, then the user's `codex.args`
 * (later `-c` values win, so the user can still override a setting).
 * - `disable_paste_burst=true`: typed text followed by Enter is submitted, not taken as a paste.
 * - `check_for_update_on_startup=false`: no update notice in front of the composer.
 * - `notify=[…]`: the turn-end signal program (one file per turn in the session's signals dir).
 */
export function codexArgs(settings: AgentSettings, o: { notifyArgv: string[] | null; resumeId?: string }): string[] {
  const set = (k: string, v: string) => ["-c", `${k}=${v}`];
  return [
    "--no-daemon",
    "-a",
    "on-request",
    ...set("disable_paste_burst", "true"),
    ...set("check_for_update_on_startup", "false"),
    ...(o.notifyArgv ? set("notify", tomlArray(o.notifyArgv)) : []),
    ...settings.args,
    ...(o.resumeId ? ["resume", o.resumeId] : []),
  ];
}

export function launchPlan(o: {
  settings: AgentSettings;
  session: string;
  notifyScript: string;
  signalsDir: string;
  env: Record<string, string | undefined>;
  resumeId?: string;
}): LaunchPlan {
  // Codex draws `›`, `•` and box characters, which a C locale mangles: paneEnv makes it UTF-8.
  const env = paneEnv(o.env);
  // The notify program's two inputs, as for Claude Code's hook script: Codex runs it with its own
  // environment, which it inherits from the pane. Signals are hints only; keys follow the screen.
  env.WMHOOK_SESSION = o.session;
  env.WMHOOK_EVENTS = o.signalsDir;
  const argv = [
    o.settings.command,
    ...codexArgs(o.settings, { notifyArgv: ["/bin/sh", o.notifyScript], resumeId: o.resumeId }),
  ];
  return { argv, env };
}
