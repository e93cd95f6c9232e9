#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets (clang 14, ASan + UBSan) in build/fuzz and runs
# each for FUZZ_SECONDS (default 300) on a corpus seeded from the test data and samples.
#
#   tests/fuzz/run.sh                    # every target
#   FUZZ_SECONDS=60 tests/fuzz/run.sh csv json
#
# Targets: csv json sql_dump mapping expression. A crash, sanitizer report, timeout or
# out-of-memory is saved to build/fuzz/findings/<target>/ and the script exits 1; replay one
# with build/fuzz/tests/fuzz/fuzz-<target> FILE, then save it under tests/fuzz/regressions/
# <target>/ with its expected outcome in tests/reliability/test_fuzz_regressions.cpp.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${FUZZ_BUILD_DIR:-$root/build/fuzz}"
seconds="${FUZZ_SECONDS:-300}"
jobs="${JOBS:-$(nproc)}"
cxx="${FUZZ_CXX:-clang++-14}"
all=(csv json sql_dump mapping expression)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

for t in "${targets[@]}"; do
  case " ${all[*]} " in *" $t "*) ;; *)
    echo "fuzz: unknown target '$t'" >&2
    echo "  hint: choose from: ${all[*]}" >&2
    exit 2 ;;
  esac
done

if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DARDOQ_SYNC_BUILD_TESTS=OFF \
    -DARDOQ_SYNC_BUILD_FUZZERS=ON >/dev/null
fi
names=()
for t in "${targets[@]}"; do names+=("fuzz-${t//_/-}"); done
cmake --build "$build" -j "$jobs" --target "${names[@]}"

# Seed corpora: the test data and samples, with the harness's leading options byte
# (see tests/fuzz/harness.hpp) set the way each file is meant to be read.
seed() { # seed TARGET OPTION-BYTE-IN-OCTAL FILE...
  local dir="$build/seeds/$1" byte="$2"; shift 2
  mkdir -p "$dir"
  for f in "$@"; do
    [ -f "$f" ] || continue
    { printf "\\$byte"; cat "$f"; } >"$dir/$byte-$(basename "$f")"
  done
}
make_seeds() {
  local d="$root/tests/connectors/data"
  rm -rf "$build/seeds"
  case "$1" in
    csv)
      seed csv 000 "$d"/csv/*.csv "$root"/samples/*/*.csv
      seed csv 001 "$d"/csv/semicolon.csv
      seed csv 002 "$d"/csv/tab.tsv
      seed csv 003 "$d"/csv/pipe.csv
      seed csv 004 "$d"/csv/no_header.csv
      seed csv 050 "$d"/csv/latin1.csv ;;
    json)
      seed json 000 "$d"/json/*.json
      seed json 002 "$d"/json/pointer*.json "$root"/samples/portfolio/deps.json
      seed json 001 "$d"/jsonl/*.jsonl ;;
    sql_dump)
      for table in 0 1 2 3 4 5 6 7; do
        seed sql_dump "00$table" "$d"/sql/*.sql "$d"/dumps/*.sql "$root"/samples/*/*.sql
      done ;;
    mapping)
      mkdir -p "$build/seeds/mapping"
      for f in "$root"/tests/mappings/data/*/*.yaml "$root"/samples/*/mapping.yaml; do
        cp "$f" "$build/seeds/mapping/$(basename "$(dirname "$f")")-$(basename "$f")"
      done ;;
    expression)
      # Every template and condition of the sample and test mappings, one per file.
      mkdir -p "$build/seeds/expression"
      local n=0
      while IFS= read -r line; do
        n=$((n + 1))
        printf '%s' "$line" >"$build/seeds/expression/$n"
      done < <(grep -ohE '"[^"]*\{\{[^"]*"|when: "[^"]*"' \
                 "$root"/samples/*/mapping.yaml "$root"/tests/mappings/data/*/*.yaml \
               | sed -E 's/^when: //; s/^"//; s/"$//' | sort -u) ;;
  esac
}

failed=()
for t in "${targets[@]}"; do
  bin="$build/tests/fuzz/fuzz-${t//_/-}"
  corpus="$build/corpus/$t"
  findings="$build/findings/$t"
  mkdir -p "$corpus" "$findings"
  make_seeds "$t"
  echo "fuzz: $t for ${seconds}s (corpus $corpus)"
  # -rss_limit_mb / -malloc_limit_mb: an unbounded allocation is a finding too.
  if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 \
       -print_final_stats=1 -artifact_prefix="$findings/" "$corpus" "$build/seeds/$t" \
       >"$build/$t.log" 2>&1; then
    failed+=("$t")
    tail -n 40 "$build/$t.log" >&2
  fi
  grep -E '^stat::number_of_executed_units|^#[0-9]+.*DONE' "$build/$t.log" | tail -n 2 || true
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in: ${failed[*]} (inputs in $build/findings/)" >&2
  exit 1
fi
echo "fuzz: no findings (${targets[*]}, ${seconds}s each)"
