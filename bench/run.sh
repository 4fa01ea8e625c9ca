#!/usr/bin/env bash
# Parley against bare Kestrel and the minimal durable prototype on this machine, in one command. See bench/README.md.
#
#   bench/run.sh [compare options]           e.g. bench/run.sh --duration 10 --rounds 3
#   bench/run.sh --store postgres [...]      Parley on a throwaway PostgreSQL server instead of SQLite
#   bench/run.sh --store postgres --nodes 3  also end to end over three Parley nodes on that PostgreSQL
#   bench/run.sh --quick [...]               a ~1-minute smoke run (short runs, one round, 5,000 messages end to end)
#   bench/run.sh --self-check [...]          a second bare baseline stands in for Parley: the ratio should be ~1.0
#
# Builds Release, starts bare Kestrel (5081), the durable prototype (5082) and Parley (5080) on 127.0.0.1, runs the
# end-to-end run first (E2E_MESSAGES messages, default 20,000, 5,000 on PostgreSQL; a fresh Parley has no backlog
# beside it), with --nodes N then starts N-1 more nodes (5083, 5084, ...) for the same end to end over all of them,
# then `compare` (the accept path: the demo channel's backlog paced at 1 msg/s meanwhile), and prints every target
# of issue 16 with Met yes/no. Always stops everything it started. Exit code: 0 when every target is met.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

self_check=0
store=sqlite
nodes=1
quick=0
compare_args=()
while (($#)); do
  case $1 in
    --self-check) self_check=1; shift ;;
    --store) store=${2:?--store needs sqlite or postgres}; shift 2 ;;
    --nodes) nodes=${2:?--nodes needs a number}; shift 2 ;;
    --quick) quick=1; shift ;;
    *) compare_args+=("$1"); shift ;;
  esac
done
[[ $store == sqlite || $store == postgres ]] || { echo "--store must be sqlite or postgres" >&2; exit 2; }
[[ $nodes =~ ^[1-9]$ ]] || { echo "--nodes must be 1 to 9" >&2; exit 2; }
if ((nodes > 1)) && [[ $store != postgres ]]; then
  echo "--nodes needs --store postgres (nodes share one database)" >&2
  exit 2
fi

parley_port=5080
baseline_port=5081
durable_port=5082
node_ports=(5080 5083 5084 5085 5086 5087 5088 5090 5091)
phone_number_id=100000000000001
token=bench-token-0123456789
admin_key=bench-admin-key-0123456789
app_secret=bench-app-secret-0123456789
# One channel secret key for every node sharing a database (each data folder would otherwise generate its own).
secret_key=cGFybGV5LWJlbmNoLXNlY3JldC1rZXktMDEyMzQ1Njc=
send_path="v23.0/$phone_number_id/messages"
bench_dll="$root/bench/Parley.Bench/bin/Release/net10.0/Parley.Bench.dll"
parley_dll="$root/src/Parley.Server/bin/Release/net10.0/Parley.Server.dll"

if ((quick)); then
  compare_args=(--duration 2 --warmup 1 --rounds 1 --openloop-duration 2 --openloop-warmup 0.5 --settle 3 "${compare_args[@]}")
  e2e_default=5000
  e2e_warmup=500
elif [[ $store == postgres ]]; then
  e2e_default=5000
  e2e_warmup=500
else
  e2e_default=20000
  e2e_warmup=2000
fi
e2e_messages=${E2E_MESSAGES:-$e2e_default}

work="$(mktemp -d -t parley-bench.XXXXXX)"
baseline_pid=""
durable_pid=""
node_pids=()
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
  stop "$compare_pid"
  for pid in "${node_pids[@]}"; do stop "$pid"; done
  stop "$durable_pid"
  stop "$baseline_pid"
  if [[ -n $pg_ctl ]]; then
    runuser -u postgres -- "$pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# owns_port PID PORT: whether PID is the process listening on 127.0.0.1:PORT (true when `ss` is missing).
owns_port() {
  command -v ss >/dev/null || return 0
  ss -Hltnp "sport = :$2" 2>/dev/null | grep -q "pid=$1,"
}

# wait_ready NAME PID PORT COMMAND...: polls COMMAND every 100 ms for up to 90 s while PID is alive; the answer must
# come from PID (another bench that took the port during our build would otherwise be measured instead).
wait_ready() {
  local name=$1 pid=$2 port=$3
  shift 3
  for _ in $(seq 900); do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "$name exited during startup (port $port taken by another bench?); last lines of its log:" >&2
      tail -n 40 "$work/$name.log" >&2
      exit 1
    fi
    if "$@" >/dev/null 2>&1; then
      if ! owns_port "$pid" "$port"; then
        echo "Port $port answers, but not from $name (pid $pid): another bench took it; retry when it is done." >&2
        exit 1
      fi
      return 0
    fi
    sleep 0.1
  done
  echo "$name did not answer within 90 s; last lines of its log:" >&2
  tail -n 40 "$work/$name.log" >&2
  exit 1
}

memory() { # PID -> "RSS 123 MB, peak 150 MB" from /proc
  awk '/^VmRSS:/ { rss = $2 } /^VmHWM:/ { hwm = $2 }
       END { printf "RSS %.0f MB, peak %.0f MB", rss / 1024, hwm / 1024 }' "/proc/$1/status" 2>/dev/null || echo "n/a (process gone)"
}

check_ports() {
  for port in $baseline_port $durable_port 5089 "${node_ports[@]:0:$nodes}"; do
    if port_in_use "$port"; then
      echo "Port $port on 127.0.0.1 is already in use (another bench running?); stop whatever listens there first." >&2
      exit 1
    fi
  done
}
check_ports

echo "Building Release..." >&2
dotnet build bench/Parley.Bench/Parley.Bench.csproj -c Release -nologo -v quiet
if ((!self_check)); then
  dotnet build src/Parley.Server/Parley.Server.csproj -c Release -nologo -v quiet
fi

check_ports # again: another bench may have started during the build

post_ready() { curl -fsS -o /dev/null --max-time 1 -X POST -H 'Content-Type: application/json' -d '{"to":"1"}' "$1"; }

dotnet "$bench_dll" baseline --urls "http://127.0.0.1:$baseline_port" >"$work/baseline.log" 2>&1 &
baseline_pid=$!
dotnet "$bench_dll" durable --urls "http://127.0.0.1:$durable_port" --data "$work/durable" >"$work/durable.log" 2>&1 &
durable_pid=$!

pg_env=()
pg_pid=""
pg_connection=""
if ((!self_check)) && [[ $store == postgres ]]; then
  # A throwaway PostgreSQL server on 127.0.0.1:5433: fsync on and synchronous_commit on (the defaults, as in
  # production), the default max_connections of 100 (so pool exhaustion shows), pg_stat_statements preloaded.
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [[ -n $pg_bin ]] || { echo "PostgreSQL binaries missing: apt-get install -y postgresql" >&2; exit 2; }
  pg_share="$("$pg_bin/pg_config" --sharedir 2>/dev/null || echo "/usr/share/postgresql/$(basename "$(dirname "$pg_bin")")")"
  [[ -f $pg_share/extension/pg_stat_statements.control ]] \
    || { echo "pg_stat_statements is missing from this PostgreSQL (apt-get install -y postgresql-contrib)" >&2; exit 2; }
  id -u postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
  chmod 755 "$work"
  pg_dir="$work/pg"
  mkdir "$pg_dir" && chown postgres: "$pg_dir"
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --locale=C >/dev/null
  pg_ctl="$pg_bin/pg_ctl"
  runuser -u postgres -- "$pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-p 5433 -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pg_dir -c max_connections=100 -c shared_preload_libraries=pg_stat_statements" \
    start >/dev/null
  pg_pid="$(head -n 1 "$pg_dir/data/postmaster.pid")"
  pg_connection="Host=127.0.0.1;Port=5433;Username=postgres;Database=postgres"
  pg_env=(Parley__Storage__Provider=postgres "Parley__Storage__ConnectionString=$pg_connection")
fi

# start_node N: Parley node N (1-based) on node_ports[N-1], its own data folder and log; appends to node_pids.
start_node() {
  local n=$1 port=${node_ports[$(($1 - 1))]} name=parley
  ((n == 1)) || name="node$n"
  mkdir -p "$work/data$n"
  env "${pg_env[@]}" \
    DOTNET_STARTUP_HOOKS="$bench_dll" \
    Parley__DataDirectory="$work/data$n" \
    Parley__SecretKey=$secret_key \
    Parley__Demo__PhoneNumberId=$phone_number_id \
    Parley__Demo__AccessToken=$token \
    Parley__Demo__AppSecret=$app_secret \
    Parley__AdminKey=$admin_key \
    Parley__Network__AllowPrivateNetworks=true \
    Parley__Sandbox__StatusDelayMs=0 \
    Parley__Sandbox__EnforceRateLimits=false \
    Logging__LogLevel__Default=Warning \
    dotnet "$parley_dll" --urls "http://127.0.0.1:$port" >"$work/$name.log" 2>&1 &
  node_pids+=($!)
  wait_ready "$name" "$!" "$port" curl -fsS -o /dev/null --max-time 1 "http://127.0.0.1:$port/health"
}

if ((self_check)); then
  dotnet "$bench_dll" baseline --urls "http://127.0.0.1:$parley_port" >"$work/parley.log" 2>&1 &
  node_pids+=($!)
  wait_ready parley "${node_pids[0]}" $parley_port post_ready "http://127.0.0.1:$parley_port/$send_path"
else
  start_node 1
fi
wait_ready baseline "$baseline_pid" $baseline_port post_ready "http://127.0.0.1:$baseline_port/$send_path"
wait_ready durable "$durable_pid" $durable_port post_ready "http://127.0.0.1:$durable_port/$send_path"
parley_pid=${node_pids[0]}
echo "Bare Kestrel (pid $baseline_pid), the durable prototype (pid $durable_pid) and Parley (pid $parley_pid) are answering; Parley at start: $(memory "$parley_pid")." >&2

nodes_suffix=""
((nodes == 1)) || nodes_suffix="-$nodes-nodes"
results="$root/bench/results/$(date -u +%Y%m%d-%H%M%S)-$store$nodes_suffix.md"
mkdir -p "$(dirname "$results")"
rc=0

# run_bench ARGS...: Parley.Bench in the background so that an interrupt reaches the trap at once; stop() ends it too.
run_bench() {
  dotnet "$bench_dll" "$@" &
  compare_pid=$!
  local status=0
  wait "$compare_pid" || status=$?
  compare_pid=""
  return "$status"
}

if ((!self_check)); then
  e2e_args=(--admin-key "$admin_key" --app-secret "$app_secret" --store "$store" --messages "$e2e_messages"
    --warmup-messages "$e2e_warmup" --channels "$nodes" --results-file "$results")
  [[ -n $pg_pid ]] && e2e_args+=(--pg-pid "$pg_pid" --pg "$pg_connection")
  # End to end first, on a Parley with no backlog: accept → sandbox → statuses → signed webhooks to a local receiver.
  run_bench e2e "${e2e_args[@]}" --parley "http://127.0.0.1:$parley_port" --parley-pids "$parley_pid" \
    --title "one node" --rate-file "$work/one-node-rate" || rc=1
  if ((nodes > 1)); then
    for n in $(seq 2 "$nodes"); do start_node "$n"; done
    urls="" pids=""
    for n in $(seq 1 "$nodes"); do
      urls+="${urls:+,}http://127.0.0.1:${node_ports[$((n - 1))]}"
      pids+="${pids:+,}${node_pids[$((n - 1))]}"
    done
    run_bench e2e "${e2e_args[@]}" --parley "$urls" --parley-pids "$pids" --title "$nodes nodes" \
      --one-node-rate-file "$work/one-node-rate" --receiver-port 5089 || rc=1
    # compare measures one node: the others would only add their idle polling to "other processes".
    for pid in "${node_pids[@]:1}"; do stop "$pid"; done
    node_pids=("$parley_pid")
  fi
fi

if ((!self_check)); then
  # compare measures the accept path, as the durable prototype does no dispatch: the demo channel's backlog is paced at
  # 1 msg/s so that dispatching it (end to end measured that) does not run beside the runs and charge its CPU to them.
  curl -fsS -o /dev/null -X PATCH -H "X-Admin-Key: $admin_key" -H 'Content-Type: application/json' \
    -d '{"messages_per_second":1}' "http://127.0.0.1:$parley_port/admin/channels/$phone_number_id"
fi

compare_ids=(--parley-pid "$parley_pid" --baseline-pid "$baseline_pid" --durable-pid "$durable_pid")
[[ -n $pg_pid ]] && compare_ids+=(--pg-pid "$pg_pid")
run_bench compare \
  --parley-url "http://127.0.0.1:$parley_port/$send_path" --baseline-url "http://127.0.0.1:$baseline_port/$send_path" \
  --durable-url "http://127.0.0.1:$durable_port/$send_path" --token "$token" --store "$store" "${compare_ids[@]}" \
  --results-file "$results" "${compare_args[@]}" || rc=$?

parley_memory="$(memory "$parley_pid")"
exhaustion="$(cat "$work"/parley.log "$work"/node*.log ${pg_dir:+"$pg_dir/log"} 2>/dev/null \
  | grep -ciE 'too many clients|remaining connection slots|53300|pool.*exhausted|timeout.*connection from the pool' || true)"
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [[ -n "$(git status --porcelain -- src bench 2>/dev/null)" ]]; then
  commit="$commit with uncommitted changes"
fi
{
  echo
  echo "### Memory, connections and build"
  echo
  echo "- Parley after the run: $parley_memory (target: steady state under 300 MB); bare Kestrel: $(memory "$baseline_pid"); durable prototype: $(memory "$durable_pid")."
  [[ $store == postgres ]] && echo "- Connection-exhaustion errors in Parley's and PostgreSQL's logs: $exhaustion (max_connections 100)."
  echo "- Commit: $commit; \`bench/run.sh --store $store$( ((nodes > 1)) && echo " --nodes $nodes")$( ((quick)) && echo " --quick")${compare_args[*]:+ ${compare_args[*]}}\`.$( ((self_check)) && echo ' Self-check: a second bare baseline stood in for Parley.')"
  echo
  echo "### Every target in this run"
  echo
  echo "| Target (issue 16) | Measured | Goal | Met |"
  echo "|---|---|---|---|"
  grep -E '^\| .* \| (yes|no|not judged)( \(disturbed\))? \|$' "$results" | grep -v '^| Target' || true
} >>"$results"
sed -n '/^### Memory, connections and build/,$p' "$results"
echo
echo "Full results: $results"
if [[ $store == postgres ]] && ((exhaustion > 0)); then
  echo "Connection exhaustion seen $exhaustion time(s): see the logs (kept in $work until exit)." >&2
  rc=1
fi
exit "$rc"
