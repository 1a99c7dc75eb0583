package io.shipwatch.providers.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.Rollup;
import io.shipwatch.providers.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoProviderTest {
    private static final Instant RELEASE = Instant.parse("2026-11-26T14:04:00Z");
    private static final Instant ROLLBACK = Instant.parse("2026-11-26T14:20:00Z");
    private static final TimeWindow AFTERNOON = new TimeWindow(
            Instant.parse("2026-11-26T13:30:00Z"), Instant.parse("2026-11-26T15:00:00Z"));
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final DemoProvider demo = new DemoProvider(List.of(
            new DemoProvider.Incident("checkout", RELEASE, ROLLBACK, 0.12, 3)));

    private List<Series.Point> points(DemoProvider provider, String query, TimeWindow window, Duration step)
            throws ProviderException {
        List<Series> series = provider.queryRange(query, window, step);
        assertThat(series).hasSize(1);
        return series.get(0).points();
    }

    @Test
    void sameWindowGivesTheSamePointsEveryTime() throws Exception {
        String query = "request_rate{service=\"checkout\"}";

        List<Series.Point> first = points(demo, query, AFTERNOON, MINUTE);
        List<Series.Point> again = points(new DemoProvider(List.of()), query, AFTERNOON, MINUTE);

        assertThat(first).hasSize(90).isEqualTo(again);
        assertThat(first).extracting(Series.Point::value).doesNotHaveDuplicates();
    }

    @Test
    void overlappingWindowsAgreeOnSharedTimes() throws Exception {
        String query = "latency_p95_seconds{service=\"cart\"}";
        TimeWindow later = new TimeWindow(AFTERNOON.from().plusSeconds(600), AFTERNOON.to().plusSeconds(600));

        List<Series.Point> a = points(demo, query, AFTERNOON, MINUTE);
        List<Series.Point> b = points(demo, query, later, MINUTE);

        assertThat(b.subList(0, 80)).isEqualTo(a.subList(10, 90));
    }

    @Test
    void pointsSitOnMultiplesOfTheStepInsideTheWindow() throws Exception {
        TimeWindow unaligned = new TimeWindow(Instant.parse("2026-11-26T14:00:07Z"), Instant.parse("2026-11-26T14:05:00Z"));

        List<Series.Point> points = points(demo, "error_ratio{service=\"cart\"}", unaligned, MINUTE);

        assertThat(points).extracting(Series.Point::time).containsExactly(
                Instant.parse("2026-11-26T14:01:00Z"), Instant.parse("2026-11-26T14:02:00Z"),
                Instant.parse("2026-11-26T14:03:00Z"), Instant.parse("2026-11-26T14:04:00Z"));
    }

    @Test
    void labelsNameTheMetricAndService() throws Exception {
        List<Series> series = demo.queryRange(" error_ratio { service = \"cart\" } ", AFTERNOON, MINUTE);

        assertThat(series.get(0).labels()).isEqualTo(Map.of("__name__", "error_ratio", "service", "cart"));
    }

    @Test
    void servicesHaveDifferentLevels() throws Exception {
        double checkout = points(demo, "request_rate{service=\"checkout\"}", AFTERNOON, MINUTE).get(0).value();
        double cart = points(demo, "request_rate{service=\"cart\"}", AFTERNOON, MINUTE).get(0).value();

        assertThat(checkout).isNotCloseTo(cart, org.assertj.core.data.Percentage.withPercentage(10));
    }

    @Test
    void trafficFollowsADailyCycle() throws Exception {
        TimeWindow day = new TimeWindow(Instant.parse("2026-11-26T00:00:00Z"), Instant.parse("2026-11-27T00:00:00Z"));

        List<Series.Point> hourly = points(demo, "request_rate{service=\"checkout\"}", day, Duration.ofHours(1));

        assertThat(hourly.get(15).value()).isGreaterThan(1.8 * hourly.get(3).value());
    }

    @Test
    void incidentRaisesErrorRatioAndLatencyOnlyInsideItsWindow() throws Exception {
        List<Series.Point> errors = points(demo, "error_ratio{service=\"checkout\"}", AFTERNOON, MINUTE);
        List<Series.Point> calm = points(new DemoProvider(List.of()), "latency_p95_seconds{service=\"checkout\"}",
                AFTERNOON, MINUTE);
        List<Series.Point> latency = points(demo, "latency_p95_seconds{service=\"checkout\"}", AFTERNOON, MINUTE);

        for (int i = 0; i < errors.size(); i++) {
            Instant t = errors.get(i).time();
            boolean inside = !t.isBefore(RELEASE) && t.isBefore(ROLLBACK);
            if (inside) {
                assertThat(errors.get(i).value()).as("error ratio at %s", t).isBetween(0.108, 0.132);
                assertThat(latency.get(i).value()).as("latency at %s", t).isEqualTo(3 * calm.get(i).value());
            } else {
                assertThat(errors.get(i).value()).as("error ratio at %s", t).isBetween(0.0, 0.02);
                assertThat(latency.get(i).value()).as("latency at %s", t).isEqualTo(calm.get(i).value());
            }
        }
        assertThat(errors).filteredOn(p -> p.value() > 0.1).hasSize(16);
    }

    @Test
    void aShortIncidentStaysVisibleAtAThirtyDayRangeWhenAggregatedByMax() throws Exception {
        TimeWindow month = new TimeWindow(RELEASE.minus(Duration.ofDays(29)), RELEASE.plus(Duration.ofDays(1)));
        String query = "error_ratio{service=\"checkout\"}";

        double sampled = max(demo.queryRange(query, month, Duration.ofHours(3)));
        double worst = max(demo.queryRange(query, month, Duration.ofHours(3), Rollup.MAX));
        double mean = max(demo.queryRange(query, month, Duration.ofHours(3), Rollup.AVG));

        assertThat(sampled).as("a 16-minute incident between two 3-hour samples").isLessThan(0.02);
        assertThat(worst).isBetween(0.10, 0.14);
        assertThat(mean).as("16 of 180 minutes at 12 %").isBetween(0.005, 0.02);
    }

    @Test
    void anIncidentInTheNewestPartOfTheRangeIsKept() throws Exception {
        // ends 30 minutes after the incident: a grid on multiples of 3 h would stop at 12:00, before it
        Instant end = ROLLBACK.plus(Duration.ofMinutes(30));
        TimeWindow month = new TimeWindow(end.minus(Duration.ofDays(30)), end);

        List<Series> series = demo.queryRange("error_ratio{service=\"checkout\"}", month, Duration.ofHours(3), Rollup.MAX);

        List<Series.Point> points = series.get(0).points();
        assertThat(points.get(points.size() - 1).time()).isEqualTo(end);
        assertThat(points.get(points.size() - 1).value()).isBetween(0.10, 0.14);
    }

    private static double max(List<Series> series) {
        return series.get(0).points().stream().mapToDouble(Series.Point::value).max().orElseThrow();
    }

    @Test
    void incidentOfOneServiceLeavesOthersAlone() throws Exception {
        List<Series.Point> cart = points(demo, "error_ratio{service=\"cart\"}", AFTERNOON, MINUTE);

        assertThat(cart).allSatisfy(p -> assertThat(p.value()).isLessThan(0.02));
    }

    @Test
    void unknownQuerySaysWhatTheDemoUnderstands() {
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> demo.queryRange("sum(rate(http_requests_total[5m]))", AFTERNOON, MINUTE));

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage("demo provider: query 'sum(rate(http_requests_total[5m]))' is not understood;"
                + " the demo provider understands request_rate{service=\"<name>\"}, error_ratio{service=\"<name>\"}"
                + " and latency_p95_seconds{service=\"<name>\"}");
    }
}
