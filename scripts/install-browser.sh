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

source "$(dirname "$0")/lib/apt-install.sh"
apt_install "Chromium, about 100 MB with its libraries" chromium
log "installed: $("$CHROMIUM" --version 2>/dev/null)"
