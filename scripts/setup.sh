#!/usr/bin/env bash
# Installs what SampleMind needs on a fresh Debian/Ubuntu machine; idempotent and quick when
# everything is already there. Sourced by run.sh and test.sh; may also be run alone.
#   SAMPLEMIND_SETUP_TEST=1  also install what only the tests need (PostgreSQL, Chromium, python3-onnx)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root (or sudo) to run: $*" >&2; return 1; fi
}

runtime_packages=(libsndfile1 libfftw3-single3 libaubio5 libebur128-1 libchromaprint1 libsoxr0
  librubberband2 ffmpeg ca-certificates curl)
test_packages=(postgresql chromium python3-onnx python3-numpy)

missing=()
wanted=("${runtime_packages[@]}")
if [ "${SAMPLEMIND_SETUP_TEST:-0}" = 1 ]; then wanted+=("${test_packages[@]}"); fi
if ! command -v npm >/dev/null; then wanted+=(npm); fi
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v dotnet >/dev/null; then
  echo "setup: the .NET 10 SDK is missing; trying the distribution's package (dotnet-sdk-10.0)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q dotnet-sdk-10.0 >/dev/null || {
    echo "setup: could not install dotnet-sdk-10.0. Install the .NET 10 SDK (https://dot.net) and run again." >&2
    exit 1
  }
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if [ -x "$repo_root/scripts/fetch-onnxruntime.sh" ] || [ -f "$repo_root/scripts/fetch-onnxruntime.sh" ]; then
  bash "$repo_root/scripts/fetch-onnxruntime.sh" >/dev/null
fi
