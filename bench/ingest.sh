#!/usr/bin/env bash
# Markers and spans ingested per second by `shipwatch server` on each store (SQLite, PostgreSQL), beside an empty HTTP
# handler driven by the same client in the same run. Starts the servers on free loopback ports with a temporary SQLite
# file and a temporary PostgreSQL schema (in SHIPWATCH_BENCH_PG, default the local `test` database), and removes both.
# SECONDS_EACH (default 10) and CLIENTS (default 16) tune the run; STORES=sqlite skips PostgreSQL.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
pg="${SHIPWATCH_BENCH_PG:-jdbc:postgresql://127.0.0.1:5432/test?user=postgres}"
schema="bench_ingest_$$"
stores="${STORES:-sqlite postgresql}"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
  [[ "$stores" == *postgresql* ]] && psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1
  rm -rf "$work"
  true
}
trap cleanup EXIT
"$here/shipwatch" --version >/dev/null              # builds the jar when it is stale

start_server() { # log-name label db-url; appends "label=base URL" to targets
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  java -jar "$here/target/shipwatch.jar" server --port "$port" --db "$3" >"$work/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 150); do
    if curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then
      targets+=("$2=http://127.0.0.1:$port")
      return
    fi
    sleep 0.2
  done
  echo "bench: the $1 server did not start: $(tail -3 "$work/$1.log")" >&2
  exit 1
}

targets=()
for store in $stores; do
  case "$store" in
    sqlite) start_server sqlite "shipwatch on SQLite" "jdbc:sqlite:$work/bench.db" ;;
    postgresql)
      psql -q -h 127.0.0.1 -U postgres -d test -c "CREATE SCHEMA $schema" >/dev/null
      start_server postgresql "shipwatch on PostgreSQL" "$pg&currentSchema=$schema" ;;
    *) echo "bench: unknown store $store (sqlite, postgresql)" >&2; exit 2 ;;
  esac
done

echo "machine: $(nproc) cores shared by client and servers, load average $(cut -d' ' -f1 /proc/loadavg), $(java -version 2>&1 | head -1)"
for kind in markers spans; do
  java -cp "$here/target/shipwatch.jar" "$here/bench/IngestThroughput.java" "$kind" "${SECONDS_EACH:-10}" \
    "${CLIENTS:-16}" "${targets[@]}"
done
# what each server really stored, read back through its API: the figures above count only its answers
for t in "${targets[@]}"; do
  url="${t#*=}"
  runs=$(curl -fs "$url/api/v1/pipelines?limit=1000" | python3 -c 'import json,sys; print(sum(p["runs"] for p in json.load(sys.stdin)["items"]))')
  markers=$(curl -fs "$url/metrics" | awk '/^shipwatch_deployments_total/ {n += $2} END {printf "%d", n}')
  echo "  ${t%%=*} stored: $markers markers, $runs pipeline runs (512 spans each)"
done
