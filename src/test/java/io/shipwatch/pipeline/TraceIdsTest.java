package io.shipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceIdsTest {

    @Test
    void sameRunAndAttemptGiveTheSameTraceAndSpans() {
        String a = TraceIds.traceId("github", "https://github.com/o/r", "123", "1");
        String b = TraceIds.traceId("github", "https://github.com/o/r", "123", "1");

        assertThat(a).isEqualTo(b).matches("[0-9a-f]{32}");
        assertThat(TraceIds.spanId(a, "job", "9")).isEqualTo(TraceIds.spanId(b, "job", "9")).matches("[0-9a-f]{16}");
    }

    @Test
    void anotherAttemptRunRepositoryOrProviderIsAnotherTrace() {
        String base = TraceIds.traceId("github", "https://github.com/o/r", "123", "1");

        assertThat(TraceIds.traceId("github", "https://github.com/o/r", "123", "2")).isNotEqualTo(base);
        assertThat(TraceIds.traceId("github", "https://github.com/o/r", "124", "1")).isNotEqualTo(base);
        assertThat(TraceIds.traceId("github", "https://github.com/o/s", "123", "1")).isNotEqualTo(base);
        assertThat(TraceIds.traceId("gitlab", "https://github.com/o/r", "123", "1")).isNotEqualTo(base);
        // no attempt number means the first attempt
        assertThat(TraceIds.traceId("github", "https://github.com/o/r", "123", null)).isEqualTo(base);
    }

    @Test
    void partsAreSeparatedSoShiftingCharactersChangesTheId() {
        String t = TraceIds.traceId("github", "r", "1", "1");

        assertThat(TraceIds.spanId(t, "ab", "c")).isNotEqualTo(TraceIds.spanId(t, "a", "bc"));
        assertThat(TraceIds.spanId(t, "job", "1")).isNotEqualTo(TraceIds.runSpanId(t));
    }

    @Test
    void validatesIds() {
        assertThat(TraceIds.isTraceId("4bf92f3577b34da6a3ce929d0e0e4736")).isTrue();
        assertThat(TraceIds.isTraceId("0".repeat(32))).isFalse();
        assertThat(TraceIds.isSpanId("00f067aa0ba902b7")).isTrue();
        assertThat(TraceIds.isSpanId("00F067AA0BA902B7")).isFalse();
    }
}
