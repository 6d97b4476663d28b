# Sourced by scripts that need Prism (test.sh, mutate.sh): unless PRISM_URL is set, starts the stand-in Intercom
# (packages/testing/src/prism-serve.ts: one router in front of one Prism per API version, started on first use and
# chosen by the request's Intercom-Version, the newest without it), exports its URL as PRISM_URL, and stops it when
# the sourcing shell exits.
# Expects ROOT; $1 names the caller in the error message.
if [ -z "${PRISM_URL:-}" ]; then
  exec 9> >(node "$ROOT/packages/testing/src/prism-serve.ts" >"$ROOT/.prism-url" 2>"$ROOT/.prism.log")
  prism_pid=$!
  trap 'exec 9>&-; wait "$prism_pid" 2>/dev/null || true' EXIT
  for _ in $(seq 1 1800); do [ -s "$ROOT/.prism-url" ] && break; kill -0 "$prism_pid" 2>/dev/null || break; sleep 0.1; done
  PRISM_URL="$(head -n1 "$ROOT/.prism-url" 2>/dev/null || true)"
  [ -n "$PRISM_URL" ] || { echo "${1:-prism.sh}: Prism did not start:" >&2; cat "$ROOT/.prism.log" >&2; exit 1; }
  export PRISM_URL
fi
