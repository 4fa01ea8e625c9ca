#!/usr/bin/env bash
# Pacing accuracy of the meta upstream over one minute: a backlog on an 80 mps meta channel, measured at a local fake
# Graph API (a real HTTP server). Passes when the observed rate is 80 mps ±2 %. See docs/meta-upstream.md.
#
#   bench/meta-pacing.sh [seconds]          default 60
#   PARLEY_TEST_STORE=postgres bench/meta-pacing.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
seconds=${1:-60}
dotnet build tests/Parley.Server.Tests -c Release -v quiet
PARLEY_META_PACING_SECONDS=$seconds dotnet test tests/Parley.Server.Tests -c Release --no-build \
  --filter "FullyQualifiedName~MetaPacingAccuracyTests" --logger "console;verbosity=detailed"
