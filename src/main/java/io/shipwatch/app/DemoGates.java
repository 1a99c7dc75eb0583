package io.shipwatch.app;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.gate.BaselineSource;
import io.shipwatch.gate.CanaryAction;
import io.shipwatch.gate.CanaryAnalysisStore;
import io.shipwatch.gate.CanaryJudge;
import io.shipwatch.gate.CanaryJudgement;
import io.shipwatch.gate.CanaryRun;
import io.shipwatch.gate.CanaryRunRecord;
import io.shipwatch.gate.CanarySpec;
import io.shipwatch.gate.CanarySpecParser;
import io.shipwatch.gate.GateEvaluator;
import io.shipwatch.gate.GateRun;
import io.shipwatch.gate.GateRunStore;
import io.shipwatch.gate.GateSpec;
import io.shipwatch.gate.GateSpecParser;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentQuery;
import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.markers.MarkerService;
import io.shipwatch.providers.MetricsProvider;
import io.shipwatch.providers.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's verdicts, made by the real gate evaluator and canary judge on synthetic series: a release-health gate
 * after each recent production release (passes, one warning, and a fail at the bad checkout release), a canary run
 * of that bad release that was rolled back, and a promoted canary run of a later payments release.
 */
final class DemoGates {
    private static final int RELEASES_PER_SERVICE = 4;
    private static final Pattern VAR = Pattern.compile("(service|version)=\"([^\"]*)\"");
    private static final String GATE = """
            name: release-health
            provider: {type: prometheus, url: "http://prometheus.demo.invalid:9090"}
            window: 15m
            step: 30s
            totalScore: {pass: 90, warning: 75}
            objectives:
              - name: error_ratio
                query: 'sum(rate(http_requests_total{service="{{service}}",version="{{version}}",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="{{service}}",version="{{version}}"}[1m]))'
                pass: ["< 0.01"]
                warning: ["< 0.02"]
                key: true
                weight: 2
              - name: p95_latency_seconds
                query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="{{service}}",version="{{version}}"}[1m])))'
                aggregate: p95
                pass: ["< 0.3"]
                warning: ["< 0.4"]
              - name: saturation
                query: 'avg(container_cpu_usage_ratio{service="{{service}}",version="{{version}}"})'
                pass: ["< 0.75"]
              - name: requests_per_second
                query: 'sum(rate(http_requests_total{service="{{service}}",version="{{version}}"}[1m]))'
            """;
    private static final String CANARY = """
            name: %1$s-canary
            provider: {type: prometheus, url: "http://prometheus.demo.invalid:9090"}
            vars: {service: %1$s}
            baseline: {version: "%2$s"}
            canary: {version: "%3$s"}
            window: 5m
            step: 10s
            metrics:
              - name: error_ratio
                query: 'sum(rate(http_requests_total{service="{{service}}",version="{{version}}",code=~"5.."}[30s])) / sum(rate(http_requests_total{service="{{service}}",version="{{version}}"}[30s]))'
                direction: increase
                allowedIncrease: 1.5
                critical: true
                mustHaveData: true
              - name: latency_seconds
                query: 'sum(rate(http_request_duration_seconds_sum{service="{{service}}",version="{{version}}"}[30s])) / sum(rate(http_request_duration_seconds_count{service="{{service}}",version="{{version}}"}[30s]))'
                direction: increase
                allowedIncrease: 1.2
              - name: cpu_ratio
                query: 'avg(container_cpu_usage_ratio{service="{{service}}",version="{{version}}"})'
            analysis: {interval: 2m, count: 3, minSamples: 5}
            steps: [{setWeight: 10}, {analyze: {}}, {setWeight: 50}, {analyze: {}}, {setWeight: 100}]
            """;

    private final Instant now;
    private final String badService;

    DemoGates(Instant now, String badService) {
        this.now = now;
        this.badService = badService;
    }

    /** Records the verdicts of the recent production releases found in the markers; returns how many. */
    int load(MarkerService markers, List<String> services, GateRunStore gates, CanaryAnalysisStore canaries) {
        int count = 0;
        for (String service : services) {
            List<Deployment> releases = releases(markers, service);
            for (int i = 0; i < releases.size(); i++) {
                Deployment d = releases.get(i);
                boolean bad = service.equals(badService) && d.status() == DeploymentStatus.ROLLED_BACK;
                // one release a little slow: its gate warns rather than passes
                boolean slow = service.equals("search") && i == 1;
                gates.save(gate(d, new Synthetic(bad ? d.version() : null, slow ? d.version() : null, now)));
                count++;
                if (bad) {
                    canaries.save(canary(d, releases, d.version()));
                    count++;
                }
            }
            if (service.equals("payments") && releases.size() > 1) {
                canaries.save(canary(releases.get(0), releases, null));
                count++;
            }
        }
        return count;
    }

    /** The service's newest production releases (rollbacks left out), newest first. */
    private List<Deployment> releases(MarkerService markers, String service) {
        List<Deployment> items = markers.list(new DeploymentQuery(service, "production", now.minus(Duration.ofDays(14)),
                now, DeploymentQuery.MAX_LIMIT, null)).items();
        return items.stream().filter(d -> d.finishedAt() != null && d.kind() != io.shipwatch.markers.DeploymentKind.ROLLBACK)
                .sorted(Comparator.comparing(Deployment::startedAt).reversed()).limit(RELEASES_PER_SERVICE).toList();
    }

    private GateRun gate(Deployment d, MetricsProvider provider) {
        GateSpec spec = GateSpecParser.parse(GATE, "demo/release-health.yaml",
                Map.of("service", d.service(), "environment", d.environment(), "version", d.version()));
        Instant end = d.finishedAt().plus(Duration.ofMinutes(15));
        TimeWindow window = new TimeWindow(d.finishedAt(), end.isAfter(now) ? now : end);
        var verdict = new GateEvaluator(provider).evaluate(spec, window, BaselineSource.NONE);
        return GateRun.of(UUID.randomUUID().toString(), verdict, d.service(), d.environment(), d.version(), d.id(),
                window.to());
    }

    /** A canary run of {@code d} against the release before it, as canary run would have recorded it. */
    private io.shipwatch.gate.CanaryAnalysis canary(Deployment d, List<Deployment> releases, String badVersion) {
        String baseline = releases.stream().filter(r -> r.startedAt().isBefore(d.startedAt())).map(Deployment::version)
                .findFirst().orElse(d.version());
        CanarySpec spec = CanarySpecParser.parse(CANARY.formatted(d.service(), baseline, d.version()),
                "demo/" + d.service() + "-canary.yaml", Map.of());
        CanaryJudge judge = new CanaryJudge(new Synthetic(badVersion, null, now));
        CanaryRunRecord record = new CanaryRunRecord(spec);
        Instant[] clock = {d.startedAt()};
        CanaryRun.Result result;
        try {
            result = new CanaryRun(spec, new CanaryRun.Ports() {
                @Override
                public CanaryJudgement judge(TimeWindow window) {
                    return judge.judge(spec, window);
                }

                @Override
                public String act(String name, CanaryAction action, Map<String, String> vars) {
                    return null;
                }

                @Override
                public Instant now() {
                    return clock[0];
                }

                @Override
                public void sleep(Duration duration) {
                    clock[0] = clock[0].plus(duration);
                }

                @Override
                public void progress(CanaryRun.Event event) {
                    record.on(event);
                }
            }).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("demo canary interrupted", e);
        }
        return record.finish(UUID.randomUUID().toString(), result, d.environment(), d.id(), d.startedAt(), clock[0]);
    }

    /**
     * Synthetic series for the demo's queries, told apart by metric name and version: a healthy service, the bad
     * version's errors and latency, or the slow version's latency. Seeded by the query and the window's offset from
     * the demo's start, so the same on every run.
     */
    private record Synthetic(String badVersion, String slowVersion, Instant origin) implements MetricsProvider {
        @Override
        public String type() {
            return "demo";
        }

        @Override
        public List<Series> queryRange(String query, TimeWindow window, Duration step) {
            String version = "";
            Matcher m = VAR.matcher(query);
            while (m.find()) {
                if (m.group(1).equals("version")) {
                    version = m.group(2);
                }
            }
            boolean bad = version.equals(badVersion);
            boolean slow = version.equals(slowVersion);
            Random random = new Random(query.hashCode() * 31L + Duration.between(origin, window.from()).toMillis());
            List<Series.Point> points = new ArrayList<>();
            for (Instant t = window.from(); !t.isAfter(window.to()); t = t.plus(step)) {
                points.add(new Series.Point(t, value(query, bad, slow, random)));
            }
            return List.of(new Series(Map.of("version", version), points));
        }

        private static double value(String query, boolean bad, boolean slow, Random random) {
            double noise = random.nextGaussian();
            if (query.contains("code=~\"5..\"")) {
                return Math.max(0, bad ? 0.11 + 0.025 * noise : 0.003 + 0.0012 * noise);
            }
            if (query.contains("histogram_quantile")) {
                return bad ? 0.52 + 0.06 * noise : slow ? 0.34 + 0.02 * noise : 0.21 + 0.025 * noise;
            }
            if (query.contains("duration_seconds_sum")) {
                return bad ? 0.19 + 0.02 * noise : 0.085 + 0.008 * noise;
            }
            if (query.contains("cpu_usage")) {
                return Math.min(1, Math.max(0, (bad ? 0.68 : 0.44) + 0.04 * noise));
            }
            return Math.max(0, 120 + 15 * noise);
        }
    }
}
