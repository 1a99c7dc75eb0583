package io.shipwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.core.InputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each kind of breakage of each format: one line with file:line, what was wrong and what to do, nothing partial. */
class BrokenInputTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jmeter-csv/non-numeric-elapsed.jtl|jmeter-csv/non-numeric-elapsed.jtl:214: column 'elapsed' is 'abc', expected whole milliseconds; export results as CSV with default columns",
            "jmeter-csv/truncated.jtl|jmeter-csv/truncated.jtl:41: has 3 columns but the header has 17; the file looks truncated; take the whole file, or delete its last, unfinished line",
            "jmeter-csv/unclosed-quote.jtl|jmeter-csv/unclosed-quote.jtl:21: a quoted field is never closed; the file looks truncated; take the whole file, or delete its last, unfinished record",
            "jmeter-csv/empty.jtl|jmeter-csv/empty.jtl: the file is empty; check that the load test ran and wrote its results",
            "jmeter-csv/header-only.jtl|jmeter-csv/header-only.jtl: no requests in the file; the file has only a header; did the test run?",
            "jmeter-xml/truncated.xml|jmeter-xml/truncated.xml:101: not well-formed XML: XML document structures must start and end within the same entity; the file looks truncated or edited; take the whole file as JMeter wrote it",
            "jmeter-xml/bad-elapsed.xml|jmeter-xml/bad-elapsed.xml:7: attribute 't' is 'x31', expected whole milliseconds; save results with jmeter.save.saveservice.output_format=xml, or as CSV",
            "k6-json/truncated.ndjson.gz|k6-json/truncated.ndjson.gz:541: cannot be read (Unexpected end of ZLIB input stream); the file looks truncated; take the whole file as k6 wrote it",
            "k6-json/bad-value.ndjson|k6-json/bad-value.ndjson:58: 'data.value' is \"abc\", expected milliseconds; write results with k6 run --out json=results.json",
            "k6-csv/bad-value.csv|k6-csv/bad-value.csv:42: column 'metric_value' is 'fast', expected milliseconds; write results with k6 run --out csv=results.csv",
            "k6-summary/truncated.json|k6-summary/truncated.json:1: not valid JSON (Unexpected end-of-input within/between Object entries); the file looks truncated; take the whole file",
            "k6-summary/bad-count.json|k6-summary/bad-count.json: metrics.http_reqs.values.count: is \"twenty\", expected a number; pass the file written by k6 run --summary-export, or by handleSummary returning JSON.stringify(data)",
            "locust-stats/bad-count.csv|locust-stats/bad-count.csv:3: column 'Failure Count' is 'three', expected a whole number; pass the _stats.csv written by locust --csv PREFIX",
            "locust-stats/no-aggregated.csv|locust-stats/no-aggregated.csv: has no Aggregated row; the file looks truncated; pass the _stats.csv written by locust --csv PREFIX",
            "locust-history/truncated.csv|locust-history/truncated.csv:5: has 5 columns but the header has 24; the file looks truncated; take the whole file as Locust wrote it",
            "gatling-log/bad-status.log|gatling-log/bad-status.log:10: status is 'MAYBE', expected OK or KO; pass the simulation.log of Gatling 3 as Gatling wrote it",
            "gatling-log/binary/simulation.log|gatling-log/binary/simulation.log: byte 279: record 9 is cut off by the end of the file; the file looks truncated or damaged; take the whole simulation.log as Gatling wrote it",
            "gatling-stats/bad-count.json|gatling-stats/bad-count.json: contents.req_browse---searc-1f2e3.numberOfRequests.total: is \"sixty\", expected a whole number; pass js/stats.json or js/global_stats.json from a Gatling report",
            "jmeter-statistics/no-total.json|jmeter-statistics/no-total.json: has no 'Total' entry; pass the statistics.json of a report made with jmeter -g results.jtl -o DIR",
            "other/unknown.csv|other/unknown.csv:1: cannot tell the format from its start 'hello,world'; pass --format with one of gatling-log, jmeter-xml, k6-json, jmeter-statistics, gatling-stats, k6-summary, k6-csv, locust-history, locust-stats, jmeter-csv",
    })
    void saysWhereWhatAndWhatToDo(String file, String message) {
        assertThatThrownBy(() -> Fixtures.read(file)).isInstanceOf(InputException.class).hasMessage(message);
    }
}
