package io.shipwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.shipwatch.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several result files of one run read as one: the same statistics as one file holding all their samples. */
class MergedRunTest {
    @TempDir
    Path dir;

    @Test
    void filesOfOneRunGiveTheStatisticsOfAllTheirSamples() throws IOException {
        Path whole = JMeterRuns.write(dir.resolve("whole.jtl"), 11, 2000, null, 0);
        List<String> lines = Files.readAllLines(whole);
        // two load generators: the even threads' rows in one file, the odd ones' in the other, and one label only
        // in the second file, so labels, windows and histograms all need merging
        List<String> a = new ArrayList<>(List.of(lines.get(0)));
        List<String> b = new ArrayList<>(List.of(lines.get(0)));
        for (String row : lines.subList(1, lines.size())) {
            boolean even = row.contains("Thread Group 1-2,") || row.contains("Thread Group 1-4,")
                    || row.contains("Thread Group 1-6,") || row.contains("Thread Group 1-8,");
            (even && !row.contains("GET /checkout") ? a : b).add(row);
        }
        Path fileA = Files.write(dir.resolve("region-a.jtl"), a);
        Path fileB = Files.write(dir.resolve("region-b.jtl"), b);

        LoadTestResult merged = LoadTestParsers.readRun(List.of(fileA, fileB), LoadTestParsers.AUTO);
        LoadTestResult expected = LoadTestParsers.read(whole, LoadTestParsers.AUTO);
        LoadTestResult first = LoadTestParsers.read(fileA, LoadTestParsers.AUTO);

        assertThat(merged.raw()).isTrue();
        assertThat(merged.format()).isEqualTo("jmeter-csv");
        assertThat(merged.source()).isEqualTo(fileA + ", " + fileB);
        assertThat(merged.startedAt()).isEqualTo(expected.startedAt());
        assertThat(merged.endedAt()).isEqualTo(expected.endedAt());
        assertThat(first.endedAt()).isNotEqualTo(expected.endedAt()); // the window really is merged
        assertThat(merged.labels()).extracting(LabelSummary::label)
                .containsExactlyInAnyOrderElementsOf(expected.labels().stream().map(LabelSummary::label).toList());
        assertSameSummary(merged.total(), expected.total());
        for (LabelSummary label : expected.labels()) {
            assertSameSummary(merged.label(label.label()).orElseThrow(), label);
            assertThat(merged.histograms().get(label.label()).count()).isEqualTo(label.count());
            assertThat(merged.windows().get(label.label())).isEqualTo(expected.windows().get(label.label()));
        }
        // the inputs are not changed by merging them
        assertThat(LoadTestParsers.read(fileA, LoadTestParsers.AUTO).total().count()).isEqualTo(first.total().count());
        assertThat(first.histograms().values().stream().mapToLong(LatencyHistogram::count).sum())
                .isEqualTo(first.total().count());
    }

    private static void assertSameSummary(LabelSummary actual, LabelSummary expected) {
        String label = expected.label();
        assertThat(actual.count()).as(label).isEqualTo(expected.count());
        assertThat(actual.errors()).as(label).isEqualTo(expected.errors());
        assertThat(actual.throughputPerSecond()).as(label).isCloseTo(expected.throughputPerSecond(), within(1e-9));
        assertThat(actual.meanMs()).as(label).isCloseTo(expected.meanMs(), within(1e-9));
        assertThat(List.of(actual.minMs(), actual.maxMs(), actual.p50Ms(), actual.p90Ms(), actual.p95Ms(),
                actual.p99Ms(), actual.p999Ms())).as(label).isEqualTo(List.of(expected.minMs(), expected.maxMs(),
                expected.p50Ms(), expected.p90Ms(), expected.p95Ms(), expected.p99Ms(), expected.p999Ms()));
    }

    @Test
    void reportsOfSeveralFilesAreRefusedSinceTheirPercentilesDoNotMerge() {
        Path report = Fixtures.path("k6-summary/summary-export.json");
        Path raw = Fixtures.path("jmeter-csv/default-17.jtl");

        assertThatThrownBy(() -> LoadTestParsers.readRun(List.of(raw, report), LoadTestParsers.AUTO))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(report.toString())
                .hasMessageContaining("k6-summary report")
                .hasMessageContaining("cannot be merged exactly");
        // one report alone is read as it is
        assertThat(LoadTestParsers.readRun(List.of(report), LoadTestParsers.AUTO).raw()).isFalse();
    }

    @Test
    void filesOfDifferentFormatsAreRefused() {
        Path jmeter = Fixtures.path("jmeter-csv/default-17.jtl");
        Path k6 = Fixtures.path("k6-json/results.ndjson");

        assertThatThrownBy(() -> LoadTestParsers.readRun(List.of(jmeter, k6), LoadTestParsers.AUTO))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("is k6-json but " + jmeter + " is jmeter-csv");
    }
}
