// Codex's `notify` program as Wingman's turn-end signal. Codex runs it after every turn with one JSON
// argument (`{"type":"agent-turn-complete","thread-id",…,"last-assistant-message"}`; docs/codex.md,
// "notify"). The program is a fixed sh script that Wingman writes into its own folder (setupFiles) and
// names in `-c notify=["/bin/sh", PATH]`; it writes one file per call into the session's signals dir,
// found through the pane's environment, exactly as Claude Code's hook script does. No user data is in
// the script or in its argv.
import { join } from "node:path";
import type { SignalEffects, SignalFile } from "../agent.js";
import type { CodexState } from "./state.js";

export const NOTIFY_SCRIPT = `#!/bin/sh
# Wingman's notify program for the Codex CLI. Codex runs it once per finished turn with the turn's JSON as
# the last argument. It only records: one file in $WMHOOK_EVENTS (a temp name, then renamed, so a reader
# never sees half of one). It prints nothing and always exits 0. Files are owner-only.
umask 077
dir="\${WMHOOK_EVENTS:-}"
if [ -z "$dir" ] || [ ! -d "$dir" ]; then exit 0; fi
session="\${WMHOOK_SESSION:-}"
case "$session" in *[!a-z0-9-]*) session="" ;; esac
last=""
for arg in "$@"; do last="$arg"; done
[ -n "$last" ] || exit 0
ts=$(date +%s%N 2>/dev/null)
case "$ts" in '' | *[!0-9]*) ts="$(date +%s)000000000" ;; esac
tmp="$dir/.$ts-$$.tmp"
printf '{"wingman_session":"%s","received_ns":%s,"notify":%s}\\n' "$session" "$ts" "$last" >"$tmp" 2>/dev/null && mv "$tmp" "$dir/$ts-$$.json" 2>/dev/null
exit 0
`;

export function notifyScriptFile(agentDir: string): { path: string; content: string } {
  return { path: join(agentDir, "codex-notify.sh"), content: NOTIFY_SCRIPT };
}

/** The thread-title side request also ends a "turn" and calls notify: it is not the person's turn. */
const TITLE_PROMPT = /^Generate a concise, single-line task title\b/;

/** Fold notify files into the state (pure apart from the returned effects). */
export function foldNotify(state: CodexState, signals: SignalFile[]): SignalEffects {
  const fx: SignalEffects = { toolOutputs: [] };
  for (const s of signals) {
    state.cursor = s.file;
    const body = s.body && typeof s.body === "object" ? (s.body as { notify?: unknown }) : {};
    const n =
      body.notify && typeof body.notify === "object" && !Array.isArray(body.notify)
        ? (body.notify as Record<string, unknown>)
        : null;
    if (n?.type !== "agent-turn-complete" || !n) continue;
    const inputs = Array.isArray(n["input-messages"]) ? (n["input-messages"] as unknown[]) : [];
    if (typeof inputs[0] === "string" && TITLE_PROMPT.test(inputs[0])) continue;
    state.turnEndedAt = s.at;
    state.turns = (state.turns ?? 0) + 1;
    if (typeof n["thread-id"] === "string") {
      state.threadId = n["thread-id"];
      fx.agentSessionId = n["thread-id"];
    }
    const last = n["last-assistant-message"];
    if (typeof last === "string" && last) fx.lastMessage = last;
  }
  return fx;
}
