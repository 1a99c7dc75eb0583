package io.shipwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MannWhitneyTest {

    /** Cases computed by src/test/resources/stats/mannwhitney/make_reference.py (SciPy and R's algorithm). */
    static Stream<JsonNode> referenceCases() throws IOException {
        JsonMapper mapper = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        try (InputStream in = MannWhitneyTest.class.getResourceAsStream("/stats/mannwhitney/reference.json")) {
            JsonNode root = mapper.readTree(in);
            return StreamSupport.stream(root.get("cases").spliterator(), false).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceCases")
    void matchesSciPyAndR(JsonNode c) {
        MannWhitneyResult r = MannWhitney.test(values(c.get("baseline")), values(c.get("candidate")),
                c.get("confidence").asDouble(), Alternative.valueOf(c.get("alternative").asText()));
        JsonNode e = c.get("expected");
        assertThat(r.u()).isEqualTo(e.get("u").asDouble());
        assertThat(r.pValue()).isCloseTo(e.get("pValue").asDouble(), within(1e-10 + 1e-7 * e.get("pValue").asDouble()));
        assertThat(r.estimate()).isCloseTo(e.get("estimate").asDouble(), within(1e-12));
        double tolerance = e.get("intervalTolerance").asDouble() + 1e-12;
        assertEnd(r.lower(), e.get("lower").asDouble(), tolerance);
        assertEnd(r.upper(), e.get("upper").asDouble(), tolerance);
        assertThat(r.exact()).isEqualTo(e.get("exact").asBoolean());
        assertThat(r.baselineSize()).isEqualTo(e.get("baselineSize").asInt());
        assertThat(r.candidateSize()).isEqualTo(e.get("candidateSize").asInt());
        assertThat(r.confidence()).isEqualTo(c.get("confidence").asDouble());
    }

    private static void assertEnd(double actual, double expected, double tolerance) {
        if (Double.isInfinite(expected)) {
            assertThat(actual).isEqualTo(expected);
        } else {
            assertThat(actual).isCloseTo(expected, within(tolerance * Math.max(1, Math.abs(expected))));
        }
    }

    private static double[] values(JsonNode array) {
        List<Double> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asDouble()));
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void countsDroppedNaNAndInfinities() {
        MannWhitneyResult r = MannWhitney.test(new double[] {1, Double.NaN, 2, Double.POSITIVE_INFINITY},
                new double[] {Double.NaN, 3, 4, 5}, 0.95, Alternative.TWO_SIDED);
        assertThat(r.baselineDropped()).isEqualTo(2);
        assertThat(r.candidateDropped()).isEqualTo(1);
        assertThat(r.baselineSize()).isEqualTo(2);
        assertThat(r.candidateSize()).isEqualTo(3);
        assertThat(r.u()).isEqualTo(6);
    }

    @Test
    void emptySampleGivesNaNEverywhere() {
        MannWhitneyResult r = MannWhitney.test(new double[] {}, new double[] {1, 2, 3}, 0.95, Alternative.TWO_SIDED);
        assertThat(List.of(r.u(), r.pValue(), r.estimate(), r.lower(), r.upper())).allMatch(v -> v.isNaN());
        assertThat(r.baselineSize()).isZero();
        assertThat(r.candidateSize()).isEqualTo(3);
    }

    @Test
    void onlyNaNCountsAsEmpty() {
        MannWhitneyResult r = MannWhitney.test(new double[] {1, 2}, new double[] {Double.NaN, Double.NaN}, 0.95,
                Alternative.GREATER);
        assertThat(r.pValue()).isNaN();
        assertThat(r.candidateSize()).isZero();
        assertThat(r.candidateDropped()).isEqualTo(2);
    }

    @Test
    void allValuesEqualIsNoDifferenceWhereRStops() {
        MannWhitneyResult r = MannWhitney.test(new double[] {4, 4, 4}, new double[] {4, 4}, 0.9, Alternative.TWO_SIDED);
        assertThat(r.u()).isEqualTo(3);
        assertThat(r.pValue()).isEqualTo(1);
        assertThat(List.of(r.estimate(), r.lower(), r.upper())).containsOnly(0.0);
    }

    @Test
    void refusesConfidenceOutsideZeroOne() {
        assertThatThrownBy(() -> MannWhitney.test(new double[] {1}, new double[] {2}, 1.0, Alternative.TWO_SIDED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("confidence must be in (0, 1), got 1.0");
    }

    @Test
    void hundredThousandEachNeedsNoPairMatrix() {
        // 10^10 differences: a materialised matrix would need 80 GB
        Random random = new Random(7);
        double[] baseline = new double[100_000];
        double[] candidate = new double[100_000];
        for (int i = 0; i < baseline.length; i++) {
            baseline[i] = 100 + 10 * random.nextGaussian();
            candidate[i] = baseline[i] + 3; // a pure shift: every candidate value is a baseline value plus 3
        }
        MannWhitneyResult r = MannWhitney.test(baseline, candidate, 0.98, Alternative.TWO_SIDED);
        assertThat(r.estimate()).isCloseTo(3.0, within(1e-9));
        assertThat(r.lower()).isBetween(2.7, 3.0);
        assertThat(r.upper()).isBetween(3.0, 3.3);
        assertThat(r.pValue()).isLessThan(1e-9);
    }

    @Test
    void tinyPValuesKeepTheirRelativeAccuracy() {
        double[] baseline = new double[200];
        double[] candidate = new double[200];
        for (int i = 0; i < 200; i++) {
            baseline[i] = i;
            candidate[i] = i + 150.5;
        }
        MannWhitneyResult r = MannWhitney.test(baseline, candidate, 0.95, Alternative.GREATER);
        // scipy.stats.mannwhitneyu(candidate, baseline, alternative='greater', method='asymptotic').pvalue
        assertThat(r.pValue()).isCloseTo(1.338231309884845e-59, within(1e-66));
    }
}
