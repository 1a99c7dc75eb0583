package io.shipwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompareRulesTest {

    @Test
    void readsTheIssueExamples() {
        List<Rule> rules = CompareRules.parse("""
                rules:
                  - {metric: p95, label: "*", maxIncrease: 10%, minDelta: 5ms}
                  - {metric: errorRate, max: 1%}
                  - metric: throughput
                    maxDecrease: 10%
                    level: warn
                """, "rules.yaml");

        assertThat(rules).containsExactly(
                new Rule(Metric.P95, "*", Level.FAIL, new Limit(0.10, true), null, new Limit(5, false), null, null,
                        "rules.yaml:2"),
                new Rule(Metric.ERROR_RATE, "*", Level.FAIL, null, null, null, new Limit(0.01, false), null,
                        "rules.yaml:3"),
                new Rule(Metric.THROUGHPUT, "*", Level.WARN, null, new Limit(0.10, true), null, null, null,
                        "rules.yaml:4"));
        assertThat(rules.get(0).describe()).isEqualTo("p95 +10% beyond 5ms (fail)");
    }

    @Test
    void readsAListAloneWithUnitsAndGlobs() {
        List<Rule> rules = CompareRules.parse("- {metric: p99, label: 'api/*', maxIncrease: 1.5s, level: warn}\n"
                + "- {metric: errorRate, maxIncrease: 1pp}\n", "r.yaml");

        assertThat(rules.get(0).maxIncrease()).isEqualTo(new Limit(1500, false));
        assertThat(rules.get(0).matches("api/orders")).isTrue();
        assertThat(rules.get(0).matches("web/api/orders")).isFalse();
        assertThat(rules.get(1).maxIncrease()).isEqualTo(new Limit(0.01, false));
    }

    @Test
    void defaultsFollowTheIssue() {
        assertThat(CompareRules.defaults()).extracting(Rule::describe).containsExactly(
                "mean +10% beyond 5ms (warn)", "mean +20% beyond 5ms (fail)",
                "p95 +10% beyond 5ms (warn)", "p95 +20% beyond 5ms (fail)", "errorRate +1pp (fail)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rules:\\n  - {metric: p95, maxIncrease: 10}|r.yaml:2: '10' is not a limit; write it with a unit, such as 10% or 5ms or 1s",
            "rules:\\n  - {metric: p95, maxIncrease: 1pp}|r.yaml:2: '1pp' does not fit metric p95; use 10% or 5ms or 1s",
            "rules:\\n  - {metric: p97, maxIncrease: 10%}|r.yaml:2: unknown metric 'p97'; use one of count, errorRate, throughput, mean, min, max, p50, p90, p95, p99, p99.9",
            "rules:\\n  - {label: x, maxIncrease: 10%}|r.yaml:2: the rule has no 'metric'; add metric: p95 (or mean, p99, errorRate, throughput, …)",
            "rules:\\n  - metric: p95\\n    maxIncrese: 10%|r.yaml:3: unknown key 'maxIncrese'; known keys: metric, label, level, maxIncrease, maxDecrease, minDelta, max, min",
            "rules:\\n  - {metric: p95, maxIncrease: 10%, level: error}|r.yaml:2: level 'error' is unknown; use warn or fail",
            "rules:\\n  - {metric: p95}|r.yaml:2: the rule for p95 sets no limit; add maxIncrease, maxDecrease, max or min",
            "rules: [|r.yaml:1: not valid YAML: while parsing a flow node; check the indentation and quoting",
            "limits:\\n  - {metric: p95}|r.yaml:1: expected 'rules:'; write rules: followed by a list",
    })
    void badRulesSayWhere(String yaml, String message) {
        assertThatThrownBy(() -> CompareRules.parse(yaml.replace("\\n", "\n"), "r.yaml")).hasMessage(message);
    }
}
