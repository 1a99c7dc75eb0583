#!/bin/sh
# Benchmark of 'shipwatch loadtest summarize' on a 3-million-row JMeter CSV (about 340 MB, bench/make_jtl.py from a
# real JMeter 5.6.3 file), against JMeter's own report generator (jmeter -g FILE -o DIR, JMeter from Maven Central)
# and a plain Python csv-module script computing mean and p95 (bench/p95.py). Prints wall time, CPU time (user+sys)
# and peak memory (RSS) of each, measured the same way in the same run, and the ratios the issue targets: at least 20x
# faster than JMeter's generator and 3x faster than Python, under 256 MB. On a machine shared with other work the
# wall times swing; the CPU times much less. Usage: bench/loadtest-summarize.sh [ROWS]
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
    /usr/bin/time -f "%e %M %U %S" -o $out/$name.time "$@" > $out/$name.out 2> $out/$name.err \
        || { echo "$name failed:"; tail -5 $out/$name.err; exit 1; }
}

# shipwatch runs through its launcher, as users run it, after one run that lets the launcher record its class-data
# archive once per build (as any first run after a build does); JMeter gets the 1 GB it is documented to need
./shipwatch loadtest summarize --help > /dev/null
measure shipwatch ./shipwatch loadtest summarize --output json "$jtl"
measure python python3 bench/p95.py "$jtl"
rm -rf $out/jmeter-report
measure jmeter java -Xmx1g -jar "$home/bin/ApacheJMeter.jar" -g "$jtl" -o $out/jmeter-report -j $out/jmeter.log

echo "file: $jtl, $rows rows, $(du -m "$jtl" | cut -f1) MB"
for name in shipwatch python jmeter; do
    set -- $(cat $out/$name.time)
    printf '%-10s %8.2f s wall %8.2f s CPU %6d MB peak RSS\n' $name "$1" "$(echo "$3 + $4" | bc)" $(($2 / 1024))
done
python3 - $out/shipwatch.time $out/python.time $out/jmeter.time <<'PY'
import sys
sw, py, jm = ([float(x) for x in open(f).read().split()] for f in sys.argv[1:])
cpu = lambda t: t[2] + t[3]
print("shipwatch vs JMeter's generator: %.1fx faster wall, %.1fx less CPU (target 20x)" % (jm[0] / sw[0], cpu(jm) / cpu(sw)))
print("shipwatch vs Python csv script:  %.1fx faster wall, %.1fx less CPU (target 3x)" % (py[0] / sw[0], cpu(py) / cpu(sw)))
print("shipwatch peak memory: %d MB (target under 256 MB)" % (sw[1] / 1024))
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
