package io.shipwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TraceParentTest {

    @Test
    void parsesAndFormatsVersion00() {
        TraceParent p = TraceParent.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        assertThat(p.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(p.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(p.format()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
    }

    @Test
    void aLaterVersionMayCarryMoreParts() {
        TraceParent p = TraceParent.parse("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-holds");

        assertThat(p.spanId()).isEqualTo("00f067aa0ba902b7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "garbage | has 1 dash-separated parts, expected 4",
        "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 | version 'ff' is not two lower-case hex digits other than ff",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-x | has 5 parts, version 00 has exactly 4",
        "00-00000000000000000000000000000000-00f067aa0ba902b7-01 | trace id '00000000000000000000000000000000' is not 32 lower-case hex digits, not all zero",
        "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01 | trace id '4BF92F3577B34DA6A3CE929D0E0E4736' is not 32 lower-case hex digits, not all zero",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01 | parent id '0000000000000000' is not 16 lower-case hex digits, not all zero",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902-01 | parent id '00f067aa0ba902' is not 16 lower-case hex digits, not all zero",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1 | flags '1' are not two lower-case hex digits",
    })
    void refusesMalformedValuesSayingWhy(String value, String reason) {
        assertThatThrownBy(() -> TraceParent.parse(value)).isInstanceOf(IllegalArgumentException.class).hasMessage(reason);
    }
}
