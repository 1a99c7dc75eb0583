package io.shipwatch.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeptnSpecsTest {

    private static String fixture(String name) {
        try (InputStream in = KeptnSpecsTest.class.getResourceAsStream("/gate/keptn/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GateSpec parse(String slo) {
        return KeptnSpecs.parse(fixture(slo), slo, fixture("sli.yaml"), "sli.yaml",
                KeptnSpecs.prometheus("http://127.0.0.1:9090"),
                Map.of("service", "checkout", "deployment", "canary"), Duration.ofMinutes(10), Duration.ofSeconds(10));
    }

    @Test
    void readsKeptnFilesAsAGate() {
        GateSpec spec = parse("slo.yaml");
        assertThat(spec.name()).isEqualTo("slo");
        Objective errors = spec.objectives().get(0);
        assertThat(errors.query()).isEqualTo(
                "avg_over_time(shipwatch_it_error_ratio{service=\"checkout\",version=\"canary\"}[600s])");
        assertThat(errors.aggregate()).isEqualTo(Aggregate.LAST);
        assertThat(errors.key()).isTrue();
        assertThat(errors.weight()).isEqualTo(2);
        assertThat(errors.warning().toString()).isEqualTo("<0.02");
        Objective latency = spec.objectives().get(1);
        assertThat(latency.pass().toString()).isEqualTo("<=+10% and <600 or <=500");
        assertThat(latency.weight()).isEqualTo(1); // Keptn: weight 0 or missing counts as 1
        assertThat(spec.objectives().get(2).informational()).isTrue();
        assertThat(spec.baseline()).isEqualTo(new BaselineSpec(null, 2, BaselineSpec.Include.PASS, Aggregate.AVG));
        assertThat(spec.passScore()).isEqualTo(90);
        assertThat(spec.warningScore()).isEqualTo(75);
    }

    @Test
    void sliWithoutAQueryNamesItsLine() {
        assertThatThrownBy(() -> parse("slo-unknown-sli.yaml"))
                .hasMessage("slo-unknown-sli.yaml:6: objectives[1].sli: sli 'saturation' has no query in sli.yaml; add "
                        + "it under indicators: in sli.yaml");
    }

    @Test
    void missingComparisonIsTheSinglePreviousResult() {
        String slo = "objectives:\n  - sli: error_rate\n    pass: [{criteria: ['<1']}]\ntotal_score: {pass: '90%'}\n";
        GateSpec spec = KeptnSpecs.parse(slo, "s.yaml", fixture("sli.yaml"), "sli.yaml",
                KeptnSpecs.prometheus("http://x"), Map.of(), Duration.ofMinutes(5), Duration.ofSeconds(5));
        assertThat(spec.baseline()).isEqualTo(new BaselineSpec(null, 1, BaselineSpec.Include.ALL, Aggregate.AVG));
        assertThat(spec.warningScore()).isZero();
    }

    @Test
    void missingTotalScoreIsKeptnsNoTargetScore() {
        String slo = "objectives:\n  - sli: error_rate\n";
        assertThatThrownBy(() -> KeptnSpecs.parse(slo, "s.yaml", fixture("sli.yaml"), "sli.yaml",
                KeptnSpecs.prometheus("http://x"), Map.of(), Duration.ofMinutes(5), Duration.ofSeconds(5)))
                .hasMessage("s.yaml:1: total_score.pass is missing (Keptn: \"no target score defined\"); add "
                        + "total_score: {pass: \"90%\", warning: \"75%\"}");
    }
}
