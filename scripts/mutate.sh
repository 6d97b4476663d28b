#!/usr/bin/env bash
# Mutation testing (Stryker) of the modules that guard secrets, limits and retries; each package's stryker.config.mjs
# lists them. Reports: <package>/reports/mutation/ (git-ignored).
#
#   scripts/mutate.sh [group...]          every listed module of the groups (core gateway browser docs; default all)
#   scripts/mutate.sh --changed [BASE]    only listed modules changed since BASE (default: the merge base with main, or
#                                         HEAD~1 on main itself); nothing listed changed = nothing to do, exit 0
#   MUTATION_BREAK=90 ...                 fail when a group's score is under 90% (default: its breakAt floor)
#
# One mutant at a time, each through `heavy` (the machine's shared CPU slots). Prism comes from PRISM_URL, else one
# is started for the run (the gateway's policy tests reach it).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

declare -A dirs=([core]=packages/core [gateway]=packages/gateway [browser]=packages/browser [docs]=apps/docs)
changed=""
base=""
groups=()
while [ $# -gt 0 ]; do
  case "$1" in
    --changed)
      changed=1
      if [ $# -gt 1 ] && [[ "$2" != -* ]] && [ -z "${dirs[$2]:-}" ]; then base="$2"; shift; fi
      ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) [ -n "${dirs[$1]:-}" ] || { echo "mutate: unknown group $1 (core gateway browser docs)" >&2; exit 2; }; groups+=("$1") ;;
  esac
  shift
done
[ ${#groups[@]} -gt 0 ] || groups=(core gateway browser docs)

# The files a group's config lists (its `mutate` array), relative to the group's folder.
listed() { (cd "$ROOT/${dirs[$1]}" && node --input-type=module -e 'const c = (await import(process.cwd() + "/stryker.config.mjs")).default; console.log(c.mutate.join("\n"))'); }

if [ -n "$changed" ] && [ -z "$base" ]; then
  main_ref=$(git rev-parse --verify -q origin/main || git rev-parse --verify -q main || true)
  head=$(git rev-parse HEAD)
  if [ -n "$main_ref" ] && [ "$(git merge-base "$main_ref" HEAD)" != "$head" ]; then base=$(git merge-base "$main_ref" HEAD)
  else base=$(git rev-parse -q --verify HEAD~1 || true); fi
fi

plan=()
for group in "${groups[@]}"; do
  files=$(listed "$group")
  if [ -n "$changed" ]; then
    [ -n "$base" ] || { echo "mutate: no base to compare with; nothing to do"; exit 0; }
    # A listed module counts as changed when it changed since the base; all of them when the group's mutation tests
    # or settings did.
    diff=$(git diff --name-only "$base" -- "${dirs[$group]}" scripts/stryker.base.mjs)
    if echo "$diff" | grep -Eq '(\.mutants\.test\.ts|/stryker\.config\.mjs|/vitest\.mutants\.config\.ts|stryker\.base\.mjs)$'; then picked="$files"
    else picked=$(for f in $files; do echo "$diff" | grep -qx "${dirs[$group]}/$f" && echo "$f"; done || true); fi
    [ -n "$picked" ] || { echo "mutate: $group: no listed module changed since ${base:0:12}"; continue; }
    plan+=("$group:$(echo "$picked" | paste -sd, -)")
  else
    plan+=("$group:")
  fi
done
[ ${#plan[@]} -gt 0 ] || { echo "mutate: nothing to do"; exit 0; }

# Only the gateway's tests reach Prism.
if printf '%s\n' "${plan[@]}" | grep -q '^gateway:'; then . "$ROOT/scripts/prism.sh" mutate; fi

heavy=$(command -v heavy || true)
status=0
for entry in "${plan[@]}"; do
  group=${entry%%:*}
  only=${entry#*:}
  echo "mutate: $group${only:+ ($only)}"
  (cd "${dirs[$group]}" && ${heavy:+$heavy} pnpm exec stryker run stryker.config.mjs ${only:+--mutate "$only"}) || status=1
done
exit $status
