#!/usr/bin/env bash
# The chaos run (docs/benchmarks.md, "Chaos run"): builds the orchestrator and the sample host in Release, then runs
# three sample-host workers on Redis Streams + PostgreSQL (throwaway servers on free loopback ports) under load while
# workers are killed with SIGKILL, Redis and PostgreSQL restart and the platform simulator answers in fault storms;
# prints the verdict and exits non-zero when any check fails.
# Usage: ./scripts/chaos.sh [--short|--long] [--seed N] [--workers N] [--properties N] [--duration SECONDS] [--kills N] [--logs DIR]
#   --short (default) a few minutes, what CI runs (ChaosRunTests); --long about 35 minutes, for release checks.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

./scripts/install-test-deps.sh
dotnet build benchmarks/ChannelManager.Chaos -c Release -nologo -v quiet
exec dotnet benchmarks/ChannelManager.Chaos/bin/Release/net10.0/ChannelManager.Chaos.dll "$@"
