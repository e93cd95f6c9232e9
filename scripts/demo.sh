#!/usr/bin/env bash
# make demo: the portfolio sample end to end on a local file: target (no Ardoq account
# needed): plan, apply, then a second plan that must show zero changes.
set -euo pipefail
sync="${1:?usage: demo.sh path/to/ardoq-sync}"
# The demo runs in a scratch directory: a relative path (the Makefile passes
# build/<preset>/engine/ardoq-sync) is made absolute first.
[ -x "$sync" ] || { echo "demo.sh: $sync is not an executable (build it first)" >&2; exit 1; }
sync="$(cd "$(dirname "$sync")" && pwd)/$(basename "$sync")"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/ardoq-sync-demo.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The sample's snapshot.json stands in for the Ardoq workspace; apply rewrites it, so the
# demo works on a copy.
cp -r "$root/samples/portfolio/." "$work/"
cd "$work"
echo "== ardoq-sync plan (dry run) =="
"$sync" plan mapping.yaml --target file:snapshot.json
echo
echo "== ardoq-sync apply =="
"$sync" apply mapping.yaml --target file:snapshot.json
echo
echo "== ardoq-sync plan again: nothing left to do =="
# --detailed-exitcode: exit code 2 (and a failed demo) if anything were left to change.
"$sync" plan mapping.yaml --target file:snapshot.json --detailed-exitcode
echo
echo "demo: the workspace matches the sources (journal: $(ls .ardoq-sync/runs))"
