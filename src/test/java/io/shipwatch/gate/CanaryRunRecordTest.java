package io.shipwatch.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.core.TimeWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A canary run's stored form: each step as it ran, with the weight in effect, judgements and both groups' points. */
class CanaryRunRecordTest {
    private static final Instant START = Instant.parse("2026-11-26T14:00:00Z");
    private static final String SPEC = """
            name: checkout-canary
            provider: {type: prometheus, url: "http://127.0.0.1:9090"}
            vars: {service: checkout}
            baseline: {version: v1}
            canary: {version: v2}
            metrics:
              - name: errors
                query: 'errors{version="{{version}}"}'
            analysis: {interval: 1m, count: 2}
            steps: [{setWeight: 10}, {pause: {duration: 5m}}, {analyze: {}}, {setWeight: 50}, {analyze: {}}]
            """;

    private static CanaryJudgement judgement(Decision decision, TimeWindow window) {
        GroupStats canary = GroupStats.of(new double[] {0.2, 0.3}, 1);
        GroupStats baseline = GroupStats.of(new double[] {0.1}, 0);
        MetricJudgement m = new MetricJudgement("errors", decision == Decision.PROMOTE ? MetricOutcome.PASS
                : MetricOutcome.HIGH, true, decision != Decision.PROMOTE, true, "default", canary, baseline, 0.15, 0.1,
                0.2, 0.01, 2.5, false, "why");
        return new CanaryJudgement("checkout-canary", decision, decision == Decision.PROMOTE ? 100 : 0, "because",
                window, List.of(m), false);
    }

    private static CanaryAnalysis run(Decision... decisions) throws InterruptedException {
        CanarySpec spec = CanarySpecParser.parse(SPEC, "canary.yaml", Map.of());
        CanaryRunRecord record = new CanaryRunRecord(spec);
        Deque<Decision> next = new ArrayDeque<>(List.of(decisions));
        Instant[] now = {START};
        CanaryRun.Result result = new CanaryRun(spec, new CanaryRun.Ports() {
            @Override
            public CanaryJudgement judge(TimeWindow window) {
                return judgement(next.pop(), window);
            }

            @Override
            public String act(String name, CanaryAction action, Map<String, String> vars) {
                return null;
            }

            @Override
            public Instant now() {
                return now[0];
            }

            @Override
            public void sleep(Duration duration) {
                now[0] = now[0].plus(duration);
            }

            @Override
            public void progress(CanaryRun.Event event) {
                record.on(event);
            }
        }).run();
        return record.finish("id-1", result, "production", "deploy-1", START, now[0]);
    }

    @Test
    void promotedRunKeepsEveryStepWithItsWeightAndJudgements() throws InterruptedException {
        CanaryAnalysis a = run(Decision.PROMOTE, Decision.PROMOTE, Decision.PROMOTE, Decision.PROMOTE);

        assertThat(a.outcome()).isEqualTo("promoted");
        assertThat(a.kind()).isEqualTo("run");
        assertThat(a.version()).isEqualTo("v2");
        assertThat(a.deploymentId()).isEqualTo("deploy-1");
        assertThat(a.finishedAt()).isEqualTo(START.plus(Duration.ofMinutes(9)));
        assertThat(a.steps()).extracting(s -> s.kind() + "@" + s.weightPercent() + ":" + s.phase() + ":"
                + s.judgements().size())
                .containsExactly("setWeight@10:null:0", "pause@10:null:0", "analyze@10:successful:2",
                        "setWeight@50:null:0", "analyze@50:successful:2");
        assertThat(a.steps().get(1).pauseMillis()).isEqualTo(300_000L);
        CanaryAnalysis.Metric m = a.steps().get(2).judgements().get(0).metrics().get(0);
        assertThat(m.canary()).containsExactly(0.2, 0.3);
        assertThat(m.baseline()).containsExactly(0.1);
        assertThat(m.pValue()).isEqualTo(0.01);
        assertThat(a.score()).isEqualTo(100.0);
    }

    @Test
    void rolledBackRunEndsAtTheFailedAnalysisWithItsReason() throws InterruptedException {
        CanaryAnalysis a = run(Decision.PROMOTE, Decision.ROLLBACK);

        assertThat(a.outcome()).isEqualTo("rolled_back");
        assertThat(a.reason()).startsWith("analysis failed at step 3/5");
        assertThat(a.steps()).extracting(s -> s.kind() + ":" + s.phase())
                .containsExactly("setWeight:null", "pause:null", "analyze:failed");
        assertThat(a.steps().get(2).judgements()).extracting(CanaryAnalysis.Judged::decision)
                .containsExactly("promote", "rollback");
        assertThat(a.steps().get(2).summary()).startsWith("2/2 measured, 1 failed");
        assertThat(a.score()).isEqualTo(0.0);
    }
}
