// How Wingman starts Gemini CLI: argv (never a shell string) and the pane's environment (docs/gemini.md,
// "Launch").
import type { AgentSettings, LaunchPlan } from "../agent.js";
import { paneEnv } from "../kit/launch.js";

/** The arguments after the program: the user's `gemini.args`, then the conversation to continue. */
export function geminiArgs(settings: AgentSettings, o: { resumeId?: string }): string[] {
  return [...settings.args, ...(o.resumeId ? ["--resume", o.resumeId] : [])];
}

/** Gemini's own flag for a model (`spawn --model M`). */
export const modelArgs = (model: string): string[] => ["--model", model];

export function launchPlan(o: {
  settings: AgentSettings;
  session: string;
  hookSettings: string;
  signalsDir: string;
  env: Record<string, string | undefined>;
  resumeId?: string;
}): LaunchPlan {
  // Gemini draws `✦`, `●` and box characters, which a C locale mangles: paneEnv makes it UTF-8.
  const env = paneEnv(o.env);
  // Gemini takes `CI=true` or `GITHUB_ACTIONS=true` to mean "headless", whatever the terminal, and then exits at
  // once ("No input provided via stdin"): Wingman started from a CI job or a service with CI set could not run
  // it at all. Its pane is a real terminal, so the two are made "1": still set and truthy for the tools the
  // agent runs (which test presence or "not false"), no longer the exact "true" Gemini looks for. Where the
  // environment given has neither, the tmux server's own (from whichever Wingman process started it) must
  // not bring them back: they are unset.
  const unset: string[] = [];
  for (const k of ["CI", "GITHUB_ACTIONS"]) {
    if (env[k] === "true") env[k] = "1";
    else if (env[k] === undefined) unset.push(k);
  }
  // Wingman's hooks as the lowest settings layer (the user's own settings still apply above it). Gemini
  // skips this file, with a warning on screen, when a folder above it is writable by others (/tmp).
  env.GEMINI_CLI_SYSTEM_DEFAULTS_PATH = o.hookSettings;
  // Gemini re-runs itself as a child Node (a larger heap; and again after the trust dialog, "restarting to
  // apply the trust changes"), so it is left to do so: with GEMINI_CLI_NO_RELAUNCH the trust answer hangs.
  // The hook program's two inputs. Signals are hints only; keys follow the screen.
  env.WMHOOK_SESSION = o.session;
  env.WMHOOK_EVENTS = o.signalsDir;
  return { argv: [o.settings.command, ...geminiArgs(o.settings, { resumeId: o.resumeId })], env, unset };
}
