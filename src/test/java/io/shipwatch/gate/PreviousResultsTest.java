package io.shipwatch.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.core.TimeWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keptn's comparison with previous results: which results count, how many, and how they are aggregated. */
class PreviousResultsTest {
    private static final Objective RT = new Objective("rt", "q", Aggregate.AVG,
            new Criteria(List.of(List.of(Criterion.parse("<=+10%", "x")))), Criteria.NONE, 1, false, NoDataPolicy.FAIL,
            "g.yaml:3");

    private static GateRun run(GateResult result, Double rt) {
        Instant t = Instant.parse("2026-11-26T14:00:00Z");
        List<GateRun.Measured> m = new ArrayList<>();
        m.add(new GateRun.Measured("rt", rt, rt == null ? "nodata" : "pass", rt == null ? 0 : 10));
        return new GateRun("id", "g", "s", "e", "1", null, result, 100.0, new TimeWindow(t, t), t, "", m);
    }

    @Test
    void averagesTheNewestIncludedResults() {
        List<GateRun> newestFirst = List.of(run(GateResult.PASS, 10.0), run(GateResult.FAIL, 50.0),
                run(GateResult.PASS, 20.0), run(GateResult.PASS, 90.0));
        Baseline all = new PreviousResults(newestFirst, new BaselineSpec(null, 2, BaselineSpec.Include.ALL,
                Aggregate.AVG)).baseline(RT);
        assertThat(all.value()).isEqualTo(30.0);
        assertThat(all.description()).isEqualTo("avg of 2 previous results");
        Baseline passed = new PreviousResults(newestFirst, new BaselineSpec(null, 2, BaselineSpec.Include.PASS,
                Aggregate.AVG)).baseline(RT);
        assertThat(passed.value()).isEqualTo(15.0);
        assertThat(passed.description()).isEqualTo("avg of 2 previous passed results");
        Baseline newest = new PreviousResults(newestFirst, new BaselineSpec(null, 3, BaselineSpec.Include.PASS,
                Aggregate.LAST)).baseline(RT);
        assertThat(newest.value()).isEqualTo(10.0);
    }

    @Test
    void errorsAndMissingValuesAreNotBaselines() {
        List<GateRun> newestFirst = List.of(run(GateResult.ERROR, null), run(GateResult.FAIL, null));
        Baseline b = new PreviousResults(newestFirst, BaselineSpec.DEFAULT).baseline(RT);
        assertThat(b.present()).isFalse();
        assertThat(b.description()).isEqualTo("no value for 'rt' in the previous 1 results");
        assertThat(new PreviousResults(List.of(), BaselineSpec.DEFAULT).baseline(RT).description())
                .isEqualTo("no previous results");
    }
}
