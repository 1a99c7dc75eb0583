import io.shipwatch.core.TimeWindow;
import io.shipwatch.gate.AnalysisLimits;
import io.shipwatch.gate.AnalysisRun;
import io.shipwatch.gate.CanaryJudge;
import io.shipwatch.gate.CanaryJudgement;
import io.shipwatch.gate.CanarySpec;
import io.shipwatch.gate.CanarySpecParser;
import io.shipwatch.providers.MetricsProvider;
import io.shipwatch.providers.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Decision quality of the canary judge, measured on seeded synthetic metric streams (see bench/README.md).
 * Usage: java -cp target/shipwatch.jar bench/CanaryDecisionBench.java [runs-per-scenario] [seed] [confidence]
 */
public class CanaryDecisionBench {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final int POINTS = 30;            // 15 minutes at a 30 s step
    static final double BASE_LATENCY = 0.200; // seconds
    static final double BASE_ERRORS = 0.005;  // 0.5 %
    static final AnalysisLimits LIMITS = new AnalysisLimits(Duration.ofMinutes(1), 5, 0, 0, 4, 6);

    static final String SPEC = """
            provider: {type: simulated}
            baseline: {version: v1}
            canary: {version: v2}
            step: 30s
            window: 15m
            metrics:
              - name: latency
                query: 'latency{version="{{version}}"}'
                direction: increase
                allowedIncrease: 1.1
              - name: error_rate
                query: 'errors{version="{{version}}"}'
                direction: increase
                allowedIncrease: 1.5
                critical: true
            confidence: %s
            analysis: {interval: 1m, count: 5, failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 4, minSamples: 6}
            """;

    record Scenario(String name, double latencyIncrease, double errorPoints) {
        boolean healthy() {
            return latencyIncrease == 0 && errorPoints == 0;
        }
    }

    /** Pre-generated streams of one run, served as range queries. */
    static final class SimulatedProvider implements MetricsProvider {
        final Map<String, double[]> streams = new HashMap<>();

        @Override
        public String type() {
            return "simulated";
        }

        @Override
        public List<Series> queryRange(String query, TimeWindow window, Duration step) {
            double[] values = streams.get(query);
            List<Series.Point> points = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                Instant t = T0.plusSeconds(30L * i);
                if (window.contains(t)) {
                    points.add(new Series.Point(t, values[i]));
                }
            }
            return List.of(new Series(Map.of(), points));
        }
    }

    /** The outcome of one simulated analysis: rolled back or not, and after how many minutes. */
    record Outcome(boolean rolledBack, int minutes) {
    }

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261126L;
        String confidence = args.length > 2 ? args[2] : "0.98";
        CanarySpec spec = CanarySpecParser.parse(SPEC.formatted(confidence), "bench", Map.of());
        List<Scenario> scenarios = List.of(new Scenario("healthy", 0, 0), new Scenario("latency +10%", 0.10, 0),
                new Scenario("latency +20%", 0.20, 0), new Scenario("latency +50%", 0.50, 0),
                new Scenario("errors +0.5pt", 0, 0.005), new Scenario("errors +1pt", 0, 0.01),
                new Scenario("errors +2pt", 0, 0.02));
        int[] traffic = {30, 300, 3000};          // requests per 30 s point and group: 1, 10, 100 req/s
        double[] noise = {0.5, 1.5};              // coefficient of variation of a request's latency
        System.out.printf(Locale.ROOT, "canary decision quality: %d runs per scenario, seed %d, analysis %s%n%n", runs,
                seed, "interval 1m, count 5, failureLimit 0, minSamples 6, confidence " + confidence);
        System.out.printf(Locale.ROOT, "%-10s %-5s %-14s %22s %22s%n", "req/s", "cv", "scenario",
                "shipwatch: rate  t(min)", "threshold: rate  t(min)");
        Map<Integer, double[]> worst = new java.util.TreeMap<>();
        Random random = new Random(seed);
        for (int n : traffic) {
            for (double cv : noise) {
                for (Scenario s : scenarios) {
                    int rolled = 0;
                    int rolledThreshold = 0;
                    long minutes = 0;
                    long minutesThreshold = 0;
                    for (int r = 0; r < runs; r++) {
                        SimulatedProvider provider = simulate(random, s, n, cv);
                        Outcome judge = judgeRun(new CanaryJudge(provider), spec);
                        Outcome plain = thresholdRun(provider);
                        if (judge.rolledBack()) {
                            rolled++;
                            minutes += judge.minutes();
                        }
                        if (plain.rolledBack()) {
                            rolledThreshold++;
                            minutesThreshold += plain.minutes();
                        }
                    }
                    double rate = (double) rolled / runs;
                    double rateThreshold = (double) rolledThreshold / runs;
                    System.out.printf(Locale.ROOT, "%-10s %-5s %-14s %15.1f%% %5s %15.1f%% %5s%n", n / 30, cv, s.name(),
                            100 * rate, rolled == 0 ? "-" : String.format(Locale.ROOT, "%.1f", (double) minutes / rolled),
                            100 * rateThreshold, rolledThreshold == 0 ? "-"
                                    : String.format(Locale.ROOT, "%.1f", (double) minutesThreshold / rolledThreshold));
                    // per traffic level: worst false rollbacks, worst detection (shipwatch, threshold)
                    double[] w = worst.computeIfAbsent(n / 30, k -> new double[] {0, 0, 1, 1});
                    if (s.healthy()) {
                        w[0] = Math.max(w[0], rate);
                        w[1] = Math.max(w[1], rateThreshold);
                    } else if (s.latencyIncrease() == 0.2 || s.errorPoints() == 0.01) {
                        w[2] = Math.min(w[2], rate);
                        w[3] = Math.min(w[3], rateThreshold);
                    }
                }
            }
        }
        System.out.println();
        worst.forEach((rps, w) -> System.out.printf(Locale.ROOT, "%4d req/s: false rollbacks on healthy canaries: "
                + "shipwatch %.1f%%, threshold %.1f%% (target <= 1%%); +20%% latency / +1pt errors caught: shipwatch "
                + "%.1f%%, threshold %.1f%% (target >= 95%%)%n", rps, 100 * w[0], 100 * w[1], 100 * w[2], 100 * w[3]));
    }

    /** Streams of one run: both groups share the load's drift; each point averages n requests. */
    static SimulatedProvider simulate(Random random, Scenario s, int n, double cv) {
        SimulatedProvider p = new SimulatedProvider();
        double[] drift = new double[POINTS];
        double walk = 0;
        for (int i = 0; i < POINTS; i++) {
            walk += 0.01 * random.nextGaussian();
            drift[i] = 0.1 * Math.sin(2 * Math.PI * i / 20.0) + walk;
        }
        p.streams.put("latency{version=\"v1\"}", latency(random, BASE_LATENCY, drift, n, cv));
        p.streams.put("latency{version=\"v2\"}", latency(random, BASE_LATENCY * (1 + s.latencyIncrease()), drift, n, cv));
        p.streams.put("errors{version=\"v1\"}", errors(random, BASE_ERRORS, n));
        p.streams.put("errors{version=\"v2\"}", errors(random, BASE_ERRORS + s.errorPoints(), n));
        return p;
    }

    static double[] latency(Random random, double mean, double[] drift, int n, double cv) {
        double[] out = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            out[i] = Math.max(0, mean * (1 + drift[i]) * (1 + cv / Math.sqrt(n) * random.nextGaussian()));
        }
        return out;
    }

    static double[] errors(Random random, double p, int n) {
        double[] out = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            double count;
            if (n <= 300) {
                count = 0;
                for (int k = 0; k < n; k++) {
                    count += random.nextDouble() < p ? 1 : 0;
                }
            } else {
                count = Math.max(0, Math.round(n * p + Math.sqrt(n * p * (1 - p)) * random.nextGaussian()));
            }
            out[i] = count / n;
        }
        return out;
    }

    /** One analysis step as canary run does it: a judgement each minute over the points since the step began. */
    static Outcome judgeRun(CanaryJudge judge, CanarySpec spec) {
        AnalysisRun run = AnalysisRun.start(LIMITS);
        int minute = 0;
        while (run.phase() == AnalysisRun.Phase.RUNNING && minute < POINTS / 2) {
            minute++;
            CanaryJudgement j = judge.judge(spec, new TimeWindow(T0, T0.plus(Duration.ofMinutes(minute))));
            run = run.record(AnalysisRun.measured(j));
        }
        return new Outcome(run.phase() != AnalysisRun.Phase.SUCCESSFUL, minute);
    }

    /** The plain threshold judge on the same windows: fail above +10 % mean latency or +0.5 point errors. */
    static Outcome thresholdRun(SimulatedProvider p) {
        AnalysisRun run = AnalysisRun.start(LIMITS);
        int minute = 0;
        while (run.phase() == AnalysisRun.Phase.RUNNING && minute < POINTS / 2) {
            minute++;
            int points = 2 * minute;
            boolean bad = mean(p.streams.get("latency{version=\"v2\"}"), points)
                    > 1.1 * mean(p.streams.get("latency{version=\"v1\"}"), points)
                    || mean(p.streams.get("errors{version=\"v2\"}"), points)
                    > mean(p.streams.get("errors{version=\"v1\"}"), points) + 0.005;
            run = run.record(bad ? AnalysisRun.Measured.FAILED : AnalysisRun.Measured.SUCCESSFUL);
        }
        return new Outcome(run.phase() != AnalysisRun.Phase.SUCCESSFUL, minute);
    }

    static double mean(double[] values, int points) {
        double sum = 0;
        for (int i = 0; i < points; i++) {
            sum += values[i];
        }
        return sum / points;
    }
}
