#!/bin/sh
# Runs Debian's Locust (python3-locust 2.12) for 12 s (8 users, 60 requests each) against server.py and keeps its CSV files and a per-request
# log; then independent_stats.py computes the expected numbers from that log. Run from this directory.
set -e
port=18765
/usr/bin/python3 server.py $port & server=$!
trap 'kill $server' EXIT
sleep 1
mkdir -p locust
REQUEST_LOG=locust/requests.csv /usr/bin/python3 -m locust -f locustfile.py --headless -u 8 -r 8 -t 12s \
    --host http://127.0.0.1:$port --csv locust/run --csv-full-history --stop-timeout 10 --only-summary --loglevel WARNING || true
rm -f locust/run_failures.csv locust/run_exceptions.csv
python3 independent_stats.py locust/requests.csv > locust/expected.json
