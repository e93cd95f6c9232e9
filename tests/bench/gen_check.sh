#!/usr/bin/env bash
# ctest `bench.gen`: the benchmark data generator is deterministic by seed, writes what
# its documentation says (UTF-8 names, quoted CSV fields, every source format), and every
# format plans to exactly the changes it says it made to the workspace.
#
#   tests/bench/gen_check.sh BENCH_GEN ARDOQ_SYNC
set -euo pipefail
gen="$(realpath "${1:?usage: gen_check.sh BENCH_GEN ARDOQ_SYNC}")"
sync="$(realpath "${2:?usage: gen_check.sh BENCH_GEN ARDOQ_SYNC}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "bench.gen: $*" >&2; exit 1; }

args=(--components 300 --references 300 --changed 0.1 --missing 0.05 --formats all)
"$gen" --out "$work/a" --seed 5 "${args[@]}" >"$work/a.txt"
"$gen" --out "$work/b" --seed 5 "${args[@]}" >/dev/null
"$gen" --out "$work/c" --seed 6 "${args[@]}" >/dev/null
diff -r "$work/a" "$work/b" >/dev/null || fail "the same seed wrote different files"
cmp -s "$work/a/components.csv" "$work/c/components.csv" && fail "seeds 5 and 6 wrote the same CSV"

cd "$work/a"
for f in components.csv dependencies.csv components.jsonl dependencies.jsonl bench.db bench.sql \
         bench-copy.sql workspace.json emulator.json emulator-empty.json mapping.yaml \
         mapping-jsonl.yaml mapping-sqlite.yaml mapping-sql.yaml mapping-copy.yaml; do
  [ -s "$f" ] || fail "$f is missing or empty"
done
grep -q '"[^"]*,[^"]*"' components.csv || fail "no quoted CSV field holding a comma"
LC_ALL=C grep -q $'[\xc3-\xf4]' components.csv || fail "no UTF-8 name in components.csv"
grep -q '^COPY ' bench-copy.sql || fail "bench-copy.sql has no COPY statement"
grep -q '^INSERT INTO' bench.sql || fail "bench.sql has no INSERT statement"

# "workspace: 277 components (23 missing, 34 changed), 264 references (36 missing)"
line="$(grep -m1 '^  workspace:' "$work/a.txt")" || fail "no workspace summary printed"
read -r c_missing c_changed r_missing < <(
  sed -E 's/.*\(([0-9]+) missing, ([0-9]+) changed\), [0-9]+ references \(([0-9]+) missing\).*/\1 \2 \3/' <<<"$line")
[ "$c_changed" -gt 0 ] && [ "$c_missing" -gt 0 ] && [ "$r_missing" -gt 0 ] ||
  fail "expected some changed and missing entities: $line"
creates=$((c_missing + r_missing))
unchanged=$((600 - creates - c_changed))
want="$creates to create, $c_changed to update, 0 to delete, $unchanged unchanged, 0 conflicts, 0 cache misses"

export ARDOQ_API_TOKEN=unused-offline
for m in mapping mapping-jsonl mapping-sqlite mapping-sql mapping-copy; do
  got="$("$sync" --quiet plan "$m.yaml" --target https://bench.example.com --offline | grep -m1 'to create')" ||
    fail "$m.yaml: no plan summary"
  [ "$got" = "$want" ] || fail "$m.yaml against the cache: '$got', expected '$want'"
done
got="$("$sync" --quiet plan mapping.yaml --target file:workspace.json | grep -m1 'to create')"
[ "$got" = "$want" ] || fail "mapping.yaml against workspace.json: '$got', expected '$want'"
echo "bench.gen: deterministic; 5 source formats and 2 workspace forms agree: $want"
