#!/usr/bin/env bash
# make soak: long-running soak tests, outside the ctest suite.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -x "$root/tests/soak/run.sh" ]; then
  echo "soak: not implemented yet (tests/soak/run.sh is missing)" >&2
  exit 1
fi
exec "$root/tests/soak/run.sh"
