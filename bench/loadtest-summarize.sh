#!/bin/sh
# Benchmark of 'shipwatch loadtest summarize' on a 3-million-row JMeter CSV (about 340 MB, bench/make_jtl.py from a
# real JMeter 5.6.3 file), against JMeter's own report generator (jmeter -g FILE -o DIR, JMeter from Maven Central)
# and a plain Python csv-module script computing mean and p95 (bench/p95.py). Prints wall time and peak memory (RSS)
# of each, measured the same way in the same run, and the ratios the issue targets: at least 20x faster than JMeter's
# generator and 3x faster than Python, under 256 MB. Usage: bench/loadtest-summarize.sh [ROWS]
set -e
cd "$(dirname "$0")/.."
rows=${1:-3000000}
out=bench/out
mkdir -p $out
jtl=$out/jmeter-$rows.jtl
[ -f "$jtl" ] || python3 bench/make_jtl.py "$rows" "$jtl"
[ -f target/shipwatch.jar ] && [ -z "$(find src/main pom.xml -newer target/shipwatch.jar -print -quit)" ] \
    || mvn -B -q -Dmaven.test.skip=true package
home=$(bench/jmeter/install.sh)

measure() { # name, command...: runs it once, keeps "seconds kilobytes"
    name=$1
    shift
    /usr/bin/time -f "%e %M" -o $out/$name.time "$@" > $out/$name.out 2> $out/$name.err \
        || { echo "$name failed:"; tail -5 $out/$name.err; exit 1; }
}

# shipwatch runs with the JVM's defaults, as the launcher does; JMeter gets the 1 GB it is documented to need
measure shipwatch java -jar target/shipwatch.jar loadtest summarize --output json "$jtl"
measure python python3 bench/p95.py "$jtl"
rm -rf $out/jmeter-report
measure jmeter java -Xmx1g -jar "$home/bin/ApacheJMeter.jar" -g "$jtl" -o $out/jmeter-report -j $out/jmeter.log

echo "file: $jtl, $rows rows, $(du -m "$jtl" | cut -f1) MB"
for name in shipwatch python jmeter; do
    set -- $(cat $out/$name.time)
    printf '%-10s %8.2f s %8d MB peak RSS\n' $name "$1" $(($2 / 1024))
done
sw=$(cut -d' ' -f1 $out/shipwatch.time)
py=$(cut -d' ' -f1 $out/python.time)
jm=$(cut -d' ' -f1 $out/jmeter.time)
python3 - "$sw" "$py" "$jm" <<'PY'
import sys
sw, py, jm = map(float, sys.argv[1:])
print("shipwatch vs JMeter's generator: %.1fx faster (target 20x)" % (jm / sw))
print("shipwatch vs Python csv script:  %.1fx faster (target 3x)" % (py / sw))
PY
python3 - $out/shipwatch.out $out/python.out <<'PY'
import json, sys
ours = json.load(open(sys.argv[1]))
theirs = {l.split("\t")[0]: l.split("\t") for l in open(sys.argv[2]).read().splitlines()}
t = theirs["total"]
same = int(t[1]) == ours["total"]["count"] and abs(float(t[2]) - ours["total"]["meanMs"]) < 0.001 \
    and int(t[3]) == ours["total"]["p95Ms"]
print("totals agree with the Python script (count, mean, p95): %s" % ("yes" if same else "NO"))
PY
