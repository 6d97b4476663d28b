#!/usr/bin/env bash
# Packs each published package exactly as `pnpm publish` would and lints the tarball with publint (strict) and
# @arethetypeswrong/cli, then runs `pnpm -r publish --dry-run`. Needs the packages' dist/ (run `pnpm build` first).
#
#   scripts/check-packages.sh                   # every published package, then the publish dry run
#   scripts/check-packages.sh packages/core     # only the given package folders (no dry run)
#   scripts/check-packages.sh --publish-dry-run # only the publish dry run
#
# attw uses the esm-only profile: the packages are ESM-only on purpose ("type": "module", no require condition),
# so CommonJS resolution failures are expected, not bugs. Everything else is an error.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

published=(packages/core packages/node packages/browser packages/gateway)
targets=("$@")
dry_run=0
if [ "${1:-}" = "--publish-dry-run" ]; then
  targets=()
  dry_run=1
elif [ ${#targets[@]} -eq 0 ]; then
  targets=("${published[@]}")
  dry_run=1
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
failed=0

for dir in "${targets[@]+"${targets[@]}"}"; do
  name="$(node -p "require('./$dir/package.json').name")"
  if [ ! -d "$dir/dist" ]; then
    echo "check-packages: $name has no dist/ (build it first)"
    failed=1
    continue
  fi
  tarball="$(cd "$dir" && pnpm pack --pack-destination "$out" --json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).filename))')"
  echo "check-packages: $name -> $(basename "$tarball") ($(tar tzf "$tarball" | wc -l) files)"
  if ! pnpm exec publint run "$tarball" --strict; then
    echo "check-packages: publint found problems in $name"
    failed=1
  fi
  # Users get what they run: declarations and JavaScript, no copy of the sources and no source maps pointing at them.
  if tar tzf "$tarball" | grep -qE '^package/src/|\.map$'; then
    echo "check-packages: $name ships sources or source maps:"
    tar tzf "$tarball" | grep -E '^package/src/|\.map$' | head -5
    failed=1
  fi
  # The packed package.json must carry real version ranges, not workspace: protocols.
  if tar xzf "$tarball" -O package/package.json | grep -q '"workspace:'; then
    echo "check-packages: $name still has workspace: ranges after packing"
    failed=1
  fi
  # attw does not expand export patterns ("./operations/*"): check every public module the exports map names,
  # each pattern expanded against the files in the tarball.
  mapfile -t entries < <(tar tzf "$tarball" | node "$ROOT/scripts/export-entries.mjs" <(tar xzf "$tarball" -O package/package.json))
  include=()
  if [ ${#entries[@]} -gt 0 ]; then include=(--include-entrypoints "${entries[@]}"); fi
  if ! pnpm exec attw "$tarball" --profile esm-only --format table-flipped --no-emoji --no-color "${include[@]}" >"$out/attw.log" 2>&1; then
    cat "$out/attw.log"
    echo "check-packages: attw found problems in $name"
    failed=1
  else
    echo "check-packages: attw: no problems in $name (${#entries[@]} subpath modules + root, esm-only profile)"
  fi
done

if [ $dry_run -eq 1 ]; then
  if ! pnpm -r --filter "./packages/*" publish --dry-run --no-git-checks >"$out/publish.log" 2>&1; then
    cat "$out/publish.log"
    echo "check-packages: pnpm -r publish --dry-run failed"
    failed=1
  else
    grep -E 'publishing|→' "$out/publish.log" || true
    echo "check-packages: pnpm -r publish --dry-run passed"
  fi
fi

exit $failed
