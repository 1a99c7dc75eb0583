package io.shipwatch.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hangs the suites and cases of JUnit reports under the step that ran them. Reports give durations but rarely usable
 * start times (Surefire gives none, jest a time without a zone), so suites are laid end to end from the step's start
 * in report order, and cases end to end within their suite. Ids derive from the step and the test's names, so
 * importing the same reports again overwrites the same spans. Every span is marked {@code shipwatch.span.type=test},
 * which keeps test cases out of the step trends.
 */
public final class TestSpans {
    private TestSpans() {
    }

    public static List<PipelineSpan> of(List<TestReport> reports, String traceId, String parentSpanId, long startNanos) {
        List<PipelineSpan> spans = new ArrayList<>();
        long cursor = startNanos;
        for (TestReport report : reports) {
            for (TestReport.Suite suite : report.suites()) {
                String suiteId = TraceIds.spanId(traceId, "test-suite", parentSpanId, report.source(), suite.name());
                long caseCursor = cursor;
                boolean failed = false;
                int flaky = 0;
                for (int i = 0; i < suite.cases().size(); i++) {
                    TestReport.Case c = suite.cases().get(i);
                    String full = c.className() == null || c.className().equals(c.name()) ? c.name() : c.className() + "." + c.name();
                    Map<String, Object> a = new LinkedHashMap<>();
                    a.put(GitHubActionsRunParser.SPAN_TYPE, "test");
                    a.put("test.suite.name", suite.name());
                    a.put("test.case.name", full);
                    a.put("test.case.result.status", switch (c.outcome()) {
                        case PASSED, FLAKY -> "pass";
                        case FAILED, ERROR -> "fail";
                        case SKIPPED -> "skipped";
                    });
                    if (c.outcome() == TestReport.Outcome.FLAKY) {
                        a.put("shipwatch.test.flaky", true);
                        flaky++;
                    }
                    if (c.reruns() > 0) {
                        a.put("shipwatch.test.reruns", (long) c.reruns());
                    }
                    boolean bad = c.outcome() == TestReport.Outcome.FAILED || c.outcome() == TestReport.Outcome.ERROR;
                    failed |= bad;
                    spans.add(new PipelineSpan(traceId, TraceIds.spanId(traceId, "test-case", suiteId, full, String.valueOf(i)),
                            suiteId, full, caseCursor, caseCursor + c.durationNanos(),
                            bad ? SpanStatus.ERROR : c.outcome() == TestReport.Outcome.SKIPPED ? SpanStatus.UNSET : SpanStatus.OK,
                            bad ? (c.message() == null ? c.outcome().name().toLowerCase(java.util.Locale.ROOT) : c.message()) : null,
                            a, null));
                    caseCursor += c.durationNanos();
                }
                long end = cursor + Math.max(suite.durationNanos(), caseCursor - cursor);
                Map<String, Object> sa = new LinkedHashMap<>();
                sa.put(GitHubActionsRunParser.SPAN_TYPE, "test");
                sa.put("test.suite.name", suite.name());
                sa.put("test.suite.run.status", failed ? "failure" : "success");
                sa.put("shipwatch.test.cases", (long) suite.cases().size());
                if (flaky > 0) {
                    sa.put("shipwatch.test.flaky", (long) flaky);
                }
                spans.add(new PipelineSpan(traceId, suiteId, parentSpanId, suite.name(), cursor, end,
                        failed ? SpanStatus.ERROR : SpanStatus.OK, failed ? "failed tests" : null, sa, null));
                cursor = end;
            }
        }
        return spans;
    }
}
