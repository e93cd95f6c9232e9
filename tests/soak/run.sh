#!/usr/bin/env bash
# make soak: the full-size reliability runs, outside ctest.
#   1. faults: 10,000 applications (+ domains) and 10,000 references applied through each
#      fault switch in turn and all together, then a clean run, compared entity by entity;
#   2. crashes: apply killed with SIGKILL at 20 seeded points, each followed by a re-run;
#   3. valgrind memcheck over the samples (tests/soak/valgrind.sh).
# The same test cases as in ctest (tests/reliability/), at full size.
#
#   tests/soak/run.sh                        # builds and runs PRESET=dev
#   RELIABILITY_SEED=7 tests/soak/run.sh     # other kill points
#   SOAK_BUILD_DIR=build/shared SOAK_SKIP_BUILD=1 tests/soak/run.sh   # binaries built elsewhere
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
preset="${PRESET:-dev}"
build="${SOAK_BUILD_DIR:-$root/build/$preset}"
jobs="${JOBS:-$(nproc)}"

if [ "${SOAK_SKIP_BUILD:-0}" != 1 ]; then
  cmake --preset "$preset" -S "$root" >/dev/null
  cmake --build --preset "$preset" -j "$jobs" --target ardoq-sync-tests ardoq-sync ardoq-emulator
fi
tests="$build/tests/ardoq-sync-tests"

export RELIABILITY_APPLICATIONS="${RELIABILITY_APPLICATIONS:-10000}"
export RELIABILITY_KILL_POINTS="${RELIABILITY_KILL_POINTS:-20}"
export RELIABILITY_SEED="${RELIABILITY_SEED:-20240601}"
echo "soak: $(date -u +%FT%TZ), $RELIABILITY_APPLICATIONS applications, $RELIABILITY_KILL_POINTS kill points (seed $RELIABILITY_SEED)"

status=0
start=$(date +%s)
"$tests" -tc="reliability: *then a clean run*" -d || status=1
"$tests" -tc="reliability: apply killed*" -d || status=1
"$root/tests/soak/valgrind.sh" "$build" || status=1
echo "soak: $([ $status -eq 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - start )) s"
exit $status
