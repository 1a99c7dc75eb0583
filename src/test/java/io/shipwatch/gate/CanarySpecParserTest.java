package io.shipwatch.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanarySpecParserTest {

    private static CanarySpec parse(String name) {
        try (InputStream in = CanarySpecParserTest.class.getResourceAsStream("/gate/canary/" + name)) {
            return CanarySpecParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name, Map.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsTheReferenceSpec() {
        CanarySpec spec = parse("good.yaml");
        assertThat(spec.baselineVars()).containsEntry("version", "v1").containsEntry("service", "checkout");
        assertThat(spec.canaryVars()).containsEntry("version", "v2");
        assertThat(spec.service()).isEqualTo("checkout");
        assertThat(spec.metrics()).extracting(CanaryMetric::name).containsExactly("error_rate", "latency_p95");
        CanaryMetric errors = spec.metrics().get(0);
        assertThat(errors.direction()).isEqualTo(CanaryMetric.Direction.INCREASE);
        assertThat(errors.allowedIncrease()).isEqualTo(1.1);
        assertThat(errors.critical()).isTrue();
        assertThat(errors.mustHaveData()).isTrue();
        assertThat(spec.metrics().get(1).group()).isEqualTo("latency");
        assertThat(spec.confidence()).isEqualTo(0.98);
        assertThat(spec.analysis()).isEqualTo(new AnalysisLimits(Duration.ofMinutes(1), 5, 0, 0, 4, 50));
        assertThat(spec.steps()).containsExactly(new CanaryStep.SetWeight(5),
                new CanaryStep.Analyze(new AnalysisLimits(Duration.ofMinutes(1), 5, 0, 0, 4, 50)),
                new CanaryStep.SetWeight(50), new CanaryStep.Pause(Duration.ofMinutes(2)),
                new CanaryStep.Analyze(new AnalysisLimits(Duration.ofMinutes(1), 3, 0, 0, 4, 50)),
                new CanaryStep.SetWeight(100));
        assertThat(spec.actions().get("setWeight")).isEqualTo(new CanaryAction.Command(
                List.of("kubectl", "argo", "rollouts", "set", "weight", "checkout", "{{weight}}")));
        assertThat(spec.actions().get("promote")).isEqualTo(new CanaryAction.Webhook("https://deploy.example/promote",
                Map.of("X-Team", "payments")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "same-query.yaml | same-query.yaml:6: metrics[0].query: the query is the same for the baseline and the "
                    + "canary; use a variable that differs between them, such as {{version}}",
            "bad-action.yaml | bad-action.yaml:7: actions.rollback.command: is not a list of the program and its "
                    + "arguments; write [\"kubectl\", \"argo\", \"rollouts\", \"abort\", \"checkout\"]; no shell is used",
            "bad-step.yaml | bad-step.yaml:8: steps[1].setWeight: '150' is not a weight from 0 to 100; write a "
                    + "percentage such as 5"})
    void badSpecIsOneLineNamingFileAndLine(String file, String message) {
        assertThatThrownBy(() -> parse(file)).hasMessage(message);
    }
}
