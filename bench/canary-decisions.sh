#!/usr/bin/env bash
# Decision quality of the canary judge on seeded synthetic streams; prints a table and the figures against the
# targets (at most 1 % false rollbacks; at least 95 % of +20 % latency or +1 point error regressions caught).
# Usage: bench/canary-decisions.sh [runs-per-scenario (default 200)] [seed]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f target/shipwatch.jar || -n "$(find src pom.xml -newer target/shipwatch.jar -print -quit)" ]]; then
  echo "building target/shipwatch.jar ..." >&2
  mvn -B -q -DskipTests package >/dev/null
fi
exec java -cp target/shipwatch.jar bench/CanaryDecisionBench.java "$@"
