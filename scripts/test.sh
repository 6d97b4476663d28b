#!/usr/bin/env bash
# Runs every test of the workspace (build, typecheck, unit, contract against Prism, browser) after setting up the machine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BOOTSTRAP_BROWSER=1 BOOTSTRAP_REDIS=1 . "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
find packages apps bench -name .vitest-results.json -not -path '*/node_modules/*' -delete 2>/dev/null || true
pnpm exec turbo run build typecheck test --continue --output-logs=errors-only "$@"
