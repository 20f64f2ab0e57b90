#!/usr/bin/env bash
# `npm test`: services up, then lint, typecheck and every test of every project through Nx
# (plain eslint would skip the module-boundary rule), then one closing summary line.
set -uo pipefail
cd "$(dirname "$0")/../.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
bash infra/scripts/ensure-services.sh || exit 1
rm -rf tmp/test-results
npx nx run-many -t lint typecheck test --parallel=2 --output-style=stream "$@"
status=$?
node tools/scripts/test-summary.js
exit $status
