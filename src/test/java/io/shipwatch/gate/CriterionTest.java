package io.shipwatch.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.core.InputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CriterionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // text       | operator | value | relative | percent | increase
            "<10          | LT | 10   | false | false | true",
            "<=10         | LE | 10   | false | false | true",
            "=10          | EQ | 10   | false | false | true",
            ">=10         | GE | 10   | false | false | true",
            ">10          | GT | 10   | false | false | true",
            "'< 0.01'     | LT | 0.01 | false | false | true",
            ">-10%        | GT | 10   | true  | true  | false",
            "<=+10.5%     | LE | 10.5 | true  | true  | true",
            "<=+10        | LE | 10   | true  | false | true",
            "'  <=+10   %'| LE | 10   | true  | true  | true",
            "'  <=10%'    | LE | 10   | true  | true  | true",
            "<1e-3        | LT | 0.001| false | false | true"})
    void parsesAsKeptnDoes(String text, Criterion.Operator op, double value, boolean relative, boolean percent,
            boolean increase) {
        Criterion c = Criterion.parse(text, "gate.yaml:3");
        assertThat(c.operator()).isEqualTo(op);
        assertThat(c.value()).isEqualTo(value);
        assertThat(c.relative()).isEqualTo(relative);
        assertThat(c.percent()).isEqualTo(percent);
        assertThat(c.increase()).isEqualTo(increase);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {"'<< 5'", "'5'", "'< five'", "'=>5'", "'<5%%'", "''"})
    void refusesWhatIsNotACriterion(String text) {
        assertThatThrownBy(() -> Criterion.parse(text, "gate.yaml:7"))
                .isInstanceOf(InputException.class)
                .hasMessage("gate.yaml:7: '" + text + "' is not a criterion; write an operator (<, <=, =, >=, >) and a "
                        + "number, such as '< 0.01', or a change from the baseline such as '<=+10%', '>=-5%' or '<=+0.2'");
    }

    @ParameterizedTest(name = "{0} {1} vs {2}")
    @CsvSource(delimiter = '|', value = {
            // Keptn's evaluateComparison cases: measured | criterion | baseline | target | holds
            "10.0  | <=+10% | 10 | 11.0 | true",
            "11.01 | <=+10% | 10 | 11.0 | false",
            "10.0  | <+0%   | 10 | 10.0 | false",
            "10.0  | >+0%   | 10 | 10.0 | false",
            "11.0  | =+1    | 10 | 11.0 | true",
            "9.0   | =-1    | 10 | 9.0  | true",
            "10.0  | >=-10% | 10 | 9.0  | true",
            "0.012 | '<=+0.2' | 0.01 | 0.21 | true",
            "5     | '< 0.01' | 99 | 0.01 | false"})
    void comparesWithTheBaselineAsKeptn(double measured, String criterion, double baseline, double target, boolean holds) {
        Criterion c = Criterion.parse(criterion, "x");
        assertThat(c.target(baseline)).isCloseTo(target, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(c.holds(measured, baseline)).isEqualTo(holds);
    }

    @ParameterizedTest
    @CsvSource({"'<=+20%', true", "'< 500', false"})
    void relativeCriterionWithoutBaselineIsSkipped(String criterion, boolean holds) {
        Criterion c = Criterion.parse(criterion, "x");
        assertThat(c.holds(1011.07, null)).isEqualTo(holds);
        assertThat(c.relative() ? Double.isNaN(c.target(null)) : c.target(null) == 500).isTrue();
    }
}
