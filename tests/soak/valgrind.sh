#!/usr/bin/env bash
# valgrind memcheck over the samples: `ardoq-sync plan` and `apply` of every samples/<name>/
# against a copy of its snapshot (file: target), and one apply of samples/portfolio over
# HTTP against the emulator. Exits 1 when memcheck reports an error or a definite leak.
#
#   tests/soak/valgrind.sh [BUILD_DIR]     # default: build/${PRESET:-dev}
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build/${PRESET:-dev}}"
[ -d "$build" ] && build="$(cd "$build" && pwd)"
sync="$build/engine/ardoq-sync"
emulator="$build/tests/emulator/ardoq-emulator"
for f in "$sync" "$emulator"; do
  [ -x "$f" ] || { echo "valgrind: $f is missing" >&2; echo "  hint: build first (make build)" >&2; exit 2; }
done
command -v valgrind >/dev/null || { echo "valgrind: not installed" >&2; echo "  hint: apt-get install valgrind" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"; [ -n "${emu_pid:-}" ] && kill "$emu_pid" 2>/dev/null || true' EXIT
failed=0
runs=0

# ardoq-sync re-executes itself once to turn on huge pages (docs/operations.md); under
# valgrind that second image would run outside memcheck, so the run stays in one process.
export ARDOQ_SYNC_NO_REEXEC=1

memcheck() { # memcheck NAME DIR ARGS... (exit codes 0-4 are the program's own)
  local name="$1" dir="$2"; shift 2
  local log="$work/${name// /-}.log"
  runs=$((runs + 1))
  set +e
  (cd "$dir" && valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
     --errors-for-leak-kinds=definite --show-leak-kinds=definite --track-origins=yes \
     --log-file="$log" "$sync" --quiet "$@" >/dev/null 2>"${log%.log}.err")
  local code=$?
  set -e
  local summary
  summary="$(grep -E 'ERROR SUMMARY' "$log" | tail -n 1 | sed 's/^==[0-9]*== //; s/ (suppressed.*//' || true)"
  local lost
  lost="$(grep -E 'definitely lost:|no leaks are possible' "$log" | tail -n 1 |
          sed 's/^==[0-9]*== *//; s/All heap blocks were freed -- //' || true)"
  printf '%-34s exit %-3s %s%s\n' "$name" "$code" "$summary" "${lost:+; $lost}"
  if [ "$code" -eq 99 ] || ! grep -q 'ERROR SUMMARY: 0 errors' "$log"; then
    failed=1
    sed 's/^==[0-9]*== //' "$log" | head -n 60 >&2
  fi
}

for sample in "$root"/samples/*/; do
  name="$(basename "$sample")"
  cp -r "$sample" "$work/$name"
  memcheck "$name plan" "$work/$name" plan mapping.yaml --target file:snapshot.json --format json
  memcheck "$name apply" "$work/$name" apply mapping.yaml --target file:snapshot.json
done

# Over HTTP: the client, the retry policy and the cache, against the emulator.
port_file="$work/emulator.out"
"$emulator" --token valgrind-token --seed "$root/tests/e2e/fixtures/portfolio-empty.json" \
  --fail-rate 0.1 --fault-seed 3 >"$port_file" 2>/dev/null &
emu_pid=$!
for _ in $(seq 100); do grep -q . "$port_file" && break; sleep 0.05; done
port="$(sed -nE 's/^listening on 127\.0\.0\.1:([0-9]+).*/\1/p' "$port_file" | head -n 1)"
[ -n "$port" ] || { echo "valgrind: the emulator did not start" >&2; exit 2; }
url="http://127.0.0.1:$port"
cp -r "$root/samples/portfolio" "$work/http"
ARDOQ_API_TOKEN=valgrind-token ARDOQ_API_HOST= memcheck "portfolio apply over HTTP" "$work/http" \
  apply mapping.yaml --target "$url"
ARDOQ_API_TOKEN=valgrind-token ARDOQ_API_HOST= memcheck "portfolio plan over HTTP" "$work/http" \
  plan mapping.yaml --target "$url"

if [ "$failed" -ne 0 ]; then
  echo "valgrind: memcheck found errors (see above)" >&2
  exit 1
fi
echo "valgrind: clean ($runs runs, 0 errors, 0 bytes definitely lost)"
