package io.shipwatch.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tied to SciPy's mannwhitneyu on the expanded samples (reference.json, made by make_reference.py). */
class BinnedRankSumTest {

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = BinnedRankSumTest.class.getResourceAsStream("/stats/binnedranksum/reference.json")) {
            List<JsonNode> cases = new ArrayList<>();
            new ObjectMapper().readTree(in).path("cases").forEach(cases::add);
            return cases.stream();
        }
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void matchesScipy(JsonNode c) {
        double[] values = new double[c.path("values").size()];
        long[] baseline = new long[values.length];
        long[] candidate = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = c.path("values").get(i).asDouble();
            baseline[i] = c.path("baseline").get(i).asLong();
            candidate[i] = c.path("candidate").get(i).asLong();
        }
        for (Alternative alternative : Alternative.values()) {
            BinnedRankSum.Result r = BinnedRankSum.test(values, baseline, candidate, alternative);
            JsonNode want = c.path(alternative.name());
            assertThat(r.u()).as(c.path("name").asText() + " U").isEqualTo(want.path("u").asDouble());
            assertThat(r.pValue()).as(c.path("name").asText() + " " + alternative)
                    .isCloseTo(want.path("pValue").asDouble(), within(1e-12));
        }
    }

    @Test
    void emptySideGivesNaN() {
        BinnedRankSum.Result r = BinnedRankSum.test(new double[] {1, 2}, new long[] {0, 0}, new long[] {3, 1},
                Alternative.GREATER);
        assertThat(r.pValue()).isNaN();
        assertThat(r.candidateSize()).isEqualTo(4);
    }

    @Test
    void allTiedIsNoEvidence() {
        BinnedRankSum.Result r = BinnedRankSum.test(new double[] {7}, new long[] {5}, new long[] {9}, Alternative.TWO_SIDED);
        assertThat(r.pValue()).isEqualTo(1.0);
        assertThat(r.u()).isEqualTo(22.5);
    }

    @Test
    void refusesUnsortedBins() {
        assertThatThrownBy(() -> BinnedRankSum.test(new double[] {2, 1}, new long[] {1, 1}, new long[] {1, 1},
                Alternative.LESS)).hasMessage("values must be ascending and distinct, at index 1");
    }
}
