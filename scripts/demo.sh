#!/usr/bin/env bash
# Sets up the machine, builds every package and the docs site, then starts the demo (Prism, gateway, docs).
# See scripts/demo.ts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
pnpm exec turbo run build --output-logs=errors-only >&2
exec node scripts/demo.ts "$@"
