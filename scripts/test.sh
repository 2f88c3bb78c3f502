#!/usr/bin/env bash
# The one test command: builds the solution and runs every test project, then prints
# "N passed, N failed" (summed over all test projects) as its last line. Exits non-zero on any failure.
# Usage: ./scripts/test.sh [extra arguments for `dotnet test`]
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# Redis and PostgreSQL for the integration tests (the tests start their own servers on free loopback ports).
if ! ./scripts/install-test-deps.sh; then
  echo "Could not install the test dependencies (redis-server, postgresql)."
  echo "0 passed, 1 failed"
  exit 1
fi

log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT

if ! dotnet build ChannelManager.sln -c Release -nologo -v minimal >"$log_dir/build.log" 2>&1; then
  grep -E "error|warning" "$log_dir/build.log" | sort -u | head -40
  echo "The build failed; no test ran."
  echo "0 passed, 1 failed"
  exit 1
fi

dotnet test --solution ChannelManager.sln -c Release --no-build "$@" 2>&1 | tee "$log_dir/test.log"
rc=${PIPESTATUS[0]}

# Microsoft.Testing.Platform prints, per test project: "total: N", "failed: N", "succeeded: N", "skipped: N".
passed=$(grep -E '^\s*succeeded:\s*[0-9]+' "$log_dir/test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -E '^\s*failed:\s*[0-9]+' "$log_dir/test.log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -E '^\s*skipped:\s*[0-9]+' "$log_dir/test.log" | awk '{s+=$2} END {print s+0}')

if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without counting a failed test (a crashed test host, a missing project): count it.
  failed=1
fi
if [ "$rc" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "No test ran."
  rc=1
  failed=1
fi

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$rc"
