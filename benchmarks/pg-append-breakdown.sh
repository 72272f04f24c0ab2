#!/usr/bin/env bash
# Where does a PostgreSQL append's time go? Runs pgbench on four transactions against one server, interleaved,
# and reports transactions/s and the server's CPU per transaction (postmaster's reaped children + live children):
#   raw       benchmarks/pgbench/append.sql on the yardstick tables
#   shaped    the same SQL on the store's tables (wider rows, event_id index)
#   function  the store's ledger.append_event, one event per call, no .NET involved
# Usage: benchmarks/pg-append-breakdown.sh <data folder of a running local cluster> <port> [clients] [transactions per client]
# The server must run on this machine (its CPU is read from /proc). Creates and drops databases bench_breakdown_*.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="$1"; port="$2"; clients="${3:-32}"; per_client="${4:-60}"
pm=$(head -1 "$data/postmaster.pid"); tick=$(getconf CLK_TCK)
export PGOPTIONS="-c client_min_messages=warning"
sql() { psql -h 127.0.0.1 -p "$port" -U postgres -qAt "$@"; }
server_cpu() {
  local t; t=$(awk '{print $14+$15+$16+$17}' "/proc/$pm/stat")
  for c in $(pgrep -P "$pm"); do t=$((t + $(awk '{print $14+$15}' "/proc/$c/stat" 2>/dev/null || echo 0))); done
  echo "$t"
}
store_sql="$here/../src/Ledger/EventStore/Postgres/Sql"
for v in raw shaped function; do
  sql -c "DROP DATABASE IF EXISTS bench_breakdown_$v" -c "CREATE DATABASE bench_breakdown_$v"
  if [ "$v" = raw ]; then sql -d "bench_breakdown_$v" -f "$here/pgbench/schema.sql" 2>/dev/null
  else sql -d "bench_breakdown_$v" -f "$store_sql/001_event_store.sql" -f "$store_sql/002_append_function.sql"; fi
done
declare -A script=([raw]="$here/pgbench/append.sql" [shaped]="$here/pgbench/breakdown/store-shaped-raw.sql"
                   [function]="$here/pgbench/breakdown/store-function.sql")
for round in 1 2; do
  for v in raw shaped function; do
    before=$(server_cpu)
    tps=$(pgbench -n -f "${script[$v]}" -c "$clients" -j 2 -t "$per_client" -D nclients="$clients" -D households=1000 \
          -h 127.0.0.1 -p "$port" -U postgres "bench_breakdown_$v" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
    sleep 0.5; after=$(server_cpu)
    printf "round %s  %-9s c=%-3s %8.0f tps  server CPU %5.2f ms/transaction\n" "$round" "$v" "$clients" "$tps" \
      "$(echo "($after - $before) * 1000 / $tick / ($clients * $per_client)" | bc -l)"
  done
done
for v in raw shaped function; do sql -c "DROP DATABASE bench_breakdown_$v"; done
