#!/usr/bin/env bash
# Sets up the machine, builds every package and the docs site, then starts the demo (Prism, gateway, docs).
# See scripts/demo.ts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
# Generate before turbo hashes the tasks: it hashes core's inputs (src/generated included) when a run starts, so on a
# fresh clone a build cached before the generation ran would be missed by the next run (demo.sh after test.sh rebuilt
# every package).
pnpm --silent generate >/dev/null
pnpm exec turbo run build --output-logs=errors-only >&2
exec node scripts/demo.ts "$@"
