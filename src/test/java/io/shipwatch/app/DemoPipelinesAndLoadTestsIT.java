package io.shipwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.testing.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's CI runs and load tests, as the pages read them through the API. */
class DemoPipelinesAndLoadTestsIT {
    @TempDir
    static Path dir;

    private static ShipwatchServer server;
    private static String base;
    private static final Set<String> checkoutShas = new HashSet<>();
    private static String badVersion;

    @BeforeAll
    static void startDemo() {
        Clock clock = Clock.systemUTC();
        DemoData demo = new DemoData(clock.instant());
        server = new ShipwatchServer(ServerSettings.resolve(0, null, "jdbc:sqlite:" + dir.resolve("demo.db"),
                Config.empty(), Map.of()), clock);
        base = "http://127.0.0.1:" + server.start();
        demo.load(server.markers());
        assertThat(demo.loadPipelines(server.pipelines())).isBetween(40, 80);
        assertThat(demo.loadLoadTests(server.loadTests())).isEqualTo(3 * DemoLoadTests.BUILDS);
        JsonNode deployments = Http.get(base + "/api/v1/deployments?service=checkout&environment=production&limit=500")
                .json().get("items");
        deployments.forEach(d -> checkoutShas.add(d.get("commitSha").asText()));
        for (JsonNode d : deployments) {
            if (d.get("status").asText().equals("rolled_back")) {
                badVersion = d.get("version").asText();
            }
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eachServiceHasABuildPipelineWhoseRunsBuiltTheDeployedCommits() {
        JsonNode pipelines = Http.get(base + "/api/v1/pipelines").json().get("items");
        assertThat(pipelines).extracting(p -> p.get("name").asText())
                .contains(DemoPipelines.CHECKOUT, "search-build-and-test", "payments-build-and-test");
        JsonNode runs = runs(DemoPipelines.CHECKOUT);
        assertThat(runs.size()).isBetween(20, 30);
        List<String> results = new ArrayList<>();
        int deployed = 0;
        for (JsonNode run : runs) {
            results.add(run.get("result").asText());
            if (checkoutShas.contains(run.get("commitSha").asText())) {
                deployed++;
            }
        }
        assertThat(deployed).isGreaterThanOrEqualTo(runs.size() - 1); // all but the branch that did not compile
        assertThat(results).contains("success", "failure");
        assertThat(results.stream().filter("failure"::equals).count()).isBetween(3L, 5L);
    }

    @Test
    void theSlowerCompileStepIsFlaggedAndSteadyStepsAreNot() {
        JsonNode steps = Http.get(base + "/api/v1/pipelines/" + DemoPipelines.CHECKOUT + "/steps").json().get("steps");
        JsonNode compile = step(steps, DemoPipelines.SLOWED_STEP);
        assertThat(compile.hasNonNull("slowerSince")).as(compile.toString()).isTrue();
        assertThat(compile.get("slowdownMillis").asDouble()).isGreaterThan(30_000);
        assertThat(compile.get("failureRate").asDouble()).isPositive(); // the branch that did not compile
        List<String> flagged = new ArrayList<>();
        steps.forEach(s -> {
            if (s.hasNonNull("slowerSince")) {
                flagged.add(s.get("name").asText());
            }
        });
        // the build job is slower by its compile step; every other step keeps its pace
        assertThat(flagged).containsExactlyInAnyOrder("build", DemoPipelines.SLOWED_STEP);
    }

    @Test
    void theFlakyTestFailsInSomeRunsAndPassesInOthers() {
        int failed = 0;
        int passed = 0;
        for (JsonNode run : runs(DemoPipelines.CHECKOUT)) {
            for (JsonNode span : spans(run.get("traceId").asText())) {
                if (span.get("name").asText().equals(DemoTestReports.FLAKY_CLASS + "." + DemoTestReports.FLAKY_CASE)) {
                    if (span.get("status").asText().equals("error")) {
                        failed++;
                    } else {
                        passed++;
                    }
                }
            }
        }
        assertThat(failed).isEqualTo(3);
        assertThat(passed).isGreaterThan(15);
    }

    @Test
    void theNewestCheckoutRunHoldsASuiteOfOverSevenHundredCasesUnderTheUnitTestsStep() {
        JsonNode newest = runs(DemoPipelines.CHECKOUT).get(0);
        JsonNode spans = spans(newest.get("traceId").asText());
        JsonNode suite = null;
        String unitTests = null;
        for (JsonNode s : spans) {
            if (s.get("name").asText().equals(DemoPipelines.BIG_SUITE)) {
                suite = s;
            }
            if (s.get("name").asText().equals("unit tests")) {
                unitTests = s.get("spanId").asText();
            }
        }
        assertThat(suite).isNotNull();
        assertThat(suite.get("parentSpanId").asText()).isEqualTo(unitTests);
        String suiteId = suite.get("spanId").asText();
        long cases = 0;
        for (JsonNode s : spans) {
            if (suiteId.equals(s.path("parentSpanId").asText())) {
                cases++;
            }
        }
        assertThat(cases).isGreaterThanOrEqualTo(700);
        JsonNode root = spans.get(0);
        assertThat(root.get("parentSpanId").isNull()).isTrue();
        assertThat(root.get("attributes").get("cicd.pipeline.run.url.full").asText())
                .isEqualTo("https://git.example.com/demo/checkout/actions/runs/" + newest.get("runId").asText());
    }

    @Test
    void loadTestsCoverADozenBuildsAndTheBadReleaseFailedUnderPeakLoadOnOneEndpoint() {
        JsonNode scenarios = Http.get(base + "/api/v1/loadtest/scenarios").json().get("items");
        assertThat(scenarios).extracting(s -> s.get("service").asText() + "/" + s.get("scenario").asText())
                .containsExactly("checkout/peak", "checkout/smoke", "search/smoke");

        JsonNode peak = Http.get(base + "/api/v1/loadtest/runs?service=checkout&scenario=peak&limit=50").json()
                .get("items");
        assertThat(peak).hasSize(DemoLoadTests.BUILDS);
        List<String> failedVersions = new ArrayList<>();
        peak.forEach(r -> {
            if (r.get("status").asText().equals("failed")) {
                failedVersions.add(r.get("version").asText());
            }
        });
        assertThat(failedVersions).containsExactly(badVersion);
        for (String scenario : List.of("smoke")) {
            assertThat(Http.get(base + "/api/v1/loadtest/runs?service=checkout&scenario=" + scenario + "&status=failed")
                    .json().get("items")).isEmpty();
        }

        String failedId = null;
        for (JsonNode r : peak) {
            if (r.get("status").asText().equals("failed")) {
                failedId = r.get("id").asText();
            }
        }
        JsonNode comparison = Http.get(base + "/api/v1/loadtest/runs/" + failedId + "/comparison").json();
        assertThat(comparison.get("baseline").get("status").asText()).isEqualTo("passed");
        JsonNode labels = comparison.get("comparison").get("labels");
        List<String> failing = new ArrayList<>();
        labels.forEach(l -> {
            if (l.get("result").asText().equals("fail")) {
                failing.add(l.get("label").asText());
            }
        });
        assertThat(failing).as(labels.toString()).containsExactly(DemoLoadTests.REGRESSED_LABEL);
        JsonNode curves = comparison.get("curves");
        assertThat(curves).hasSize(4).allSatisfy(c -> {
            assertThat(c.get("candidate").size()).isGreaterThan(10);
            assertThat(c.get("baseline").size()).isGreaterThan(10);
        });
    }

    private static JsonNode runs(String pipeline) {
        return Http.get(base + "/api/v1/pipelines/" + URLEncoder.encode(pipeline, StandardCharsets.UTF_8)
                + "/runs?limit=100").json().get("items");
    }

    private static JsonNode spans(String traceId) {
        return Http.get(base + "/api/v1/runs/" + traceId).json().get("spans");
    }

    private static JsonNode step(JsonNode steps, String name) {
        for (JsonNode s : steps) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no step '" + name + "' in " + steps);
    }
}
