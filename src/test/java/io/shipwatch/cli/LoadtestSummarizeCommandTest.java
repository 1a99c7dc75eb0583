package io.shipwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadtestSummarizeCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    static String fixture(String name) {
        try {
            return Path.of(LoadtestSummarizeCommandTest.class.getResource("/loadtest/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("summarize"));
        all.addAll(List.of(args));
        return LoadtestCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(all.toArray(String[]::new));
    }

    @Test
    void printsTheDocumentedJsonShape() throws Exception {
        String file = fixture("jmeter-csv/default-17.jtl");
        assertThat(run(file, "--output", "json")).isEqualTo(0);

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("format").asText()).isEqualTo("jmeter-csv");
        assertThat(json.path("source").asText()).isEqualTo(file);
        assertThat(json.path("raw").asBoolean()).isTrue();
        assertThat(json.path("startedAt").asText()).isEqualTo("2025-11-26T14:00:00.005Z");
        assertThat(json.path("total").path("count").asLong()).isEqualTo(600);
        assertThat(json.path("total").path("errorRate").asDouble())
                .isEqualTo(json.path("total").path("errors").asDouble() / 600);
        assertThat(json.path("total").has("p999Ms")).isFalse();
        List<String> fields = new ArrayList<>();
        json.path("labels").get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("label", "count", "errors", "errorRate", "throughputPerSecond", "meanMs",
                "minMs", "maxMs", "p50Ms", "p90Ms", "p95Ms", "p99Ms");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void timestampFormatReadsJMeterDatesAndABadOneIsOneLineAndExit2() {
        String file = fixture("real/jmeter-timestamps/dotted.jtl");

        assertThat(run(file, "--output", "json")).isEqualTo(2);
        assertThat(err.toString()).startsWith(file + ":2: column 'timeStamp' is '").endsWith("or ms for epoch milliseconds\n")
                .contains("; pass --timestamp-format").hasLineCount(1);
        err.getBuffer().setLength(0);
        assertThat(run(file, "--timestamp-format", "dd.MM.yyyy HH:mm:ss,SSS", "--output", "json")).isEqualTo(0);
        assertThat(out.toString()).contains("\"total\":{\"count\":60,");
        assertThat(run(file, "--timestamp-format", "dd.MM.yyyy QQQQQQ")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--timestamp-format: 'dd.MM.yyyy QQQQQQ' is not a date pattern");
    }

    @Test
    void printsATableWithATotalRowAndP999WhenAsked() {
        assertThat(run(fixture("gatling-log/simulation-3.9.log"), "--p999")).isEqualTo(0);

        assertThat(out.toString()).contains("p99.9 ms").contains("Browse / Search").containsPattern("(?m)^total\\s+200\\s");
    }

    @Test
    void printsMarkdown() {
        assertThat(run(fixture("locust-stats/run_stats.csv"), "--output", "markdown")).isEqualTo(0);

        assertThat(out.toString()).contains("| label | count |").contains("| POST /cart | 198 | 3 | 1.52 |");
    }

    /** One request per label: {@code labels} distinct labels. */
    private static Path distinctLabels(Path dir, int labels) throws java.io.IOException {
        StringBuilder csv = new StringBuilder("timeStamp,elapsed,label,responseCode,success\n");
        for (int i = 0; i < labels; i++) {
            csv.append(1764165600000L + i).append(',').append(10 + i % 500).append(",GET /items/").append(i)
                    .append(",200,true\n");
        }
        return java.nio.file.Files.writeString(dir.resolve("labels.jtl"), csv);
    }

    @Test
    void moreDistinctLabelsThanARunHoldsIsOneLineAndExit2(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = distinctLabels(dir, io.shipwatch.loadtest.LoadTestRunJson.MAX_LABELS + 1);

        assertThat(run(file.toString())).isEqualTo(ExitCode.USAGE);

        assertThat(err.toString()).startsWith(file + ": has more than 5000 distinct labels ('GET /items/5000' is one "
                + "more); group requests under fewer labels").endsWith(")\n").hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void asManyLabelsAsARunHoldsAreSummarized(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = distinctLabels(dir, io.shipwatch.loadtest.LoadTestRunJson.MAX_LABELS);

        assertThat(run(file.toString(), "--output", "json")).isEqualTo(0);

        assertThat(new ObjectMapper().readTree(out.toString()).path("labels").size()).isEqualTo(5000);
    }

    @Test
    void badInputIsOneLineAndExit2() {
        assertThat(run(fixture("jmeter-csv/non-numeric-elapsed.jtl"))).isEqualTo(ExitCode.USAGE);

        assertThat(err.toString()).isEqualTo(fixture("jmeter-csv/non-numeric-elapsed.jtl") + ":214: column 'elapsed' "
                + "is 'abc', expected whole milliseconds; export results as CSV with default columns\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownFormatAndOutputAreRefused() {
        assertThat(run(fixture("other/unknown.csv"))).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("unknown.csv:1: cannot tell the format").endsWith("jmeter-csv\n");
        assertThat(run("--format", "wrk", fixture("other/unknown.csv"))).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--format: unknown format 'wrk'; use auto or one of gatling-log");
        assertThat(run("--output", "xml", fixture("locust-stats/run_stats.csv"))).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("--output: unknown output 'xml'; use table, json or markdown");
    }
}
