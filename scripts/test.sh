#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run): build, lint, n8n's
# verification scan, type-check, the engine and contract tests, then the
# end-to-end suite in real n8n 2.x, the same n8n 2.x in queue mode, and the
# end-to-end suite again in the last n8n 1.x.
# FLUENZR_SKIP_E2E=1 skips the real-n8n part (it needs a ~3 GB n8n install,
# cached in ~/.cache/n8n-nodes-fluenzr after the first run); FLUENZR_SKIP_QUEUE=1
# skips only its queue-mode run (about 6-7 minutes; installs PostgreSQL and Redis once).
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-artifacts
rm -f test-artifacts/jest-*.json
status=0
step() { echo; echo "==> $*"; }

step "build"
npm run --silent build || exit 1

step "lint (eslint-plugin-n8n-nodes-base + @n8n/eslint-plugin-community-nodes)"
npm run --silent lint || status=1

step "n8n's verification scan (@n8n/scan-community-package) of the source and of the packed tarball"
npm run --silent scan || status=1

step "type-check (sources, tests, benchmarks)"
npm run --silent typecheck || status=1

step "engine, sandbox and unit tests (jest)"
npx jest --ci --json --outputFile=test-artifacts/jest-unit.json || status=1

if [ "${FLUENZR_SKIP_E2E:-0}" != "1" ]; then
  step "real n8n: install (cached) and end-to-end suite"
  bash scripts/install-n8n.sh || exit 1
  if [ -f scripts/install-browser.sh ]; then bash scripts/install-browser.sh || status=1; fi
  npx jest --ci -c jest.e2e.config.js --json --outputFile=test-artifacts/jest-e2e.json || status=1

  if [ "${FLUENZR_SKIP_QUEUE:-0}" != "1" ]; then
    step "real n8n 2.x in queue mode: private PostgreSQL and Redis, main, 2 workers, 2 webhook processes (docs/queue-mode.md)"
    bash scripts/install-queue-services.sh || status=1
    npx jest --ci -c jest.queue.config.js --json --outputFile=test-artifacts/jest-queue.json || status=1
  fi

  step "real n8n 1.x (the last release, 1.123.81, on Node.js 20): install (cached) and the same suite"
  FLUENZR_N8N_VERSION=1.123.81 bash scripts/install-n8n.sh || exit 1
  FLUENZR_N8N_VERSION=1.123.81 npx jest --ci -c jest.e2e.config.js --json \
    --outputFile=test-artifacts/jest-e2e-n8n1.json || status=1
fi

# One closing line over every suite, in the plain form CI reads.
node -e '
const fs = require("fs");
let passed = 0, failed = 0, skipped = 0;
for (const f of ["test-artifacts/jest-unit.json", "test-artifacts/jest-e2e.json", "test-artifacts/jest-queue.json", "test-artifacts/jest-e2e-n8n1.json"]) {
  if (!fs.existsSync(f)) continue;
  const r = JSON.parse(fs.readFileSync(f, "utf8"));
  passed += r.numPassedTests; failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
  skipped += r.numPendingTests + (r.numTodoTests || 0);
}
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
' || status=1
if [ "$status" != 0 ]; then echo "FAILED (see the steps above)"; fi
exit $status
