#!/usr/bin/env bash
# Installs Debian's Chromium for the editor test (test/e2e/editor.test.ts),
# once: playwright-core drives it headless. Playwright's own browser
# downloads are never used (they need the internet). Safe to run again: it
# does nothing when /usr/bin/chromium is there. Needs root (or sudo) and
# Debian's apt repositories; when it cannot install, the editor test is
# skipped with that reason.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
log() { echo "[install-browser] $*" >&2; }

if [ -x "$CHROMIUM" ]; then
  log "Chromium already installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  log "cannot install Chromium: not root and no password-less sudo (install the 'chromium' package yourself)"
  exit 1
fi

if ! command -v apt-get >/dev/null; then
  log "cannot install Chromium: no apt-get (not Debian/Ubuntu); install a Chromium at $CHROMIUM yourself"
  exit 1
fi

log "apt-get update"
"${as_root[@]}" apt-get update -qq
log "apt-get install -y chromium (about 100 MB with its libraries)"
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
log "installed: $("$CHROMIUM" --version 2>/dev/null)"
