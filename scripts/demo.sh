#!/usr/bin/env bash
# `npm start`: the one-command demo. Builds the package, installs the pinned
# n8n once (cached outside the repository; the first run takes minutes),
# then scripts/demo.ts starts a seeded FluenzR sandbox and n8n with this
# package, its credential and the example workflows. Ctrl-C stops it all.
# See README.md, "Quick start", and docs/demo.md.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "[demo] $*"; }

if [ ! -x node_modules/.bin/tsx ]; then
  say "node_modules is missing: run \`npm ci\` first"
  exit 1
fi

say "building the package (npm run build)"
if ! build_output="$(npm run --silent build 2>&1)"; then
  echo "$build_output"
  say "the build failed (see above)"
  exit 1
fi

say "checking the pinned n8n (installed once into ~/.cache/n8n-nodes-fluenzr)"
bash scripts/install-n8n.sh

# exec: Ctrl-C then reaches demo.ts, which stops n8n and the sandbox in order.
exec node_modules/.bin/tsx scripts/demo.ts
