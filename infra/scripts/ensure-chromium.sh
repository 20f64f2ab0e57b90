#!/usr/bin/env bash
# Makes sure Debian's chromium is installed for the dashboard's browser tests (playwright-core
# drives it headless; no browser is ever downloaded). Used by `npm test`; safe to run repeatedly.
set -euo pipefail

log() { printf '[chromium] %s\n' "$*"; }
for candidate in "${CHROMIUM_PATH:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then log "found $candidate"; exit 0; fi
done
if [ "$(id -u)" != 0 ]; then
  log "chromium is missing and we are not root: apt-get install -y chromium, then rerun"
  exit 1
fi
log "installing Debian's chromium (apt)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
log "installed $(command -v chromium)"
