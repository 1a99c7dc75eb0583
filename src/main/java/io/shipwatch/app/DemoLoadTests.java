package io.shipwatch.app;

import io.shipwatch.loadtest.CompareRules;
import io.shipwatch.loadtest.Comparison;
import io.shipwatch.loadtest.ComparisonReport;
import io.shipwatch.loadtest.Level;
import io.shipwatch.loadtest.LoadTestParsers;
import io.shipwatch.loadtest.LoadTestResult;
import io.shipwatch.loadtest.LoadTestRun;
import io.shipwatch.loadtest.LoadTestRunStore;
import io.shipwatch.loadtest.MedianBaseline;
import io.shipwatch.loadtest.RunStatus;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's load tests: every recent build of checkout and search was load-tested in staging before production. Each
 * run is a JMeter CSV written here and read by the real parser (so labels carry histograms), judged against the last
 * passed run as {@code loadtest compare --baseline last-passed} judges, and stored with its verdict. Under peak load
 * the bad checkout release made {@code POST /api/checkout} much slower and failed: the one failed run.
 */
final class DemoLoadTests {
    static final String REGRESSED_LABEL = "POST /api/checkout";
    static final int BUILDS = 12;

    /** A scenario: its service and name, requests per label, and the labels' median latencies in milliseconds. */
    private record Scenario(String service, String name, int perLabel, Duration length, Map<String, Integer> labels) {
    }

    private static final Map<String, Integer> CHECKOUT = Map.of("GET /api/products", 45, "POST /api/cart", 110,
            REGRESSED_LABEL, 220, "GET /api/orders/{id}", 70);
    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("checkout", "smoke", 400, Duration.ofMinutes(2), CHECKOUT),
            new Scenario("checkout", "peak", 2500, Duration.ofMinutes(10), CHECKOUT),
            new Scenario("search", "smoke", 400, Duration.ofMinutes(2), Map.of("GET /search?q={term}", 85,
                    "GET /suggest?prefix={p}", 30, "GET /facets", 60)));

    private final Random random = new Random(20261204L);
    private final String regressedVersion;

    /** {@code regressedVersion}: the checkout build whose peak test finds the regression. */
    DemoLoadTests(String regressedVersion) {
        this.regressedVersion = regressedVersion;
    }

    /** Stores the runs of each scenario, oldest first, so each is judged against the runs before it. */
    int load(LoadTestRunStore store, List<Deployment> deployments) {
        int count = 0;
        for (Scenario scenario : SCENARIOS) {
            List<Deployment> builds = deployments.stream()
                    .filter(d -> d.service().equals(scenario.service()) && d.environment().equals("production")
                            && d.kind() == DeploymentKind.DEPLOY)
                    .sorted(Comparator.comparing(Deployment::startedAt)).toList();
            builds = builds.subList(Math.max(0, builds.size() - BUILDS), builds.size());
            for (Deployment build : builds) {
                Instant endedAt = build.startedAt().minus(Duration.ofMinutes(25 + random.nextInt(10)));
                boolean regressed = scenario.name().equals("peak") && build.version().equals(regressedVersion);
                LoadTestResult result = result(scenario, build.version(), endedAt.minus(scenario.length()), regressed);
                store.insert(new LoadTestRun(null, scenario.service(), scenario.name(), build.version(),
                        judge(store, scenario, result), endedAt.plusSeconds(20), result, List.of()));
                count++;
            }
        }
        return count;
    }

    /** Failed when it breaks the default rules against the newest passed run; the first run passes. */
    private static RunStatus judge(LoadTestRunStore store, Scenario scenario, LoadTestResult candidate) {
        List<LoadTestRun> baseline = store.find(new LoadTestRunStore.RunQuery(scenario.service(), scenario.name(),
                RunStatus.PASSED, null, 1));
        if (baseline.isEmpty()) {
            return RunStatus.PASSED;
        }
        ComparisonReport report = Comparison.compare(MedianBaseline.of(List.of(baseline.get(0).result())), candidate,
                CompareRules.defaults(), 0.95);
        return report.result() == Level.FAIL ? RunStatus.FAILED : RunStatus.PASSED;
    }

    /** A JMeter CSV of the run, log-normal latencies around each label's median with a small drift per build. */
    private LoadTestResult result(Scenario scenario, String version, Instant start, boolean regressed) {
        List<String> labels = scenario.labels().keySet().stream().sorted().toList();
        double drift = 1 + 0.04 * (random.nextDouble() - 0.5);
        int total = scenario.perLabel() * labels.size();
        double gapMs = (double) scenario.length().toMillis() / total;
        StringBuilder csv = new StringBuilder("timeStamp,elapsed,label,responseCode,responseMessage,threadName,"
                + "dataType,success,failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect\n");
        for (int i = 0; i < total; i++) {
            String label = labels.get(i % labels.size());
            boolean slow = regressed && label.equals(REGRESSED_LABEL);
            double ms = scenario.labels().get(label) * drift * (slow ? 1.7 : 1) * Math.exp(random.nextGaussian() * 0.35);
            long elapsed = Math.max(1, Math.round(ms));
            boolean ok = random.nextDouble() >= (slow ? 0.03 : 0.001);
            long time = start.toEpochMilli() + Math.round(i * gapMs);
            csv.append(time).append(',').append(elapsed).append(",\"").append(label).append("\",")
                    .append(ok ? "200,OK" : "503,Service Unavailable").append(",Users 1-").append(i % 16 + 1)
                    .append(",text,").append(ok).append(',').append(ok ? "" : "\"Response code was 503\"")
                    .append(",1480,230,16,16,http://staging.demo/,").append(Math.max(0, elapsed - 3)).append(",0,1\n");
        }
        String source = scenario.service() + "-" + scenario.name() + "-" + version + ".jtl";
        try {
            return LoadTestParsers.read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                    source, source, "jmeter-csv");
        } catch (IOException e) {
            throw new UncheckedIOException("demo load test " + source + " cannot be read", e);
        }
    }
}
