package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.graphs.ServiceGraphs;
import io.shipwatch.providers.demo.DemoProvider;
import io.shipwatch.testing.Http;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's graphs through the API: the bad release's 12 % error spike shows at every range, 30 days included. */
class DemoGraphsIT {
    @TempDir
    Path dir;

    @Test
    void badReleasesErrorSpikeIsVisibleAtThirtyDays() {
        Clock clock = Clock.systemUTC();
        DemoData demo = new DemoData(clock.instant());
        ServiceGraphs graphs = new ServiceGraphs(new DemoProvider(demo.incidents()), ServiceGraphs.DEMO_DEFAULTS, Map.of());
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("demo.db"),
                Config.empty(), Map.of());
        try (ShipwatchServer server = new ShipwatchServer(settings, clock, graphs)) {
            String base = "http://127.0.0.1:" + server.start();
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            for (Duration range : new Duration[] {Duration.ofHours(6), Duration.ofDays(7), Duration.ofDays(30)}) {
                JsonNode metrics = Http.get(base + "/api/v1/services/checkout/metrics?from=" + now.minus(range)
                        + "&to=" + now).json();
                JsonNode errors = null;
                for (JsonNode p : metrics.get("panels")) {
                    if (p.get("id").asText().equals("error_ratio")) {
                        errors = p;
                    }
                }
                double max = 0;
                for (JsonNode point : errors.get("series").get(0).get("points")) {
                    max = Math.max(max, point.get(1).asDouble());
                }
                assertThat(max).as("the error ratio's highest point over the last " + range).isGreaterThan(0.10);
            }
        }
    }
}
