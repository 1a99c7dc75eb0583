#!/bin/sh
# Runs Gatling 3.10.5 (from Maven Central, see bench/gatling/install.sh) with gatling-src/ShopSimulation.java against
# server.py, and keeps its text simulation.log and the report's js/stats.json and js/global_stats.json; then
# gatling_stats.py computes the expected numbers from the log's REQUEST records. Run from this directory.
set -e
jars=$(../../../../../bench/gatling/install.sh)
port=18767
work=$(mktemp -d)
/usr/bin/python3 server.py $port & server=$!
trap 'kill $server; rm -rf "$work"' EXIT
sleep 1
javac -d "$work/classes" -cp "$jars/*" gatling-src/ShopSimulation.java
java -cp "$work/classes:$jars/*" io.gatling.app.Gatling -s ShopSimulation -rf "$work/results" \
    -rsf gatling-src -bf "$work/classes" > "$work/run.out" 2>&1 || { cat "$work/run.out"; exit 1; }
run=$(ls -d "$work"/results/*/)
rm -rf gatling && mkdir -p gatling
cp "$run/simulation.log" "$run/js/stats.json" "$run/js/global_stats.json" gatling/
python3 gatling_stats.py gatling/simulation.log > gatling/expected.json
