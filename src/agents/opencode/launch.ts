// How Wingman starts OpenCode: argv (never a shell string) and the pane's environment. OpenCode acts
// without asking by default; Wingman makes it ask through OPENCODE_PERMISSION, a permission object OpenCode
// merges over its config last of all (after the global, project, inline and managed configs), so it wins
// over them, without writing to any of the user's files; and loads Wingman's plugin (plugin.ts) through
// OPENCODE_CONFIG_CONTENT, an inline config OpenCode adds to the user's (docs/opencode.md, "Launch").
import { pathToFileURL } from "node:url";
import type { AgentSettings, LaunchPlan } from "../agent.js";
import { paneEnv } from "../kit/launch.js";

/**
 * What Wingman asks OpenCode to ask about: every shell command, every file edit (write, edit and patch
 * tools), every web fetch. The other permissions keep OpenCode's defaults (reading a folder outside the
 * project asks already).
 */
export const ASK = { bash: "ask", edit: "ask", webfetch: "ask" } as const;

/**
 * The value of OPENCODE_PERMISSION: the user's own (if that variable was already set and holds a JSON
 * object) with Wingman's asks laid over it; a value that is not a JSON object is replaced, never passed on
 * half-read.
 */
export function permissionContent(existing: string | undefined): string {
  return JSON.stringify({ ...jsonObject(existing), ...ASK });
}

/** OPENCODE_CONFIG_CONTENT: the user's own (if set, a JSON object) with Wingman's plugin added to its list. */
export function configContent(existing: string | undefined, plugin: string): string {
  const base = jsonObject(existing);
  const theirs = Array.isArray(base.plugin) ? base.plugin : [];
  return JSON.stringify({ ...base, plugin: [...theirs, pathToFileURL(plugin).href] });
}

function jsonObject(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // not JSON: Wingman's alone
  }
  return {};
}

/** The arguments after the program: the user's `agents.opencode.args`, then `-s <id>` to resume. */
export function openCodeArgs(settings: AgentSettings, o: { resumeId?: string }): string[] {
  return [...settings.args, ...(o.resumeId ? ["-s", o.resumeId] : [])];
}

export function launchPlan(o: {
  settings: AgentSettings;
  env: Record<string, string | undefined>;
  /** Signals: the plugin file, the session's name and its signals dir (absent: no plugin, as the recorder runs it). */
  session?: string;
  signalsDir?: string;
  plugin?: string;
  resumeId?: string;
}): LaunchPlan {
  // OpenCode draws box characters and braille spinners, which a C locale mangles; its colours need 256:
  // paneEnv gives both.
  const env = paneEnv(o.env);
  env.OPENCODE_PERMISSION = permissionContent(env.OPENCODE_PERMISSION);
  if (o.plugin && o.session && o.signalsDir) {
    env.OPENCODE_CONFIG_CONTENT = configContent(env.OPENCODE_CONFIG_CONTENT, o.plugin);
    // The plugin's two inputs, as for Claude Code's hook script: OpenCode runs plugins in its own process.
    env.WMHOOK_SESSION = o.session;
    env.WMHOOK_EVENTS = o.signalsDir;
  }
  return { argv: [o.settings.command, ...openCodeArgs(o.settings, { resumeId: o.resumeId })], env };
}
