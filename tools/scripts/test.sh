#!/usr/bin/env bash
# `npm test`: services up, then lint, typecheck and every test of every project through Nx
# (plain eslint would skip the module-boundary rule), then one closing summary line.
set -uo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
bash infra/scripts/ensure-services.sh || exit 1
bash infra/scripts/ensure-chromium.sh || exit 1
rm -rf tmp/test-results
npx nx run-many -t lint typecheck --parallel=2 --output-style=stream "$@"
status=$?
# Test projects run one at a time: the event-store concurrency test deliberately holds a
# transaction open, and the PostgreSQL xmin horizon it holds back is shared by every database
# on the server, so parallel suites would only stall each other.
npx nx run-many -t test --parallel=1 --output-style=stream "$@" || status=$?
node tools/scripts/test-summary.js
exit $status
