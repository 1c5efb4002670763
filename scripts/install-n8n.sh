#!/usr/bin/env bash
# Installs the pinned n8n (and, for n8n 2.x, a Node.js 24 from the npm
# registry) into the cache folder, once. Safe to run again, and from two
# places at once (a lock serialises them): it does nothing when the install
# is complete. See README, "Real n8n".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/n8n-env.sh"

log() { echo "[install-n8n] $*" >&2; }

mkdir -p "$FLUENZR_CACHE"
if command -v flock >/dev/null; then # util-linux; absent on macOS, where installs are not serialised
  exec 9>"$FLUENZR_CACHE/install.lock"
  if ! flock -n 9; then
    log "another install is running; waiting for it"
    flock 9
  fi
fi

if [ "$N8N_MAJOR" -ge 2 ] && [ ! -x "$NODE24_BIN_DIR/node" ]; then
  log "fetching Node.js $NODE24_VERSION ($NODE24_PACKAGE) from the npm registry into $NODE24_HOME"
  mkdir -p "$NODE24_HOME"
  (cd "$NODE24_HOME" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --ignore-scripts "$NODE24_PACKAGE@$NODE24_VERSION" >/dev/null)
fi

if [ -f "$N8N_HOME/.complete" ]; then
  log "n8n $N8N_VERSION already installed in $N8N_HOME"
  exit 0
fi

# Prints how far a long step has got every 30 s, so a first run does not look stuck.
run_with_progress() {
  local what="$1"; shift
  local started=$SECONDS
  "$@" &
  local pid=$!
  while ! wait_briefly "$pid"; do
    log "  still $what ($((SECONDS - started)) s)"
  done
  wait "$pid"
}
wait_briefly() {
  local pid="$1" i
  for i in $(seq 30); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 1
  done
  return 1
}

export PATH="$(n8n_path)"
log "installing n8n $N8N_VERSION with Node.js $(node --version) into $N8N_HOME"
log "first run only: about 1.6 GB and 5-10 minutes (npm install, then compiling native modules)"
rm -rf "$N8N_HOME"
mkdir -p "$N8N_HOME"
cd "$N8N_HOME"
if [ "$N8N_MAJOR" -ge 2 ]; then
  echo '{"private":true}' > package.json
else
  # n8n 1.x's n8n-nodes-base takes xlsx as a tarball from cdn.sheetjs.com,
  # which only the npm registry's network reaches here: use xlsx's last
  # registry release instead (only the Spreadsheet File nodes use it).
  echo '{"private":true,"overrides":{"xlsx":"0.18.5"}}' > package.json
fi
# Install scripts are skipped (one of them downloads a prebuilt Kafka binary,
# which this network cannot reach); the native modules n8n needs are then
# compiled from source.
run_with_progress "downloading n8n's packages" \
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION"
log "compiling n8n's native modules with the machine's C++ compiler (about 2 minutes)"
# One at a time: npm stops a rebuild at its first failure. n8n 1.x pulls in
# isolated-vm 6, which needs Node.js 22 and cannot compile on Node.js 20;
# 1.x runs without it (only its opt-in "vm" expression engine loads it).
for module in sqlite3 isolated-vm @parcel/watcher msgpackr-extract; do
  run_with_progress "compiling $module" npm rebuild --loglevel=silent "$module" ||
    log "$module did not compile with Node.js $(node --version); going on without it"
done
# n8n keeps its database in SQLite: without a working sqlite3 nothing runs.
if ! node -e "require('sqlite3')" 2>/dev/null; then
  log "sqlite3 did not compile: install a C++ toolchain (Debian: apt-get install build-essential python3) and run this again"
  exit 1
fi
"$N8N_BIN" --version >/dev/null
touch .complete
log "n8n $("$N8N_BIN" --version) ready"
