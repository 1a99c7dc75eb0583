#!/usr/bin/env bash
# The DORA report over one year of history for 200 services (about 500 000 deployments and 2 million commits) in
# the embedded SQLite: the report for one service and for all services, timed beside a full count(*) of the
# deployments table in the same run. Targets: one service under 50 ms, all services under 2 s.
# The history file is built once (bench/out/dora-bench.db, seeded); delete it to rebuild.
# Usage: bench/dora-report.sh [DB FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f target/shipwatch.jar || -n "$(find src pom.xml -newer target/shipwatch.jar -print -quit)" ]]; then
  echo "building target/shipwatch.jar ..." >&2
  mvn -B -q -DskipTests package >/dev/null
fi
exec java -Xmx2g -cp target/shipwatch.jar bench/DoraReportBench.java "$@"
