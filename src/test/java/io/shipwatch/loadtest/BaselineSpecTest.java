package io.shipwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselineSpecTest {

    @Test
    void namesRecordedRuns() {
        assertThat(BaselineSpec.parse("last-passed", "--baseline")).isEqualTo(new BaselineSpec(RunStatus.PASSED, null, 1));
        assertThat(BaselineSpec.parse("last-passed:5", "--baseline")).isEqualTo(new BaselineSpec(RunStatus.PASSED, null, 5));
        assertThat(BaselineSpec.parse("version:2.0.4", "--baseline")).isEqualTo(new BaselineSpec(null, "2.0.4", 1));
        assertThat(BaselineSpec.isServerBaseline("results/v1.jtl")).isFalse();
        assertThatThrownBy(() -> BaselineSpec.parse("last-passed:50", "--baseline"))
                .hasMessage("--baseline: 'last-passed:50' asks for 50 runs; use 1 to 20, such as last-passed:5");
        assertThatThrownBy(() -> BaselineSpec.parse("version:", "--baseline")).isInstanceOf(InputException.class);
    }

    @Test
    void aRunSurvivesItsJsonAndBadFieldsAreAllNamed() {
        LoadTestRun run = new LoadTestRun(null, "checkout", "smoke", "1.0", RunStatus.FAILED, null,
                Fixtures.read("k6-json/results.ndjson"), List.of(new ServiceMetric("cpu", "CPU", "cores",
                1.5, 2.0, null), new ServiceMetric("p95", "p95 latency", "s", null, null, "prometheus is down")));
        Problems none = new Problems();
        LoadTestRun back = LoadTestRunJson.read(LoadTestRunJson.write(run), none);
        assertThat(none.isEmpty()).isTrue();
        assertThat(back.result().labels()).isEqualTo(run.result().labels().stream()
                .map(l -> new LabelSummary(l.label(), l.count(), l.errors(), SummaryReport.round(l.throughputPerSecond()),
                        SummaryReport.round(l.meanMs()), l.minMs(), l.maxMs(), l.p50Ms(), l.p90Ms(), l.p95Ms(),
                        l.p99Ms(), l.p999Ms())).toList());
        assertThat(back.status()).isEqualTo(RunStatus.FAILED);
        assertThat(back.serviceMetrics()).isEqualTo(run.serviceMetrics());

        ObjectNode bad = LoadTestRunJson.write(run);
        bad.put("service", "check out").put("colour", "red");
        ((ObjectNode) bad.path("total")).put("errors", 1_000_000);
        Problems problems = new Problems();
        assertThat(LoadTestRunJson.read(bad, problems)).isNull();
        assertThatThrownBy(problems::throwIfAny).hasMessageContaining("colour: unknown field")
                .hasMessageContaining("service: 'check out' has characters other than")
                .hasMessageContaining("total.errors: is 1000000, expected a whole number from 0 to count");
    }
}
