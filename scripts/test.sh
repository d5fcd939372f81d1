#!/usr/bin/env bash
# Runs every test: installs what the tests need, starts a throwaway PostgreSQL on loopback,
# builds the solution warning-free and runs all test projects. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

SAMPLEMIND_SETUP_TEST=1 source scripts/setup.sh
source scripts/postgres-test-server.sh

echo "build: dotnet build Cluster.sln -c Release"
dotnet build Cluster.sln -c Release -warnaserror -nologo -clp:ErrorsOnly

log="$(mktemp /tmp/samplemind-test.XXXXXX.log)"
set +e
dotnet test Cluster.sln -c Release --no-build --nologo \
  --logger "console;verbosity=normal" --results-directory TestResults 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line for the whole suite, summed over the test projects' summaries.
awk '/^(Passed|Failed)!/ {
       for (i = 1; i <= NF; i++) {
         if ($i == "Failed:")  { f += $(i+1) + 0 }
         if ($i == "Passed:")  { p += $(i+1) + 0 }
         if ($i == "Skipped:") { s += $(i+1) + 0 }
       } }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
