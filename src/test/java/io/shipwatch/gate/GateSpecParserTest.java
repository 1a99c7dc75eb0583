package io.shipwatch.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateSpecParserTest {

    static String fixture(String name) {
        try (InputStream in = GateSpecParserTest.class.getResourceAsStream("/gate/specs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GateSpec parse(String name, Map<String, String> vars) {
        return GateSpecParser.parse(fixture(name), name, vars);
    }

    @Test
    void readsEveryKeyOfTheReferenceSpec() {
        GateSpec spec = parse("good.yaml", Map.of("version", "2.1.0"));
        assertThat(spec.name()).isEqualTo("checkout-release");
        assertThat(spec.provider().type()).isEqualTo("prometheus");
        assertThat(spec.provider().setting("url")).isEqualTo("http://127.0.0.1:9090");
        assertThat(spec.provider().where()).isEqualTo("good.yaml:3");
        assertThat(spec.window()).isEqualTo(Duration.ofMinutes(10));
        assertThat(spec.step()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.vars()).containsEntry("service", "checkout").containsEntry("version", "2.1.0");
        assertThat(spec.objectives()).hasSize(3);
        Objective errors = spec.objectives().get(0);
        assertThat(errors.weight()).isEqualTo(2);
        assertThat(errors.key()).isTrue();
        assertThat(errors.pass().sets()).hasSize(1);
        assertThat(errors.warning().toString()).isEqualTo("< 0.02");
        assertThat(errors.where()).isEqualTo("good.yaml:8");
        Objective latency = spec.objectives().get(1);
        assertThat(latency.aggregate()).isEqualTo(Aggregate.P95);
        assertThat(latency.pass().toString()).isEqualTo("< 0.5 or <=+10%");
        assertThat(latency.noData()).isEqualTo(NoDataPolicy.FAIL);
        Objective throughput = spec.objectives().get(2);
        assertThat(throughput.informational()).isTrue();
        assertThat(throughput.noData()).isEqualTo(NoDataPolicy.IGNORE);
        assertThat(spec.baseline().version()).isEqualTo("2.0.4");
        assertThat(spec.passScore()).isEqualTo(90);
        assertThat(spec.warningScore()).isEqualTo(75);
        assertThat(spec.minSamples()).isEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad-criterion.yaml | bad-criterion.yaml:7: '<< 5' is not a criterion; write an operator (<, <=, =, >=, >) "
                    + "and a number, such as '< 0.01', or a change from the baseline such as '<=+10%', '>=-5%' or '<=+0.2'",
            "missing-query.yaml | missing-query.yaml:3: objectives[0]: 'query' is missing; write the query whose value "
                    + "is judged, such as 'sum(rate(http_requests_total{code=~\"5..\"}[1m]))'",
            "bad-duration.yaml | bad-duration.yaml:2: window: '10 minutes' is not a duration; write a duration such as "
                    + "30s, 10m or 1h",
            "unknown-key.yaml | unknown-key.yaml:6: objectives[0].wieght: unknown key 'wieght'; known keys here: "
                    + "aggregate, key, name, noData, pass, query, warning, weight",
            "not-yaml.yaml | not-yaml.yaml:4: not valid YAML: while scanning a quoted scalar, found unexpected end of stream; check the indentation and quoting",
            "unknown-var.yaml | unknown-var.yaml:5: the query uses {{version}} but it has no value; pass --var "
                    + "version=VALUE, or set it under vars:",
            "mixed-criteria.yaml | mixed-criteria.yaml:5: objectives[0].pass[1]: mixes criteria and lists of criteria; "
                    + "write either [\"< 1\", \"<=+10%\"] (all must hold) or [[\"< 1\"], [\"<=+10%\"]] (one set must hold)"})
    void badSpecIsOneLineNamingFileAndLine(String file, String message) {
        assertThatThrownBy(() -> parse(file, Map.of()))
                .isInstanceOf(InputException.class)
                .hasMessage(message);
    }

    @Test
    void unknownProviderNamesTheLineOfItsType() {
        GateSpec spec = parse("unknown-provider.yaml", Map.of());
        assertThat(GateSpecParser.unknownProvider(spec.provider(), java.util.List.of("prometheus", "datadog")))
                .hasMessage("unknown-provider.yaml:3: provider.type: unknown provider 'promethus'; known providers: "
                        + "prometheus, datadog");
    }

    @Test
    void refusesWarningScoreAbovePassScore() {
        String yaml = "provider: {type: prometheus, url: http://x}\nobjectives: [{name: a, query: x, pass: ['<1']}]\n"
                + "totalScore: {pass: 70, warning: 80}\n";
        assertThatThrownBy(() -> GateSpecParser.parse(yaml, "g.yaml", Map.of()))
                .hasMessage("g.yaml:3: totalScore: warning score 80 is above pass score 70; write a warning score at or "
                        + "below the pass score, such as {pass: 90, warning: 75}");
    }

    @Test
    void refusesPinnedVersionAndPreviousTogether() {
        String yaml = "provider: {type: prometheus, url: http://x}\nobjectives: [{name: a, query: x, pass: ['<1']}]\n"
                + "baseline:\n  version: '1.0'\n  from: previous\n";
        assertThatThrownBy(() -> GateSpecParser.parse(yaml, "g.yaml", Map.of()))
                .hasMessageStartingWith("g.yaml:5: baseline.from: both from and version are set;");
    }

    @Test
    void varFlagWinsOverSpecVars() {
        String yaml = "provider: {type: prometheus, url: http://x}\nvars: {version: a}\n"
                + "objectives: [{name: a, query: 'x{v=\"{{version}}\"}', pass: ['<1']}]\n";
        assertThat(GateSpecParser.parse(yaml, "g.yaml", Map.of("version", "b")).vars()).containsEntry("version", "b");
    }
}
