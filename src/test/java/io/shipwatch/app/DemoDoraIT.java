package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.testing.Http;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's story as DORA sees it: the bad checkout release failed twice over and recovered with its rollback. */
class DemoDoraIT {
    @TempDir
    Path dir;

    private ShipwatchServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void badReleaseIsAFailedDeploymentRecoveredByItsRollback() {
        Clock clock = Clock.systemUTC();
        DemoData demo = new DemoData(clock.instant());
        server = new ShipwatchServer(ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("demo.db"),
                Config.empty(), Map.of()), clock);
        String base = "http://127.0.0.1:" + server.start();
        demo.load(server.markers());
        demo.loadIncident(server.dora());

        JsonNode report = Http.get(base + "/api/v1/dora?service=checkout").json();
        JsonNode latest = report.get("failedDeployments").get(0);
        List<String> reasons = new ArrayList<>();
        latest.get("reasons").forEach(r -> reasons.add(r.get("kind").asText()));
        assertThat(reasons).containsExactly("rolled_back", "incident");
        // the rollback finished about 15 minutes after the release; the incident resolved later
        assertThat(latest.get("recoveryHours").asDouble()).isBetween(0.2, 0.35);
        assertThat(report.get("timeToRestore").get("incidents").asInt()).isEqualTo(1);
        assertThat(report.get("leadTimeForChanges").get("changes").asInt()).isPositive();
        assertThat(report.get("deploymentFrequency").get("level").asText()).isIn("high", "elite", "medium");
    }
}
