package io.shipwatch.app;

import io.shipwatch.app.DemoTestReports.Flaky;
import io.shipwatch.app.DemoTestReports.TestClass;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentKind;
import io.shipwatch.pipeline.PipelineService;
import io.shipwatch.pipeline.PipelineSpan;
import io.shipwatch.pipeline.SpanLink;
import io.shipwatch.pipeline.SpanStatus;
import io.shipwatch.pipeline.TestReport;
import io.shipwatch.pipeline.TestSpans;
import io.shipwatch.pipeline.TraceIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The demo's CI history: a build-and-test pipeline per service whose runs built the commits the demo deployed (same
 * sha and CI run id), as build, integration, package and deploy jobs with their steps and JUnit reports. The checkout
 * pipeline tells a story: compile got slower in the newest runs, one integration test is flaky (failed runs are
 * re-run and pass), one branch did not compile, and the newest unit tests report a parameterised suite of 760 cases.
 */
final class DemoPipelines {
    static final String CHECKOUT = "checkout-build-and-test";
    static final String SLOWED_STEP = "build / compile";
    static final int SLOWED_RUNS = 8;
    static final String BIG_SUITE = "io.demo.checkout.pricing.PriceCalculatorTest";
    static final int BIG_SUITE_CASES = 760;
    private static final List<String> SERVICES = List.of("checkout", "search", "payments");
    private static final int CHECKOUT_RUNS = 24;
    private static final int OTHER_RUNS = 14;

    private final Random random = new Random(20261203L);
    private final List<PipelineSpan> spans = new ArrayList<>();

    /** Stores every run through the pipeline service, as an import would; returns how many runs. */
    int load(PipelineService pipelines, List<Deployment> deployments) {
        int count = 0;
        for (String service : SERVICES) {
            List<Deployment> releases = deployments.stream()
                    .filter(d -> d.service().equals(service) && d.environment().equals("production")
                            && d.kind() == DeploymentKind.DEPLOY)
                    .sorted(Comparator.comparing(Deployment::startedAt)).toList();
            boolean story = service.equals("checkout");
            int n = Math.min(releases.size(), story ? CHECKOUT_RUNS : OTHER_RUNS);
            releases = releases.subList(releases.size() - n, releases.size());
            for (int i = 0; i < n; i++) {
                Deployment release = releases.get(i);
                int age = n - 1 - i; // 0 is the newest
                // built well before its staging deployment (40 to 100 minutes before production)
                Instant start = release.startedAt().minus(Duration.ofMinutes(115 + random.nextInt(20)));
                Plan plan = story ? storyPlan(age) : new Plan(false, false, Flaky.PASSED, false);
                if (story && age == 13) { // a branch between two releases that did not compile
                    count += run(pipelines, service, sha(), String.valueOf(release.pipelineRunId() + "0"), "1",
                            "feature/split-tender", start.minus(Duration.ofHours(3)),
                            new Plan(false, false, Flaky.PASSED, true), null);
                }
                String attemptOne = runTrace(service, release.pipelineRunId(), "1");
                count += run(pipelines, service, release.commitSha(), release.pipelineRunId(), "1", "main", start,
                        plan, null);
                if (plan.flaky() == Flaky.FAILED) { // re-run, and the flaky test passes
                    count += run(pipelines, service, release.commitSha(), release.pipelineRunId(), "2", "main",
                            start.plus(Duration.ofMinutes(16)), new Plan(plan.slowCompile(), plan.bigSuite(),
                                    Flaky.PASSED, false), attemptOne);
                }
            }
        }
        return count;
    }

    /** What happens in one run. */
    private record Plan(boolean slowCompile, boolean bigSuite, Flaky flaky, boolean compileFails) {
    }

    /** Fixed by age rather than drawn, so the story holds whatever the random durations. */
    private static Plan storyPlan(int age) {
        Flaky flaky = age == 2 || age == 9 || age == 17 ? Flaky.FAILED
                : age == 5 || age == 14 ? Flaky.PASSED_ON_RERUN : Flaky.PASSED;
        return new Plan(age < SLOWED_RUNS, age < 3, flaky, false);
    }

    static String pipelineName(String service) {
        return service + "-build-and-test";
    }

    static String repository(String service) {
        return "https://git.example.com/demo/" + service;
    }

    /** The CI's page of a run, as deployment markers link to it. */
    static String runUrl(String service, String runId) {
        return repository(service) + "/actions/runs/" + runId;
    }

    private static String runTrace(String service, String runId, String attempt) {
        return TraceIds.traceId("demo", repository(service), runId, attempt);
    }

    private int run(PipelineService pipelines, String service, String sha, String runId, String attempt, String branch,
                    Instant start, Plan plan, String previousTrace) {
        spans.clear();
        String trace = runTrace(service, runId, attempt);
        String root = TraceIds.runSpanId(trace);
        long t0 = nanos(start);
        long buildEnd = build(trace, root, t0 + seconds(5, 30), plan, service);
        long end = buildEnd;
        boolean ok = !plan.compileFails();
        if (ok) {
            long integrationEnd = integration(trace, root, buildEnd + seconds(2, 20), plan.flaky(), service);
            long packageEnd = job(trace, root, "package", buildEnd + seconds(2, 20), List.of(
                    new Step("docker build", 60), new Step("push image", 14)));
            ok = plan.flaky() != Flaky.FAILED;
            end = Math.max(integrationEnd, packageEnd);
            if (ok) {
                end = job(trace, root, "deploy", end + seconds(3, 25), List.of(new Step("deploy", 55),
                        new Step("smoke check", 12)));
            }
        }
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("cicd.pipeline.name", pipelineName(service));
        a.put("cicd.pipeline.run.id", runId);
        a.put("cicd.pipeline.run.url.full", runUrl(service, runId) + (attempt.equals("1") ? "" : "/attempts/" + attempt));
        a.put("cicd.pipeline.result", ok ? "success" : "failure");
        a.put("vcs.repository.url.full", repository(service));
        a.put("vcs.ref.head.name", branch);
        a.put("vcs.ref.head.revision", sha);
        a.put("shipwatch.ci.provider", "demo");
        a.put("shipwatch.run.attempt", attempt);
        a.put("shipwatch.demo", true);
        spans.add(0, new PipelineSpan(trace, root, null, pipelineName(service), t0, end + seconds(1, 3),
                ok ? SpanStatus.OK : SpanStatus.ERROR, ok ? null : "failure", a,
                previousTrace == null ? null : List.of(new SpanLink(previousTrace, TraceIds.runSpanId(previousTrace)))));
        pipelines.ingest(List.copyOf(spans));
        return 1;
    }

    /** A step of a job without tests: its name and typical seconds. */
    private record Step(String name, int seconds) {
    }

    private long build(String trace, String root, long start, Plan plan, String service) {
        long cursor = start;
        String job = TraceIds.spanId(trace, "job", "build");
        List<PipelineSpan> steps = new ArrayList<>();
        cursor = step(trace, job, "checkout", cursor, seconds(9, 12), SpanStatus.OK, null, steps);
        if (plan.compileFails()) {
            cursor = step(trace, job, "compile", cursor, seconds(25, 40), SpanStatus.ERROR,
                    "[ERROR] PaymentSplit.java:[42,17] cannot find symbol: class TenderSplit", steps);
        } else {
            long compile = plan.slowCompile() ? seconds(140, 165) : seconds(88, 104);
            cursor = step(trace, job, "compile", cursor, compile, SpanStatus.OK, null, steps);
            String unitStep = TraceIds.spanId(trace, "step", job, "unit tests");
            TestReport unit = DemoTestReports.report("target/surefire-reports/unit.xml", unitClasses(service,
                    plan.bigSuite()), Flaky.PASSED, random);
            List<PipelineSpan> tests = TestSpans.of(List.of(unit), trace, unitStep, cursor);
            long testsEnd = tests.stream().mapToLong(PipelineSpan::endNanos).max().orElse(cursor);
            cursor = step(trace, job, "unit tests", cursor, testsEnd - cursor + seconds(3, 8), SpanStatus.OK, null,
                    steps);
            steps.addAll(tests);
        }
        return addJob(trace, root, job, "build", start, cursor, plan.compileFails() ? "failed step: compile" : null,
                steps);
    }

    private long integration(String trace, String root, long start, Flaky flaky, String service) {
        String job = TraceIds.spanId(trace, "job", "integration");
        List<PipelineSpan> steps = new ArrayList<>();
        long cursor = step(trace, job, "checkout", start, seconds(9, 12), SpanStatus.OK, null, steps);
        cursor = step(trace, job, "start services", cursor, seconds(20, 26), SpanStatus.OK, null, steps);
        String stepId = TraceIds.spanId(trace, "step", job, "integration tests");
        List<TestClass> classes = service.equals("checkout")
                ? List.of(new TestClass(DemoTestReports.FLAKY_CLASS, 14, 6.0),
                        new TestClass("io.demo.checkout.PaymentsClientIT", 10, 4.0),
                        new TestClass("io.demo.checkout.InventoryReservationIT", 8, 5.0))
                : List.of(new TestClass("io.demo." + service + ".ApiIT", 16, 4.5),
                        new TestClass("io.demo." + service + ".StoreIT", 9, 3.5));
        TestReport report = DemoTestReports.report("target/failsafe-reports/integration.xml", classes, flaky, random);
        List<PipelineSpan> tests = TestSpans.of(List.of(report), trace, stepId, cursor);
        long testsEnd = tests.stream().mapToLong(PipelineSpan::endNanos).max().orElse(cursor);
        boolean failed = flaky == Flaky.FAILED;
        cursor = step(trace, job, "integration tests", cursor, testsEnd - cursor + seconds(2, 6),
                failed ? SpanStatus.ERROR : SpanStatus.OK, failed ? "1 test failed" : null, steps);
        steps.addAll(tests);
        return addJob(trace, root, job, "integration", start, cursor, failed ? "failed step: integration tests" : null,
                steps);
    }

    private long job(String trace, String root, String name, long start, List<Step> plan) {
        String job = TraceIds.spanId(trace, "job", name);
        List<PipelineSpan> steps = new ArrayList<>();
        long cursor = start;
        for (Step s : plan) {
            cursor = step(trace, job, s.name(), cursor, seconds(s.seconds() * 85 / 100, s.seconds() * 115 / 100),
                    SpanStatus.OK, null, steps);
        }
        return addJob(trace, root, job, name, start, cursor, null, steps);
    }

    private long addJob(String trace, String root, String job, String name, long start, long end, String failure,
                        List<PipelineSpan> steps) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("cicd.pipeline.task.name", name);
        a.put("cicd.pipeline.task.run.result", failure == null ? "success" : "failure");
        spans.add(new PipelineSpan(trace, job, root, name, start, end, failure == null ? SpanStatus.OK : SpanStatus.ERROR,
                failure, a, null));
        spans.addAll(steps);
        return end;
    }

    private long step(String trace, String job, String name, long start, long duration, SpanStatus status,
                      String message, List<PipelineSpan> out) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("cicd.pipeline.task.name", name);
        a.put("cicd.pipeline.task.run.result", status == SpanStatus.ERROR ? "failure" : "success");
        out.add(new PipelineSpan(trace, TraceIds.spanId(trace, "step", job, name), job, name, start, start + duration,
                status, message, a, null));
        return start + duration;
    }

    private List<TestClass> unitClasses(String service, boolean bigSuite) {
        if (!service.equals("checkout")) {
            return List.of(new TestClass("io.demo." + service + ".QueryParserTest", 48, 0.02),
                    new TestClass("io.demo." + service + ".RankingTest", 30, 0.05));
        }
        List<TestClass> classes = new ArrayList<>(List.of(new TestClass("io.demo.checkout.CartTest", 45, 0.04),
                new TestClass("io.demo.checkout.TaxRatesTest", 30, 0.03),
                new TestClass("io.demo.checkout.CouponRulesTest", 38, 0.05)));
        // the pricing table used to be one test; the newest runs report each of its rows as a case, a suite the
        // waterfall must collapse, in about the same time (so the step does not look slower)
        classes.add(1, bigSuite ? new TestClass(BIG_SUITE, BIG_SUITE_CASES, 0.09, "appliesPricingRule")
                : new TestClass(BIG_SUITE, 1, BIG_SUITE_CASES * 0.09, "appliesPricingRules"));
        return classes;
    }

    /** Between {@code min} and {@code max} seconds, in nanoseconds. */
    private long seconds(long min, long max) {
        return (min * 1000 + (long) (random.nextDouble() * (max - min) * 1000)) * 1_000_000L;
    }

    private String sha() {
        byte[] b = new byte[20];
        random.nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    private static long nanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
