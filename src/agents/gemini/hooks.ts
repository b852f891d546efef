// Gemini CLI's hooks as Wingman's signal (docs/gemini.md, "Hooks"). Gemini runs a command hook with the
// event's JSON on stdin (`session_id`, `hook_event_name`, … and per event `prompt`, `prompt_response`).
// Wingman's hook program is a fixed sh script written into its own folder (setupFiles) and registered in a
// settings file of Wingman's own that Gemini reads as its system defaults (GEMINI_CLI_SYSTEM_DEFAULTS_PATH,
// the lowest layer: a user's own settings and hooks still apply). It writes one file per event into the
// session's signals dir, found through the pane's environment. No user data is in the script or its argv.
import { join } from "node:path";
import type { SignalEffects, SignalFile } from "../agent.js";
import type { GeminiState } from "./state.js";

/**
 * The events Wingman observes: the session's id, a turn's start and its end; and `Notification`, which Gemini
 * fires (type `ToolPermission`) as it shows a confirmation dialog: its file wakes the monitor, which then
 * reads the dialog from the screen (the hook's payload is not trusted for the dialog's content).
 */
export const OBSERVED_EVENTS = ["SessionStart", "BeforeAgent", "AfterAgent", "Notification"] as const;

export const HOOK_SCRIPT = `#!/bin/sh
# Wingman's hook program for Gemini CLI. Gemini runs it for each observed event with the event's JSON on
# stdin. It only records: one file in $WMHOOK_EVENTS (a temp name, then renamed, so a reader never sees
# half of one). It prints nothing and always exits 0, so it never decides anything for Gemini. Files are
# owner-only.
umask 077
dir="\${WMHOOK_EVENTS:-}"
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  cat >/dev/null 2>&1
  exit 0
fi
session="\${WMHOOK_SESSION:-}"
case "$session" in *[!a-z0-9-]*) session="" ;; esac
ts=$(date +%s%N 2>/dev/null)
case "$ts" in '' | *[!0-9]*) ts="$(date +%s)000000000" ;; esac
tmp="$dir/.$ts-$$.tmp"
{
  printf '{"wingman_session":"%s","received_ns":%s,"event":' "$session" "$ts"
  cat
  printf '}\\n'
} >"$tmp" 2>/dev/null && mv "$tmp" "$dir/$ts-$$.json" 2>/dev/null
exit 0
`;

/** Single-quote for sh: Gemini runs a hook's command through the shell; this names a fixed file of Wingman's. */
const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Wingman's fixed files in its agents' folder: the hook script and the settings layer that registers it. */
export function hookFiles(agentDir: string): Array<{ path: string; content: string }> {
  const script = join(agentDir, "gemini-hook.sh");
  const entry = [
    { matcher: "*", hooks: [{ type: "command", name: "wingman", command: `/bin/sh ${shQuote(script)}` }] },
  ];
  const settings = { hooks: Object.fromEntries(OBSERVED_EVENTS.map((e) => [e, entry])) };
  return [
    { path: script, content: HOOK_SCRIPT },
    { path: hookSettingsPath(agentDir), content: `${JSON.stringify(settings, null, 2)}\n` },
  ];
}

export function hookSettingsPath(agentDir: string): string {
  return join(agentDir, "gemini-settings.json");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Fold hook files into the state (pure apart from the returned effects). */
export function foldHooks(state: GeminiState, signals: SignalFile[]): SignalEffects {
  const fx: SignalEffects = { toolOutputs: [] };
  for (const s of signals) {
    state.cursor = s.file;
    const body = s.body && typeof s.body === "object" ? (s.body as { event?: unknown }) : {};
    const e =
      body.event && typeof body.event === "object" && !Array.isArray(body.event)
        ? (body.event as Record<string, unknown>)
        : null;
    if (!e) continue;
    if (typeof e.session_id === "string" && UUID.test(e.session_id)) {
      if (state.sessionId !== e.session_id) fx.agentSessionId = e.session_id;
      state.sessionId = e.session_id;
    }
    if (e.hook_event_name === "BeforeAgent") state.turnStartedAt = s.at;
    if (e.hook_event_name === "AfterAgent") {
      state.turnEndedAt = s.at;
      state.turns = (state.turns ?? 0) + 1;
      if (typeof e.prompt_response === "string" && e.prompt_response) fx.lastMessage = e.prompt_response;
    }
  }
  return fx;
}

/** The hooks say the last turn ended and none has started since. */
export function turnEnded(state: GeminiState): boolean {
  return (
    state.turnEndedAt !== undefined && (state.turnStartedAt === undefined || state.turnStartedAt <= state.turnEndedAt)
  );
}
