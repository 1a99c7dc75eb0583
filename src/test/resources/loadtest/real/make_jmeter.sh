#!/bin/sh
# Runs JMeter 5.6.3 (from Maven Central, see bench/jmeter/install.sh) against server.py: 4 threads x 40 loops of three
# requests, saving the default CSV JTL, an XML JTL, and the HTML dashboard's statistics.json; then
# independent_stats.py computes the expected numbers from the CSV with Python's csv module. Run from this directory.
set -e
home=$(../../../../../bench/jmeter/install.sh)
port=18766
/usr/bin/python3 server.py $port & server=$!
trap 'kill $server' EXIT
sleep 1
rm -rf jmeter && mkdir -p jmeter
java -jar "$home/bin/ApacheJMeter.jar" -n -t plan.jmx -l jmeter/results.jtl -e -o jmeter/report \
    -j jmeter/jmeter.log > jmeter/run.out
java -jar "$home/bin/ApacheJMeter.jar" -n -t plan.jmx -l jmeter/results.xml \
    -Jjmeter.save.saveservice.output_format=xml -j jmeter/jmeter.log > jmeter/run.out
cp jmeter/report/statistics.json jmeter/statistics.json
rm -rf jmeter/report jmeter/jmeter.log jmeter/run.out
python3 independent_stats.py jmeter/results.jtl > jmeter/expected.json
python3 independent_stats.py jmeter/results.xml > jmeter/expected-xml.json
