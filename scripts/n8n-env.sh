#!/usr/bin/env bash
# Shared settings for every script that installs or runs real n8n, and for
# scripts/lib/n8nInstall.ts, which reads them from here. Sourced, not
# executed. The cache lives outside the repository so that every clone on
# this machine (CI's included) reuses one install.
fluenzr_scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
N8N_VERSION="${FLUENZR_N8N_VERSION:-2.41.1}"
NODE24_VERSION="${FLUENZR_NODE24_VERSION:-24.21.0}"
FLUENZR_CACHE="${FLUENZR_CACHE:-$HOME/.cache/n8n-nodes-fluenzr}"
N8N_MAJOR="${N8N_VERSION%%.*}"

# The npm registry publishes Node.js itself as node-<os>-<arch>, headers included.
case "$(uname -s)" in Darwin) node_os=darwin ;; *) node_os=linux ;; esac
case "$(uname -m)" in aarch64 | arm64) node_arch=arm64 ;; *) node_arch=x64 ;; esac
NODE24_PACKAGE="node-$node_os-$node_arch"
NODE24_HOME="$FLUENZR_CACHE/node-$NODE24_VERSION-$node_arch"
NODE24_DIR="$NODE24_HOME/node_modules/$NODE24_PACKAGE"
NODE24_BIN_DIR="$NODE24_DIR/bin"

# n8n 2.x needs Node.js 24; n8n 1.x runs on the machine's Node.js.
if [ "$N8N_MAJOR" -ge 2 ]; then
  N8N_NODE_VERSION="v$NODE24_VERSION"
else
  N8N_NODE_VERSION="$(node --version)"
fi

# The install folder is named after everything that made it: the scripts that
# install it (their commands; comments change nothing), the n8n and Node.js
# versions and the machine's architecture. Changing any of them installs
# afresh beside the old folder, so a cache made by an older script can never
# pass for a good one.
N8N_INSTALL_KEY="$(
  grep -hv '^[[:space:]]*#' "$fluenzr_scripts/install-n8n.sh" "$fluenzr_scripts/n8n-env.sh"
  echo "n8n=$N8N_VERSION node=$N8N_NODE_VERSION arch=$node_arch"
)"
N8N_INSTALL_KEY="$(printf '%s' "$N8N_INSTALL_KEY" | sha256sum | cut -c1-12)"
N8N_HOME="$FLUENZR_CACHE/n8n-$N8N_VERSION-$N8N_INSTALL_KEY"
N8N_BIN="$N8N_HOME/node_modules/.bin/n8n"

n8n_path() {
  if [ "$N8N_MAJOR" -ge 2 ]; then echo "$NODE24_BIN_DIR:$PATH"; else echo "$PATH"; fi
}
