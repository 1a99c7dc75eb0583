#!/bin/sh
# Fetches Gatling 3.10.5 (the last version with a text simulation.log) from Maven Central into
# bench/gatling/target/jars and prints that folder; run it with io.gatling.app.Gatling on a classpath of those jars.
set -e
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -f "$here/target/jars/gatling-app-3.10.5.jar" ]; then
    mvn -B -q -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$here/target/jars" >&2
fi
echo "$here/target/jars"
