#!/usr/bin/env bash
# Installs what the queue-mode suite (test/queue) runs n8n's queue mode on:
# Debian's PostgreSQL server and Redis, once. Safe to run again: it does
# nothing when both are there. Nothing is started here
# and no system database is touched: the suite runs a private, throwaway
# PostgreSQL cluster and Redis on free loopback ports, and removes them
# afterwards (scripts/lib/queue). Needs root (or sudo) and Debian's apt
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

# The packages' own services are not started: the suite runs private instances.
source "$(dirname "$0")/lib/apt-install.sh"
apt_install "the queue-mode suite's database and queue" --no-start "${missing[@]}"
have_postgres && have_redis || { log "the install finished but PostgreSQL or Redis is still missing"; exit 1; }
log "installed: $(ls -d /usr/lib/postgresql/*/bin/postgres | tail -1), $(command -v redis-server)"
