#!/usr/bin/env bash
# Runs Parley's whole test suite, doing its own set-up: PostgreSQL binaries (apt, when missing), package restore,
# build, then every test project — the HTTP-level suite once per store (SQLite and PostgreSQL, side by side).
# Prints a closing line "Tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL (the tests start throwaway servers)..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

configuration="${CONFIGURATION:-Release}"
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

dotnet restore Parley.slnx --nologo
dotnet build Parley.slnx -c "$configuration" --no-restore --nologo

status=0
run() { # run <project> <results-name> [VAR=value...]
  local project=$1 name=$2
  shift 2
  env "$@" dotnet test "$project" -c "$configuration" --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" || status=1
}
run tests/Parley.Core.Tests/Parley.Core.Tests.csproj core
run tests/Parley.Storage.Tests/Parley.Storage.Tests.csproj storage
# The HTTP-level suite runs once per store, both at once: much of each run waits (fsync, PostgreSQL, webhook
# receivers), so one run alone leaves about a third of two cores idle. Each run keeps its own TRX file.
( run tests/Parley.Server.Tests/Parley.Server.Tests.csproj server-sqlite PARLEY_TEST_STORE=sqlite; exit $status ) &
sqlite=$!
( run tests/Parley.Server.Tests/Parley.Server.Tests.csproj server-postgres PARLEY_TEST_STORE=postgres; exit $status ) &
postgres=$!
wait $sqlite || status=1
wait $postgres || status=1

# Sum the TRX counters of every run into one closing line.
passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  t="$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")"
  e="$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ]; then
  echo "No test ran." >&2
  exit 1
fi
exit $status
