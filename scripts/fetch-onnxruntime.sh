#!/usr/bin/env bash
# Fetches the CPU build of ONNX Runtime's C library (libonnxruntime.so.1) from the npm package
# onnxruntime-node (NuGet has no ONNX Runtime here, see PACKAGES.md) into <repo>/.tools/onnxruntime/.
# Idempotent: does nothing when the library is already cached and loads. Prints the library's path.
#   ONNXRUNTIME_VERSION  the onnxruntime-node version (default 1.30.0)
#   ONNXRUNTIME_CACHE    the cache folder (default <repo>/.tools/onnxruntime)
set -euo pipefail

version="${ONNXRUNTIME_VERSION:-1.30.0}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${ONNXRUNTIME_CACHE:-$repo_root/.tools/onnxruntime}"
lib="$cache/libonnxruntime.so.1"
member="package/bin/napi-v6/linux/x64/libonnxruntime.so.1"

# Loads the library and asks OrtGetApiBase for its version; prints it, fails when it does not load.
check_library() {
  python3 - "$1" <<'PY'
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
lib.OrtGetApiBase.restype = ctypes.POINTER(ctypes.c_void_p * 2)
base = lib.OrtGetApiBase().contents
get_version = ctypes.CFUNCTYPE(ctypes.c_char_p)(base[1])
print(get_version().decode())
PY
}

if [ -f "$lib" ] && [ -f "$cache/VERSION" ] && [ "$(cat "$cache/VERSION")" = "$version" ] \
   && check_library "$lib" >/dev/null 2>&1; then
  echo "$lib"
  exit 0
fi

command -v npm >/dev/null || { echo "fetch-onnxruntime: npm is missing (apt-get install npm)" >&2; exit 1; }
mkdir -p "$cache"
work="$(mktemp -d "$cache/fetch.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "fetch-onnxruntime: npm pack onnxruntime-node@$version (about 113 MB)" >&2
tarball="$(cd "$work" && npm pack --silent "onnxruntime-node@$version" | tail -n 1)"
tar -xzf "$work/$tarball" -C "$work" "$member"
install -m 0644 "$work/$member" "$lib.tmp"
mv -f "$lib.tmp" "$lib"
echo "$version" > "$cache/VERSION"

loaded="$(check_library "$lib")" || { echo "fetch-onnxruntime: $lib does not load" >&2; exit 1; }
echo "fetch-onnxruntime: ONNX Runtime $loaded at $lib" >&2
echo "$lib"
