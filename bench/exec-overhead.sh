#!/usr/bin/env bash
# The added wall time of `shipwatch exec -- true` over `true`, median of N runs, beside a plain JVM hello world on the
# same machine in the same run. Prints figures; the issue's target is at most 150 ms added.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$here/shipwatch" --version >/dev/null              # builds the jar when it is stale
cat > "$work/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
javac -d "$work" "$work/Hello.java"
export SHIPWATCH_SPOOL="$work/spool"
export TRACEPARENT=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
"$here/shipwatch" exec -- true                      # the first exec builds the class-data sharing archive

# median wall time in milliseconds of running "$@" $runs times
median_ms() {
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.1f", m / 1000}'
}

plain=$(median_ms true)
hello=$(median_ms java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$work" Hello)
wrapped=$(median_ms "$here/shipwatch" exec -- true)
echo "machine: $(nproc) cores; java Hello on: $(java -version 2>&1 | head -1)"
echo "shipwatch exec on: $(cat "$here/target/exec.java") (JDK, archive kind: aot cache, cds, or none)"
echo "runs each: $runs (medians)"
printf '%-44s %8s ms\n' "true" "$plain"
printf '%-44s %8s ms\n' "java Hello (plain JVM start, C1, SerialGC)" "$hello"
printf '%-44s %8s ms\n' "shipwatch exec -- true" "$wrapped"
printf '%-44s %8s ms  (target: <= 150)\n' "added by shipwatch exec" "$(awk -v a="$wrapped" -v b="$plain" 'BEGIN {printf "%.1f", a - b}')"
printf '%-44s %8s ms\n' "added beyond a plain JVM start" "$(awk -v a="$wrapped" -v b="$hello" 'BEGIN {printf "%.1f", a - b}')"
