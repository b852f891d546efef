#!/bin/sh
# Wingman's observer hook for Claude Code. Claude Code runs it for every hook event with the event's
# JSON on stdin. It only records: one file per event in $WMHOOK_EVENTS (written to a temp name,
# then renamed, so a reader never sees half an event and two events never interleave). It prints
# nothing and always exits 0, so it never decides anything for Claude Code and never slows it down
# beyond one `date` and one `mv`. Per-session values come from the pane's environment, set by Wingman:
# WMHOOK_EVENTS (the session's events folder) and WMHOOK_SESSION (its name). Files are owner-only.
umask 077
dir="${WMHOOK_EVENTS:-}"
if [ -z "$dir" ] || [ ! -d "$dir" ]; then
  cat >/dev/null 2>&1
  exit 0
fi
session="${WMHOOK_SESSION:-}"
case "$session" in *[!a-z0-9-]*) session="" ;; esac
ts=$(date +%s%N 2>/dev/null)
case "$ts" in '' | *[!0-9]*) ts="$(date +%s)000000000" ;; esac
tmp="$dir/.$ts-$$.tmp"
{
  printf '{"wingman_session":"%s","received_ns":%s,"event":' "$session" "$ts"
  cat
  printf '}\n'
} >"$tmp" 2>/dev/null && mv "$tmp" "$dir/$ts-$$.json" 2>/dev/null
exit 0
