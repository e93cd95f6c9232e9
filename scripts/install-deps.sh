#!/usr/bin/env bash
# Installs the Debian 12 packages ardoq-sync needs, and only those that are missing.
# Idempotent: prints what it installs, or that nothing is missing.
set -euo pipefail

packages=(
  g++ cmake ninja-build make pkg-config
  libboost1.81-dev libboost-json1.81-dev
  libyaml-cpp-dev libspdlog-dev doctest-dev libcli11-dev
  libssl-dev openssl libsqlite3-dev sqlite3
  ccache time
)
# Optional extras: the real dump tools used to regenerate test dumps, valgrind for memcheck.
if [ "${ARDOQ_SYNC_EXTRA_DEPS:-}" = 1 ]; then
  packages+=(postgresql-client mariadb-client valgrind clang libclang-rt-14-dev)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#packages[@]} Debian packages are installed"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "deps: done"
