package io.shipwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.gate.GateResult;
import io.shipwatch.gate.GateVerdict;
import io.shipwatch.gate.ObjectiveResult;
import io.shipwatch.gate.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GateReportsTest {
    private static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2026-11-26T14:00:00Z"),
            Instant.parse("2026-11-26T14:10:00Z"));

    private static GateVerdict verdict() {
        ObjectiveResult errors = new ObjectiveResult("error_rate", Outcome.FAIL, 0.031, null, 20, false, 2, 0, true, true,
                "avg of 20 points = 0.031; violates < 0.01", "q1", "< 0.01", "< 0.02");
        ObjectiveResult latency = new ObjectiveResult("latency|p95", Outcome.PASS, 0.25, 0.24, 3, true, 1, 1, true, false,
                "p95 of 3 points = 0.25; meets < 0.5", "q2", "< 0.5", null);
        return new GateVerdict("checkout", GateResult.FAIL, 33.333333333, "key objective 'error_rate' failed: x", WINDOW,
                90, 75, List.of(errors, latency), Map.of("version", "2.1"));
    }

    @Test
    void tableShowsEveryNumberAndTheVerdict() {
        String table = GateReports.render(verdict(), "table");
        assertThat(table).contains("OBJECTIVE         RESULT  VALUE  BASELINE  SAMPLES  PASS    WARNING  SCORE")
                .contains("error_rate (key)  fail    0.031  -         20       < 0.01  < 0.02   0/2")
                .contains("latency|p95       pass    0.25   0.24      3 (low)  < 0.5   -        1/1")
                .contains("gate checkout: FAIL (score 33.3333) - key objective 'error_rate' failed: x");
    }

    @Test
    void markdownEscapesPipesAndFlagsLowSamples() {
        String md = GateReports.render(verdict(), "markdown");
        assertThat(md).startsWith("### ❌ Quality gate `checkout`: **fail** (score 33.3333)")
                .contains("| latency\\|p95 | ✅ pass | 0.25 | 0.24 | 3 ⚠️ | < 0.5 | - | 1/1 |")
                .contains("| error_rate 🔑 | ❌ fail | 0.031 | - | 20 | < 0.01 | < 0.02 | 0/2 |");
    }

    @Test
    void junitEscapesXml() {
        String xml = GateReports.render(verdict(), "junit");
        assertThat(xml).contains("<failure message=\"avg of 20 points = 0.031; violates &lt; 0.01\" type=\"fail\"/>")
                .contains("tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\"");
    }

    @Test
    void jsonKeepsNullsAndTheContractFields() {
        String json = GateReports.render(verdict(), "json");
        assertThat(json).startsWith("{\"gate\":\"checkout\",\"result\":\"fail\",\"score\":33.333333,")
                .contains("\"name\":\"error_rate\",\"value\":0.031,\"baseline\":null,\"samples\":20,")
                .contains("\"result\":\"fail\"").contains("\"reason\":\"avg of 20 points = 0.031; violates < 0.01\"");
    }
}
