#!/usr/bin/env bash
# make fuzz: long-running fuzz tests, outside the ctest suite.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -x "$root/tests/fuzz/run.sh" ]; then
  echo "fuzz: not implemented yet (tests/fuzz/run.sh is missing)" >&2
  exit 1
fi
exec "$root/tests/fuzz/run.sh"
