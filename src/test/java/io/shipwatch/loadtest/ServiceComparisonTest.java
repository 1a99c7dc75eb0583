package io.shipwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceComparisonTest {

    @Test
    void aRiseOfMoreThanTwentyPercentWarnsAndMissingDataIsSaid() {
        List<ServiceMetric> baseline = List.of(new ServiceMetric("cpu", "CPU", "cores", 1.0, 1.2, null),
                new ServiceMetric("memory", "Memory", "bytes", 100.0, 120.0, null),
                new ServiceMetric("p95", "p95", "s", null, null, "prometheus: timeout"));
        List<ServiceMetric> candidate = List.of(new ServiceMetric("cpu", "CPU", "cores", 1.5, 2.0, null),
                new ServiceMetric("memory", "Memory", "bytes", 110.0, 115.0, null),
                new ServiceMetric("p95", "p95", "s", 0.2, 0.3, null),
                new ServiceMetric("gc", "GC", "s", 0.01, 0.02, null));

        List<ComparisonReport.ServiceVerdict> v = ServiceComparison.compare(baseline, candidate);

        assertThat(v).extracting(ComparisonReport.ServiceVerdict::result)
                .containsExactly(Level.WARN, Level.PASS, Level.PASS, Level.PASS);
        assertThat(v.get(0).change()).isEqualTo(0.5);
        assertThat(v.get(2).reason()).isEqualTo("no data: prometheus: timeout");
        assertThat(v.get(3).reason()).isEqualTo("not measured during the baseline's test");
        ComparisonReport report = new ComparisonReport(Level.PASS, "b", "c", 0.95, List.of(), List.of()).withServices(v);
        assertThat(report.result()).isEqualTo(Level.WARN);
        assertThat(ComparisonOutput.table(report)).containsPattern("service +CPU +1 cores +1.50 cores +\\+50.0%");
    }
}
