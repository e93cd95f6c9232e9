#!/usr/bin/env bash
# Runs every benchmark against a release build and writes BENCHMARKS.md (`make bench`).
#
#   tests/bench/run.sh BUILD_DIR
#
# Environment:
#   BENCH_RUNS=3          timed runs per command row; the median is reported
#   BENCH_N=1000000       components (and references) of the plan benchmark
#   BENCH_SIZES=1000,10000,50000     sizes of the side-by-side with the per-entity baseline
#   BENCH_UPDATE_SIZES=1000,10000    sizes of its incremental-sync scenario
#   BENCH_BASELINE_LIMIT=0           skip the baseline above this size (0: run every size)
#   BENCH_QUICK=1         small sizes everywhere: checks that the script works, in a minute
#   BENCH_PARTS=LIST      which parts to run, comma-separated (default: all of them):
#                         plan (1M + 1M from CSV), apply (bench-apply), compare (side by side
#                         with the per-entity baseline), components (connectors, mapping,
#                         snapshot, planner, emulator)
#   BENCH_DIR=DIR         where generated data goes (default BUILD_DIR/bench-data)
#   BENCH_OUT=FILE        the report (default BENCHMARKS.md at the top of the repository;
#                         hand-written analysis lives in docs/performance.md, never here)
#   ARDOQ_BENCH_LOCK=FILE every timed run holds this lock (default /tmp/ardoq-build.lock),
#                         so that a concurrent build does not skew it
set -euo pipefail

build="$(cd "${1:?usage: run.sh BUILD_DIR}" && pwd)"
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${BENCH_RUNS:-3}"
n_plan="${BENCH_N:-1000000}"
sizes="${BENCH_SIZES:-1000,10000,50000}"
update_sizes="${BENCH_UPDATE_SIZES:-1000,10000}"
baseline_limit="${BENCH_BASELINE_LIMIT:-0}"
work="${BENCH_DIR:-$build/bench-data}"
out="${BENCH_OUT:-$root/BENCHMARKS.md}"
lock="${ARDOQ_BENCH_LOCK:-/tmp/ardoq-build.lock}"
quick="${BENCH_QUICK:-0}"
parts="${BENCH_PARTS:-plan,apply,compare,components}"
part() { [[ ",$parts," == *",$1,"* ]]; }

sync="$build/engine/ardoq-sync"
emulator="$build/tests/emulator/ardoq-emulator"
bin="$build/tests/bench"
n_apply=20000
connector_args=()
snapshot_args=()
planner_args=()
mapping_args=()
emulator_args=()
if [ "$quick" = 1 ]; then
  n_plan=20000 n_apply=2000 sizes="${BENCH_SIZES:-300,1000}" update_sizes=300
  connector_args=(--mb 8 --sqlite-rows 50000 --big-csv-mb 16)
  snapshot_args=(--components 5000 --references 5000 --big 50000)
  planner_args=(--components 20000)
  mapping_args=(--records 50000)
  emulator_args=(--components 5000 --seconds 1)
fi

for f in "$sync" "$emulator" "$bin"/bench-{gen,connectors,mapping,snapshot,planner,emulator,apply}; do
  [ -x "$f" ] || { echo "bench: $f is missing; build the release preset first (make bench)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
mkdir -p "$work"
body="$(mktemp)"
trap 'rm -f "$body" "$body".*' EXIT

log() { echo "bench: $*" >&2; }
locked() { flock "$lock" "$@"; }
md() { printf '%s\n' "$*" >>"$body"; }
# A command as it would be typed, for the report.
shown() { local s; s="$(printf '%q ' "$@")"; s="${s% }"; echo "${s//$root\//}"; }

# measure DIR CMD...: runs CMD in DIR $runs times, each under /usr/bin/time -v while
# holding the lock; sets $wall (median seconds) and $rss (largest peak RSS, MB). Its stdout
# goes to $body.out when $capture is 1, else to /dev/null.
capture=0
measure() {
  local dir="$1"; shift
  local walls=() peak=0 i t sink=/dev/null
  [ "$capture" = 1 ] && sink="$body.out"
  for ((i = 0; i < runs; i++)); do
    t="$body.time"
    if ! (cd "$dir" && locked /usr/bin/time -v -o "$t" "$@" >"$sink" 2>"$body.err"); then
      cat "$body.err" >&2
      echo "bench: failed: $(shown "$@")" >&2
      exit 1
    fi
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {
      n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$t")")
    local kb; kb="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$t")"
    ((kb > peak)) && peak=$kb
  done
  wall="$(printf '%s\n' "${walls[@]}" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')"
  rss="$(awk -v k="$peak" 'BEGIN {printf "%.0f", k / 1024}')"
}

mb_of() { du -cm --apparent-size "$@" | awk 'END {print $1}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", a / b}'; }

# --- the machine ----------------------------------------------------------------------
cpu="$(lscpu | awk -F': +' '/^Model name/ {print $2; exit}')"
cores="$(nproc)"
ram="$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
os="$(. /etc/os-release && echo "$PRETTY_NAME")"
kernel="$(uname -r)"
compiler="$(awk -F= '/^CMAKE_CXX_COMPILER:/ {print $2}' "$build/CMakeCache.txt" 2>/dev/null || true)"
compiler="$("${compiler:-c++}" --version | head -1)"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
date="$(date -u +%Y-%m-%dT%H:%MZ)"

# --- plan 1M + 1M from CSV against the cached snapshot ---------------------------------
if part plan; then
log "generating $n_plan + $n_plan (CSV, cached snapshot with 1% changed, 0.5% missing)"
plan_dir="$work/plan-$n_plan"
# Made again when bench-gen was rebuilt since: a new cache format makes the old files unreadable.
if [ ! -f "$plan_dir/done" ] || [ "$bin/bench-gen" -nt "$plan_dir/done" ]; then
  rm -rf "$plan_dir" "$plan_dir-noop"
  "$bin/bench-gen" --out "$plan_dir" --components "$n_plan" --references "$n_plan" --seed 1 \
    --changed 0.01 --missing 0.005 --formats csv,mapping,cache >&2
  "$bin/bench-gen" --out "$plan_dir-noop" --components "$n_plan" --references "$n_plan" \
    --seed 1 --changed 0 --missing 0 --formats cache >&2
  touch "$plan_dir/done"
fi
csv_mb="$(mb_of "$plan_dir/components.csv" "$plan_dir/dependencies.csv")"
plan=("$sync" --quiet plan mapping.yaml --target https://bench.example.com --offline)

log "cat baseline"
measure "$plan_dir" cat components.csv dependencies.csv
cat_wall=$wall cat_rss=$rss
log "plan (changed)"
capture=1
measure "$plan_dir" "${plan[@]}"
plan_wall=$wall plan_rss=$rss
summary_changed="$(grep -m1 'to create' "$body.out" | tr -s ' ' || true)"
log "plan (no-op)"
measure "$plan_dir" "${plan[@]}" --cache-dir "$plan_dir-noop/.ardoq-sync/cache"
noop_wall=$wall noop_rss=$rss
summary_noop="$(grep -m1 'to create' "$body.out" | tr -s ' ' || true)"

md "## Plan from CSV against the snapshot cache"
md ""
md "$n_plan components (Domain → Application → Service, 10 custom fields) + $n_plan references,"
md "read from CSV (${csv_mb} MB), planned against a cached snapshot of the same size"
md "(\`bench-gen\`, seed 1). Median of $runs runs; peak RSS is the largest of them."
md ""
md "| scenario | wall (median) | peak RSS | input MB/s (× \`cat\`) | target | plan says |"
md "|---|---:|---:|---:|---|---|"
md "| \`cat\` of the two CSV files | ${cat_wall} s | ${cat_rss} MB | $(ratio "$csv_mb" "$cat_wall") (1×) | | |"
md "| plan, 1% changed, 0.5% missing | ${plan_wall} s | ${plan_rss} MB | $(ratio "$csv_mb" "$plan_wall") ($(awk -v a="$cat_wall" -v b="$plan_wall" 'BEGIN {printf "%.3f", a / b}')×) | ≤ 4 s, ≤ 1.5 GB | ${summary_changed} |"
md "| no-op plan (Ardoq equals the source) | ${noop_wall} s | ${noop_rss} MB | $(ratio "$csv_mb" "$noop_wall") ($(awk -v a="$cat_wall" -v b="$noop_wall" 'BEGIN {printf "%.3f", a / b}')×) | ≤ 4 s, ≤ 1.5 GB | ${summary_noop} |"
md ""
md "Data: \`$(shown "$bin/bench-gen" --out DIR --components "$n_plan" --references "$n_plan" --seed 1 --changed 0.01 --missing 0.005 --formats csv,mapping,cache)\`"
md "(the no-op cache: the same with \`--changed 0 --missing 0 --formats cache\`). In DIR:"
md ""
md "- \`$(shown "${plan[@]}")\`"
md "- the same with \`--cache-dir NOOP_DIR/.ardoq-sync/cache\`"
md "- \`cat components.csv dependencies.csv\`"
md ""

fi

# --- apply against the emulator --------------------------------------------------------
if part apply; then
log "apply $n_apply + $n_apply"
md "## Apply against ardoq-emulator"
md ""
md "\`$(shown "$bin/bench-apply" --components "$n_apply")\`: creates $n_apply components and $n_apply"
md "references from CSV in an empty workspace, then runs the same apply again (nothing to do)."
md "Batch requests must be ceil(operations / batch_size); reads are the snapshot fetch."
md ""
locked "$bin/bench-apply" --components "$n_apply" >>"$body"
md ""

fi

# --- side by side with the per-entity baseline ----------------------------------------
if part compare; then
log "side by side with the per-entity baseline: $sizes"
md "## Side by side with a per-entity client"
md ""
md "\`tests/bench/baseline_client.py\` does what ardoqpy's sync client does: one GET of the"
md "aggregated workspace, a linear scan of the cached lists for every lookup (the entity, its"
md "parent, a reference's endpoints), one POST or PUT per new or changed component and"
md "reference. It and \`ardoq-sync apply\` run on the same \`bench-gen\` data against a fresh"
md "emulator with the same state; requests are counted by the emulator. Wall time is the"
md "median of $runs runs (each on a fresh emulator) up to 10,000 + 10,000 and a single run"
md "above (the baseline's 50,000 takes minutes); requests and peak RSS are those of the"
md "median run. Every timed run holds the build lock."
md ""
compare_args=(--sync "$sync" --emulator "$emulator" --gen "$bin/bench-gen" --work "$work"
  --lock "$lock" --baseline-limit "$baseline_limit" --runs "$runs" --runs-limit 10000)
md "Initial load (an empty workspace: everything is created):"
md ""
python3 "$root/tests/bench/compare.py" "${compare_args[@]}" --sizes "$sizes" --scenarios create \
  --json "$work/compare-create.json" >>"$body"
md ""
md "Incremental sync (the workspace holds the data; 1% of the components changed, 0.5% missing):"
md ""
python3 "$root/tests/bench/compare.py" "${compare_args[@]}" --sizes "$update_sizes" \
  --scenarios update --json "$work/compare-update.json" >>"$body"
md ""
md "Commands: \`$(shown python3 tests/bench/compare.py --sync "$sync" --emulator "$emulator" --gen "$bin/bench-gen" --work DIR --sizes "$sizes" --scenarios create)\`, and the same with \`--sizes $update_sizes --scenarios update\`."
md ""

fi

# --- the component benchmarks -----------------------------------------------------------
section() {
  local title="$1" text="$2"; shift 2
  log "$title"
  md "## $title"
  md ""
  md "$text"
  md ""
  md "\`$(shown "$@")\`"
  md ""
  md '```text'
  locked "$@" >>"$body"
  md '```'
  md ""
}
if part components; then
# ardoq-sync starts with glibc's huge-page tunables (docs/operations.md,
# engine/startup/allocator.cpp); the benchmark programs that time its parts in-process get
# the same allocator settings (and ardoq-sync, seeing them set, keeps them).
arenas=$(nproc 2>/dev/null || echo 2)
[ "$arenas" -lt 2 ] && arenas=2
export GLIBC_TUNABLES="${GLIBC_TUNABLES:-glibc.malloc.hugetlb=1:glibc.malloc.arena_max=$arenas:glibc.malloc.mmap_threshold=33554432}"
section "Source connectors" \
  "Throughput of each reader next to \`cat file > /dev/null\` in the same run (single thread, file in the page cache), and the peak RSS of reading a large CSV." \
  "$bin/bench-connectors" --dir "$work/connectors" --runs "$runs" "${connector_args[@]}"
section "Mapping evaluation" \
  "A component rule with key, name, parent and 10 fields on in-memory records (target ≥ 1M records/s on one core)." \
  "$bin/bench-mapping" --repeat "$runs" "${mapping_args[@]}"
section "Snapshot fetch and cache" \
  "Fetch from the emulator and load from the cache; write and load a cached snapshot of 1M + 1M (target ≤ 1.5 s, ≤ 600 MB)." \
  "$bin/bench-snapshot" "${snapshot_args[@]}"
section "Planner (in memory)" \
  "The planner alone on 1M + 1M built in memory (no source reading, no cache loading)." \
  "$bin/bench-planner" --repeat "$runs" "${planner_args[@]}"
section "ardoq-emulator" \
  "A 1,000-operation upsert batch against 100,000 stored components (aim ≤ 50 ms) and small GETs per second (aim ≥ 3,000)." \
  "$bin/bench-emulator" "${emulator_args[@]}"

fi

# --- the report ------------------------------------------------------------------------
{
  echo "# Benchmarks"
  echo ""
  echo "Written by \`make bench\` (\`tests/bench/run.sh\`) on $date, commit \`$commit\`."
  [ "$quick" = 1 ] && echo "" && echo "**Quick mode (BENCH_QUICK=1): small sizes, not the real figures.**"
  [ "$parts" != "plan,apply,compare,components" ] && echo "" && echo "Parts run: $parts (BENCH_PARTS)."
  echo ""
  echo "| machine | |"
  echo "|---|---|"
  echo "| CPU | $cpu |"
  echo "| cores | $cores |"
  echo "| RAM | $ram |"
  echo "| OS | $os (kernel $kernel) |"
  echo "| compiler | $compiler, CMake preset \`release\` |"
  echo ""
  echo "Wall times are medians of $runs runs unless a table says otherwise; peak RSS is"
  echo "\`/usr/bin/time -v\`'s maximum resident set size. Every timed run holds a lock that"
  echo "builds also take, so no compile runs alongside it; the machine may still be shared."
  echo "Generated data is under \`$(shown "$work")\`."
  echo ""
  echo "Profiles, what each optimisation gained, and what is still open for the targets these"
  echo "tables miss: [docs/performance.md](docs/performance.md) (hand-recorded)."
  echo ""
  cat "$body"
} >"$out"
log "wrote $out"
