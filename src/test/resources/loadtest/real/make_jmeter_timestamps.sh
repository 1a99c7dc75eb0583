#!/bin/sh
# Runs JMeter 5.6.3 (from Maven Central, see bench/jmeter/install.sh) against server.py, 4 threads x 5 loops of
# plan.jmx, twice: saving timeStamp as 'yyyy/MM/dd HH:mm:ss.SSS' (detected) and as 'dd.MM.yyyy HH:mm:ss,SSS' (only
# read with --timestamp-format), with jmeter.save.saveservice.timestamp_format. jmeter_timestamps.py computes the
# expected numbers. Run from this directory.
set -e
home=$(../../../../../bench/jmeter/install.sh)
port=18766
work=$(mktemp -d)
/usr/bin/python3 server.py $port & server=$!
trap 'kill $server; rm -rf "$work"' EXIT
sleep 1
sed 's|<stringProp name="LoopController.loops">40</stringProp>|<stringProp name="LoopController.loops">5</stringProp>|' \
    plan.jmx > "$work/plan.jmx"
mkdir -p jmeter-timestamps
run() {
    java -jar "$home/bin/ApacheJMeter.jar" -n -t "$work/plan.jmx" -l "jmeter-timestamps/$1" \
        "-Jjmeter.save.saveservice.timestamp_format=$2" -j "$work/jmeter.log" > "$work/run.out"
    python3 jmeter_timestamps.py "jmeter-timestamps/$1" "$3" > "jmeter-timestamps/$1.expected.json"
}
rm -f jmeter-timestamps/*
run slashes.jtl 'yyyy/MM/dd HH:mm:ss.SSS' '%Y/%m/%d %H:%M:%S.%f'
run dotted.jtl 'dd.MM.yyyy HH:mm:ss,SSS' '%d.%m.%Y %H:%M:%S,%f'
