#!/usr/bin/env bash
# Starts the demo after setting up the machine. See scripts/demo.ts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
pnpm exec turbo run build --output-logs=errors-only >&2
exec node scripts/demo.ts "$@"
