#!/usr/bin/env bash
# make bench: runs every benchmark against a release build and writes BENCHMARKS.md.
set -euo pipefail
build="${1:?usage: bench.sh BUILD_DIR}"
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -x "$root/tests/bench/run.sh" ]; then
  echo "bench: no benchmarks are built yet (tests/bench/run.sh is missing)" >&2
  exit 1
fi
exec "$root/tests/bench/run.sh" "$build"
