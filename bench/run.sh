#!/usr/bin/env bash
# Parley against the bare-Kestrel baseline on this machine, in one command. See bench/README.md.
#
#   bench/run.sh [compare options]      e.g. bench/run.sh --duration 5 --rounds 3
#   bench/run.sh --self-check [...]     a second baseline stands in for Parley: the ratio should be ~1.0
#   bench/run.sh --store postgres [...] Parley on a throwaway PostgreSQL server instead of SQLite
#
# Builds Release, starts both servers on 127.0.0.1, waits until they answer, runs `compare`, then the end-to-end
# run (`e2e`, E2E_MESSAGES messages, default 20,000), prints Parley's memory, and always stops both servers.
# Exit code: 0 when every target is met.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

self_check=0
if [[ ${1:-} == --self-check ]]; then
  self_check=1
  shift
fi
store=sqlite
if [[ ${1:-} == --store ]]; then
  store=${2:?--store needs sqlite or postgres}
  shift 2
fi

parley_port=5080
baseline_port=5081
phone_number_id=100000000000001
token=bench-token-0123456789
admin_key=bench-admin-key-0123456789
app_secret=bench-app-secret-0123456789
parley_url="http://127.0.0.1:$parley_port/v23.0/$phone_number_id/messages"
baseline_url="http://127.0.0.1:$baseline_port/v23.0/$phone_number_id/messages"
bench_dll=bench/Parley.Bench/bin/Release/net10.0/Parley.Bench.dll
parley_dll=src/Parley.Server/bin/Release/net10.0/Parley.Server.dll

work="$(mktemp -d -t parley-bench.XXXXXX)"
baseline_pid=""
parley_pid=""
compare_pid=""

# Stops one process we started: SIGTERM, up to 5 s for a graceful exit, then SIGKILL.
stop() {
  local pid=$1
  [[ -n $pid ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

pg_dir=""
pg_ctl=""
cleanup() {
  if [[ -n $pg_ctl ]]; then
    runuser -u postgres -- "$pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  stop "$compare_pid"
  stop "$parley_pid"
  stop "$baseline_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_ready NAME PID COMMAND...: polls COMMAND every 100 ms for up to 60 s while PID is alive.
wait_ready() {
  local name=$1 pid=$2
  shift 2
  for _ in $(seq 600); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited during startup; last lines of its log:" >&2
      tail -n 40 "$work/$name.log" >&2
      exit 1
    fi
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.1
  done
  echo "$name did not answer within 60 s; last lines of its log:" >&2
  tail -n 40 "$work/$name.log" >&2
  exit 1
}

memory() { # PID -> "RSS 123 MB, peak 150 MB" from /proc
  awk '/^VmRSS:/ { rss = $2 } /^VmHWM:/ { hwm = $2 }
       END { printf "RSS %.0f MB, peak %.0f MB", rss / 1024, hwm / 1024 }' "/proc/$1/status" 2>/dev/null || echo "n/a (process gone)"
}

for port in $parley_port $baseline_port; do
  if port_in_use "$port"; then
    echo "Port $port on 127.0.0.1 is already in use; stop whatever listens there first." >&2
    exit 1
  fi
done

echo "Building Release..." >&2
dotnet build bench/Parley.Bench/Parley.Bench.csproj -c Release -nologo -v quiet
if ((!self_check)); then
  dotnet build src/Parley.Server/Parley.Server.csproj -c Release -nologo -v quiet
fi

dotnet "$bench_dll" baseline --urls "http://127.0.0.1:$baseline_port" >"$work/baseline.log" 2>&1 &
baseline_pid=$!

if ((self_check)); then
  dotnet "$bench_dll" baseline --urls "http://127.0.0.1:$parley_port" >"$work/parley.log" 2>&1 &
  parley_pid=$!
  parley_ready=(curl -fsS -o /dev/null --max-time 1 -X POST -H 'Content-Type: application/json' -d '{}' "$parley_url")
else
  mkdir "$work/data"
  storage_env=()
  if [[ $store == postgres ]]; then
    # A throwaway PostgreSQL server (fsync on, as in production) on 127.0.0.1:5433.
    pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    [[ -n $pg_bin ]] || { echo "PostgreSQL binaries missing: apt-get install -y postgresql" >&2; exit 2; }
    id -u postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
    chmod 755 "$work"
    pg_dir="$work/pg"
    mkdir "$pg_dir" && chown postgres: "$pg_dir"
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
    pg_ctl="$pg_bin/pg_ctl"
    runuser -u postgres -- "$pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
      -o "-p 5433 -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_dir -c max_connections=200" start >/dev/null
    storage_env=(Parley__Storage__Provider=postgres "Parley__Storage__ConnectionString=Host=127.0.0.1;Port=5433;Username=postgres;Database=postgres")
  fi
  env "${storage_env[@]}" \
  Parley__DataDirectory="$work/data" \
  Parley__Demo__PhoneNumberId=$phone_number_id \
  Parley__Demo__AccessToken=$token \
  Parley__Demo__AppSecret=$app_secret \
  Parley__AdminKey=$admin_key \
  Parley__Network__AllowPrivateNetworks=true \
  Parley__Sandbox__StatusDelayMs=0 \
  Parley__Sandbox__EnforceRateLimits=false \
  Logging__LogLevel__Default=Warning \
    dotnet "$parley_dll" --urls "http://127.0.0.1:$parley_port" >"$work/parley.log" 2>&1 &
  parley_pid=$!
  parley_ready=(curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$parley_port/health")
fi

wait_ready baseline "$baseline_pid" \
  curl -fsS -o /dev/null --max-time 1 -X POST -H 'Content-Type: application/json' -d '{}' "$baseline_url"
wait_ready parley "$parley_pid" "${parley_ready[@]}"
echo "Baseline (pid $baseline_pid) and Parley (pid $parley_pid) are answering; Parley at start: $(memory "$parley_pid")." >&2

results="bench/results/$(date -u +%Y%m%d-%H%M%S).md"
# In the background so that an interrupt reaches the trap at once; stop() ends it too.
dotnet "$bench_dll" compare \
  --parley-url "$parley_url" --baseline-url "$baseline_url" --token "$token" \
  --server-pids "$baseline_pid,$parley_pid" --results-file "$results" "$@" &
compare_pid=$!
rc=0
wait "$compare_pid" || rc=$?
compare_pid=""

if ((!self_check)); then
  # End to end on the same Parley: accept → sandbox → statuses → signed webhooks to a local receiver.
  e2e="$(dotnet "$bench_dll" e2e --parley "http://127.0.0.1:$parley_port" --admin-key "$admin_key" \
    --app-secret "$app_secret" --messages "${E2E_MESSAGES:-20000}")" || rc=1
  echo "$e2e"
  [[ -f $results ]] && printf '\n%s\n' "$e2e" >>"$results"
fi

parley_memory="$(memory "$parley_pid")"
baseline_memory="$(memory "$baseline_pid")"
echo
echo "Parley memory after the run: $parley_memory (target: steady state under 300 MB). Baseline: $baseline_memory."
if [[ -f $results ]]; then
  commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git status --porcelain -- src bench 2>/dev/null)" ]]; then
    commit="$commit with uncommitted changes"
  fi
  {
    echo
    echo "### Memory and build"
    echo
    echo "- Parley after the run: $parley_memory (target: steady state under 300 MB); baseline: $baseline_memory."
    echo "- Commit: $commit.$( ((self_check)) && echo ' Self-check: a second baseline stood in for Parley.')"
  } >>"$results"
fi
exit "$rc"
