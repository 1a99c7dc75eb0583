#!/usr/bin/env bash
# Spans per second sustained by the OTLP receiver into the embedded SQLite store (batches of 512 spans), beside the
# same run's figure for an empty HTTP handler. Starts `shipwatch server` on a free loopback port with a temporary
# database and stops it at the end. SECONDS_EACH (default 10) and CLIENTS (default 4) tune the run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
"$here/shipwatch" --version >/dev/null              # builds the jar when it is stale
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
java -XX:+UseSerialGC -jar "$here/target/shipwatch.jar" server --port "$port" --db "jdbc:sqlite:$work/bench.db" \
  >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; rm -rf "$work"; true' EXIT
for _ in $(seq 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.2
done
echo "machine: $(nproc) cores (shared by the client and the server), $(java -version 2>&1 | head -1)"
java -cp "$here/target/shipwatch.jar" "$here/bench/OtlpThroughput.java" "http://127.0.0.1:$port" \
  "${SECONDS_EACH:-10}" "${CLIENTS:-4}"
echo "stored: $(curl -fs "http://127.0.0.1:$port/api/v1/pipelines" | python3 -c 'import json,sys; print(sum(p["runs"] for p in json.load(sys.stdin)["items"]))') runs"
