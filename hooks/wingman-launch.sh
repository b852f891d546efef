#!/bin/sh
# Wingman's launcher: starts an agent with the environment Wingman chose for it. That environment (Wingman's
# own, where API keys often live, or a host's configured `env`) is handed over in a file only this user can
# read (0600, in an owner-only folder), never on a command line: any local user can read every process's
# command line in /proc. Wingman runs this script as `/bin/sh wingman-launch.sh ENVFILE PROGRAM [ARG...]`.
#
# ENVFILE is written by Wingman: one `unset` line (the variables the agent must not see: Wingman's own and
# tmux's), then one `export NAME='value'` line per variable, in POSIX single quotes. It is read by this sh
# (never by a login shell), removed before anything else runs, and then PROGRAM replaces this shell.
f=${1:-}
if [ -z "$f" ] || [ ! -f "$f" ]; then
  echo "wingman-launch: the environment file ${f:-(none)} is missing" >&2
  exit 127
fi
shift
if [ $# -eq 0 ]; then
  echo "wingman-launch: no program to run" >&2
  exit 127
fi
e=$(cat -- "$f") || exit 127
rm -f -- "$f"
eval "$e" || exit 127
exec "$@"
