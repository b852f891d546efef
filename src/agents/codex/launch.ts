// How Wingman starts the Codex CLI: argv (never a shell string), per-run settings as `-c key=value`
// (docs/codex.md, "Launch"), and the pane's environment.
import type { AgentSettings, LaunchPlan } from "../agent.js";

// Variables that describe the spawning terminal, not the agent's world.
const DROP_ENV = new Set(["TMUX", "TMUX_PANE", "COLUMNS", "LINES", "_"]);

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
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.env)) {
    if (v === undefined || DROP_ENV.has(k) || k.includes("=") || k === "") continue;
    env[k] = v;
  }
  // Codex draws `›`, `•` and box characters, which a C locale mangles.
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || "";
  if (!/utf-?8/i.test(locale)) {
    env.LANG = "C.UTF-8";
    if (env.LC_ALL) env.LC_ALL = "C.UTF-8";
  }
  if (!env.TERM || env.TERM === "dumb") env.TERM = "xterm-256color";
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
