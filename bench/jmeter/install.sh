#!/bin/sh
# Builds a JMeter 5.6.3 home from Maven Central (the jars of pom.xml, and bin/ from ApacheJMeter_config) in
# bench/jmeter/target/jmeter-home, and prints its path. Run it with JMeter's own launcher:
#   java -jar "$(bench/jmeter/install.sh)/bin/ApacheJMeter.jar" -n -t plan.jmx -l results.jtl
set -e
here=$(cd "$(dirname "$0")" && pwd)
home=$here/target/jmeter-home
if [ ! -f "$home/bin/ApacheJMeter.jar" ]; then
    mvn -B -q -f "$here/pom.xml" dependency:copy-dependencies -DoutputDirectory="$here/target/jars" >&2
    mkdir -p "$home/lib/ext" "$home/lib/junit"
    (cd "$home" && unzip -qo "$here"/target/jars/ApacheJMeter_config-*.jar 'bin/*')
    for jar in "$here"/target/jars/*.jar; do
        case $(basename "$jar") in
            ApacheJMeter-[0-9]*) cp "$jar" "$home/bin/ApacheJMeter.jar" ;;
            ApacheJMeter_config-*) ;;
            ApacheJMeter_*) cp "$jar" "$home/lib/ext/" ;;
            *) cp "$jar" "$home/lib/" ;;
        esac
    done
fi
echo "$home"
