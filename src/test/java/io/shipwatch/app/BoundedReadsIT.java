package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.testing.Http;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** No read is unbounded: every list takes a page size up to a maximum, and the DORA report a window up to a year. */
class BoundedReadsIT {
    @TempDir
    static Path dir;
    private static ShipwatchServer server;
    private static String base;

    @BeforeAll
    static void start() {
        ServerSettings settings = ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("reads.db"),
                Config.empty(), Map.of());
        server = new ShipwatchServer(settings, Clock.systemUTC());
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/api/v1/deployments?limit=                              | limit | 500",
        "/api/v1/incidents?limit=                                | limit | 500",
        "/api/v1/gates/results?gate=checkout&limit=              | limit | 500",
        "/api/v1/pipelines?limit=                                | limit | 1000",
        "/api/v1/pipelines/build/runs?limit=                     | limit | 500",
        "/api/v1/pipelines/build/steps?runs=                     | runs  | 500",
        "/api/v1/loadtest/runs?service=a&scenario=b&limit=       | limit | 100",
        "/api/v1/loadtest/scenarios?limit=                       | limit | 1000",
        "/api/v1/services?limit=                                 | limit | 1000",
    })
    void everyListRefusesAPageLargerThanItsMaximum(String path, String param, int max) {
        Http.Response tooMany = Http.get(base + path + (max + 1));
        assertThat(tooMany.status()).as(tooMany.body()).isEqualTo(400);
        assertThat(tooMany.contentType()).startsWith("application/problem+json");
        assertThat(tooMany.json().get("detail").asText()).contains(param + ": '" + (max + 1) + "'")
                .contains("from 1 to " + max);
        assertThat(Http.get(base + path + max).status()).isEqualTo(200);
        assertThat(Http.get(base + path + "lots").status()).isEqualTo(400);
    }

    @Test
    void incidentsComeInPagesOfTheAskedSize() {
        for (String title : new String[] {"one", "two", "three"}) {
            assertThat(Http.post(base + "/api/v1/incidents", "{\"service\":\"paged\",\"environment\":\"production\","
                    + "\"title\":\"" + title + "\"}").status()).isEqualTo(201);
        }
        JsonNode items = Http.get(base + "/api/v1/incidents?service=paged&limit=2").json().get("items");
        assertThat(items).hasSize(2);
    }

    @Test
    void theDoraReportRefusesAWindowLongerThanAYear() {
        Http.Response decades = Http.get(base + "/api/v1/dora?from=1990-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");
        assertThat(decades.status()).isEqualTo(400);
        assertThat(decades.contentType()).startsWith("application/problem+json");
        assertThat(decades.json().get("detail").asText()).startsWith("from: ").contains("maximum of 366 days");
        assertThat(Http.get(base + "/api/v1/dora?from=2024-01-01T00:00:00Z&to=2025-01-01T00:00:00Z").status())
                .as("a leap year fits").isEqualTo(200);
    }
}
