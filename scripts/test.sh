#!/usr/bin/env bash
# Runs every check of the workspace (lint, format, import cycles, build, typecheck, unit, contract against Prism,
# browser) after setting up the machine, and ends with "N passed, N failed" from the vitest reports
# (scripts/count-results.mjs).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BOOTSTRAP_BROWSER=1 BOOTSTRAP_REDIS=1 . "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
find packages apps bench -name .vitest-results.json -not -path '*/node_modules/*' -delete 2>/dev/null || true
status=0
# One Prism for every package (see packages/testing/src/prism-setup.ts), stopped on any exit.
. "$ROOT/scripts/prism.sh" test.sh
# Generate before turbo hashes the tasks: it hashes core's inputs (src/generated included) when a run starts, so on a
# fresh clone a build cached before the generation ran would be missed by the next run (demo.sh after test.sh rebuilt
# every package).
pnpm --silent generate >/dev/null
# Style and structure first, so a lint error, unformatted code or an import cycle fails the run (the tests still run,
# to report everything at once). The cycle check reads src/generated too, hence after the generation.
for check in lint format:check circular; do
  pnpm --silent "$check" || { echo "test.sh: pnpm $check failed" >&2; status=1; }
done
pnpm exec turbo run build typecheck test --continue --output-logs=errors-only "$@" || status=$?
# The last line says what happened, as .ci/run's does (which prints it once itself, at its very end).
if [ "${TEST_SUMMARY:-1}" != "0" ]; then node scripts/count-results.mjs || status=1; fi
exit $status
