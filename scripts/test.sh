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
# A test that runs 5 minutes (over five times the slowest test's time on CI's 2 cores) is taken to hang: its
# test host is stopped and the test named below, instead of the run waiting into CI's time limit.
dotnet test Cluster.sln -c Release --no-build --nologo \
  --blame-hang-timeout 5m --blame-hang-dump-type none \
  --logger "console;verbosity=normal" --results-directory TestResults 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The failed tests again, with their messages, where the end of a long log shows them
# (CI keeps only the tail): each "  Failed NAME [time]" line and the first 16 lines after it
# (the message and the top of the stack).
awk '/^  Failed .*\[[^]]*\]$/ { shown = 0; print; grab = 1; next }
     grab && /^  (Passed|Failed|Skipped) / { grab = 0 }
     grab && shown < 16 { print; shown++ }' "$log" | sed 's/^/failed> /'
# A test host that crashed or hung: vstest names the test(s) it was running.
awk '/Test Run Aborted|The active test run was aborted|inactivity time of/ { print }
     /The test running when the crash occurred/ { rest = 4 }
     rest > 0 { print; rest-- }' "$log" | sed 's/^/aborted> /'

# One closing line for the whole suite, summed over the test projects' summaries
# ("     Passed: N" / "     Failed: N" / "    Skipped: N" after each "Test Run ..." line).
awk '/^ *Passed: *[0-9]+ *$/  { p += $2 }
     /^ *Failed: *[0-9]+ *$/  { f += $2 }
     /^ *Skipped: *[0-9]+ *$/ { s += $2 }
     END { printf "Tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
