#!/usr/bin/env bash
# Installs what the queue-mode suite (test/queue) and `npm run start:queue`
# run n8n's queue mode on: Debian's PostgreSQL server and Redis, once. Safe
# to run again: it does nothing when both are there. Nothing is started here
# and no system database is touched: the suite runs a private, throwaway
# PostgreSQL cluster and Redis on free loopback ports, and removes them
# afterwards (test/queue/support). Needs root (or sudo) and Debian's apt
# repositories to install.
set -euo pipefail

log() { echo "[install-queue-services] $*" >&2; }

have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; }
have_redis() { command -v redis-server >/dev/null; }

missing=()
have_postgres || missing+=(postgresql)
have_redis || missing+=(redis-server)
if [ ${#missing[@]} = 0 ]; then
  log "PostgreSQL and Redis already installed: $(ls -d /usr/lib/postgresql/*/bin/postgres | tail -1), $(command -v redis-server)"
  exit 0
fi

if [ "$(id -u)" = 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  log "cannot install ${missing[*]}: not root and no password-less sudo (install them yourself)"
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  log "cannot install ${missing[*]}: no apt-get (not Debian/Ubuntu); install them yourself"
  exit 1
fi

log "apt-get update"
"${as_root[@]}" apt-get update -qq
log "apt-get install -y ${missing[*]}"
# policy-rc.d 101: the packages' own services are not started (the suite runs private instances).
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
  "${as_root[@]}" chmod +x "$policy"
  trap '"${as_root[@]}" rm -f "$policy"' EXIT
fi
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
have_postgres && have_redis || { log "the install finished but PostgreSQL or Redis is still missing"; exit 1; }
log "installed: $(ls -d /usr/lib/postgresql/*/bin/postgres | tail -1), $(command -v redis-server)"
