#!/usr/bin/env bash
# Statements, transactions and server CPU per message on PostgreSQL (issue 16), for one Parley build:
#
#   bench/pg-statements.sh [TREE] [LABEL] [LOAD_SECONDS] [E2E_MESSAGES]     e.g. bench/pg-statements.sh /tmp/before before
#
# TREE (default: this checkout) must hold a Release build of Parley.Server and Parley.Bench (bench/run.sh builds them).
# Starts a throwaway PostgreSQL (fsync on) with pg_stat_statements on 127.0.0.1:5533 and Parley on 127.0.0.1:5180,
# runs a closed loop (text sends to the demo number) and an end-to-end run (template sends, sandbox statuses, signed
# webhooks to a receiver on 5189), and prints for each: Parley's and PostgreSQL's CPU (utime+stime from /proc, the
# PostgreSQL figure including its exited backends) and pg_stat_statements' statements by calls. Needs root (runuser).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tree=${1:-$root}; label=${2:-parley}; secs=${3:-10}; msgs=${4:-10000}
port=5180; pgport=5533; rport=5189
token=bench-token-0123456789; admin=bench-admin-key-0123456789; secret=bench-app-secret-0123456789
pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
work=$(mktemp -d -t pgm-$label.XXXX); chmod 755 $work
mkdir $work/pg $work/data; chown postgres: $work/pg
runuser -u postgres -- $pg_bin/initdb -D $work/pg/data -U postgres -A trust -E UTF8 --locale=C >/dev/null
runuser -u postgres -- $pg_bin/pg_ctl -D $work/pg/data -l $work/pg/log -w -o "-p $pgport -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work/pg -c max_connections=200 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all" start >/dev/null
psql() { command psql -h 127.0.0.1 -p $pgport -U postgres -d postgres -X -q "$@"; }
parley_pid=""
cleanup() { [[ -n $parley_pid ]] && kill $parley_pid 2>/dev/null; sleep 1; runuser -u postgres -- $pg_bin/pg_ctl -D $work/pg/data -m immediate -w stop >/dev/null 2>&1; rm -rf $work; }
trap cleanup EXIT
psql -c "CREATE EXTENSION pg_stat_statements"
cd $tree
env Parley__Storage__Provider=postgres "Parley__Storage__ConnectionString=Host=127.0.0.1;Port=$pgport;Username=postgres;Database=postgres" \
  Parley__DataDirectory=$work/data Parley__Demo__PhoneNumberId=100000000000001 Parley__Demo__AccessToken=$token \
  Parley__Demo__AppSecret=$secret Parley__AdminKey=$admin Parley__Network__AllowPrivateNetworks=true \
  Parley__Sandbox__StatusDelayMs=0 Parley__Sandbox__EnforceRateLimits=false Logging__LogLevel__Default=Warning \
  dotnet src/Parley.Server/bin/Release/net10.0/Parley.Server.dll --urls http://127.0.0.1:$port > $work/parley.log 2>&1 &
parley_pid=$!
for _ in $(seq 600); do curl -fsS -o /dev/null --max-time 1 http://127.0.0.1:$port/health 2>/dev/null && break; sleep 0.1; done
pm=$(head -1 $work/pg/data/postmaster.pid)
tick=$(getconf CLK_TCK)
cpu_of() { awk '{print $14+$15}' /proc/$1/stat; }
pg_cpu() { local t; t=$(awk '{print $14+$15+$16+$17}' /proc/$pm/stat); for c in $(ps --ppid $pm -o pid= ); do t=$((t + $(cpu_of $c 2>/dev/null || echo 0))); done; echo $t; }
bench=$tree/bench/Parley.Bench/bin/Release/net10.0/Parley.Bench.dll
url=http://127.0.0.1:$port/v23.0/100000000000001/messages
# warm up
dotnet $bench load --url $url --token $token --duration 3 --warmup 2 >/dev/null || true
psql -c "SELECT pg_stat_statements_reset()" >/dev/null
p0=$(cpu_of $parley_pid); g0=$(pg_cpu)
out=$(dotnet $bench load --url $url --token $token --duration $secs --warmup 0)
p1=$(cpu_of $parley_pid); g1=$(pg_cpu)
echo "$out"
n=$(psql -At -c "SELECT count(*) FROM messages WHERE direction=0")
echo "[$label] closed loop: messages stored $n; parley cpu $(( (p1-p0)*1000/tick )) ms, pg cpu $(( (g1-g0)*1000/tick )) ms"
psql -At -F' | ' -c "SELECT calls, round(total_exec_time::numeric,0), left(regexp_replace(query,'\s+',' ','g'),110) FROM pg_stat_statements ORDER BY calls DESC LIMIT 25"
psql -At -c "SELECT 'total statements', sum(calls) FROM pg_stat_statements"
# The closed loop's backlog drains at the demo channel's pace: drop it, so the end-to-end run measures only its own messages.
psql -c "DELETE FROM dispatch_jobs" >/dev/null; sleep 3
psql -c "SELECT pg_stat_statements_reset()" >/dev/null
x0=$(psql -At -c "SELECT xact_commit FROM pg_stat_database WHERE datname='postgres'")
p0=$(cpu_of $parley_pid); g0=$(pg_cpu)
dotnet $bench e2e --parley http://127.0.0.1:$port --admin-key $admin --app-secret $secret --messages $msgs --receiver-port $rport || true
p1=$(cpu_of $parley_pid); g1=$(pg_cpu)
echo "[$label] e2e $msgs: parley cpu $(( (p1-p0)*1000/tick )) ms, pg cpu $(( (g1-g0)*1000/tick )) ms => per msg $(echo "scale=3; ((($p1-$p0)+($g1-$g0))*1000/$tick)/$msgs" | bc) ms"
psql -At -F' | ' -c "SELECT calls, round(total_exec_time::numeric,0), left(regexp_replace(query,'\s+',' ','g'),110) FROM pg_stat_statements ORDER BY calls DESC LIMIT 30"
psql -At -c "SELECT 'total statements', sum(calls) FROM pg_stat_statements"
psql -At -c "SELECT 'transactions in e2e', xact_commit - $x0 FROM pg_stat_database WHERE datname='postgres'"
grep -i -m5 "error\|exception" $work/parley.log || true
