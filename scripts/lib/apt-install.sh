#!/usr/bin/env bash
# Sourced by the scripts that install a Debian package the tests need
# (install-browser.sh, install-queue-services.sh): one way to reach apt-get as
# root, and one way to say why it cannot. Expects a `log` function.

# apt_install WHAT [--no-start] PACKAGE...: installs the packages with apt-get.
# --no-start keeps the packages' own services from starting (a policy-rc.d
# for the time of the install), for servers the tests run as private instances.
apt_install() {
  local what="$1"; shift
  local no_start=0
  if [ "${1:-}" = --no-start ]; then no_start=1; shift; fi
  local as_root
  if [ "$(id -u)" = 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    as_root=(sudo -n)
  else
    log "cannot install $what: not root and no password-less sudo (install the packages $* yourself)"
    return 1
  fi
  if ! command -v apt-get >/dev/null; then
    log "cannot install $what: no apt-get (not Debian/Ubuntu); install $* yourself"
    return 1
  fi
  log "apt-get update"
  "${as_root[@]}" apt-get update -qq
  log "apt-get install -y $* ($what)"
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [ "$no_start" = 1 ] && [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
    "${as_root[@]}" chmod +x "$policy"
    added_policy=1
  fi
  local status=0
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "$@" >/dev/null || status=$?
  if [ "$added_policy" = 1 ]; then "${as_root[@]}" rm -f "$policy"; fi
  return "$status"
}
