#!/bin/sh
# Runs each Gatling version below (from Maven Central) with CheckoutSimulation (gatling-src/: the Java DSL from 3.7, the
# Scala DSL before, compiled with scalac 2.12 since those versions ship no compiler) against server.py, and keeps its
# simulation.log as gatling-versions/simulation-VERSION.log: text up to 3.12 (ASSERTION records before RUN; up to 3.3
# a REQUEST starts with the user id), binary from 3.13. gatling_stats.py then computes the expected numbers; for the
# binary logs, the count, min and max of Gatling's own console summary are kept as console-VERSION.txt.
# Run from this directory.
set -e
port=18768
work=$(mktemp -d)
/usr/bin/python3 server.py $port & server=$!
trap 'kill $server; rm -rf "$work"' EXIT
sleep 1
jars() {
    mkdir -p "$work/$1"
    cat > "$work/$1/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>$2</artifactId><version>1</version>
  <dependencies><dependency><groupId>$3</groupId><artifactId>$2</artifactId><version>$1</version></dependency></dependencies>
</project>
POM
    mvn -B -q -f "$work/$1/pom.xml" dependency:copy-dependencies -DoutputDirectory="$work/$1/jars" >&2
    echo "$work/$1/jars"
}
scalac=$(jars 2.12.10 scala-compiler org.scala-lang)
mkdir -p gatling-versions
for v in 3.0.3 3.3.1 3.10.5 3.12.0 3.13.5 3.14.0; do
    lib=$(jars $v gatling-charts-highcharts io.gatling.highcharts)
    mkdir -p "$work/classes-$v"
    case $v in
        3.0.*|3.3.*) java -cp "$scalac/*" scala.tools.nsc.Main -nowarn -d "$work/classes-$v" \
                         -cp "$(ls "$lib"/*.jar | tr '\n' :)" gatling-src/CheckoutSimulation.scala ;;
        *) javac -d "$work/classes-$v" -cp "$lib/*" gatling-src/CheckoutSimulation.java ;;
    esac
    java --add-opens java.base/java.lang=ALL-UNNAMED -Dport=$port -cp "$work/classes-$v:$lib/*" io.gatling.app.Gatling \
        -s CheckoutSimulation -rf "$work/results-$v" -bf "$work/classes-$v" -rsf gatling-src > "$work/run-$v.out" 2>&1 \
        || { cat "$work/run-$v.out"; exit 1; }
    cp "$work"/results-$v/*/simulation.log gatling-versions/simulation-$v.log
    python3 gatling_stats.py gatling-versions/simulation-$v.log > gatling-versions/simulation-$v.expected.json
    case $v in
        3.13.*|3.14.*) awk '/Global Information/{p=1} p&&/request count|min response|max response/{print} /t < 800/{p=0}' \
                           "$work/run-$v.out" > gatling-versions/console-$v.txt ;;
    esac
done
