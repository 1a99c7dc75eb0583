package io.shipwatch.dora;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LevelTest {
    @ParameterizedTest
    @CsvSource({"0.99,ELITE", "23.99,ELITE", "24,HIGH", "167.9,HIGH", "168,MEDIUM", "719.9,MEDIUM", "720,LOW"})
    void leadTimeCutOffs(double hours, Level expected) {
        assertThat(Level.ofLeadTime(hours)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0,ELITE", "0.05,ELITE", "0.0501,HIGH", "0.10,HIGH", "0.15,MEDIUM", "0.1501,LOW", "1,LOW"})
    void failureRateCutOffsIncludeTheBoundary(double rate, Level expected) {
        assertThat(Level.ofFailureRate(rate)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0.5,ELITE", "1,HIGH", "23.9,HIGH", "24,MEDIUM", "167.9,MEDIUM", "168,LOW"})
    void restoreCutOffs(double hours, Level expected) {
        assertThat(Level.ofRestore(hours)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"5,20,28,ELITE", "4.5,18,28,HIGH", "1,4,28,HIGH", "0,1,28,MEDIUM", "0,1,31,LOW", "0,0,28,LOW"})
    void frequencyCutOffs(double weekMedian, int days, double windowDays, Level expected) {
        assertThat(Level.ofFrequency(weekMedian, days, windowDays)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void noDataHasNoLevel() {
        assertThat(Level.ofLeadTime(null)).isNull();
        assertThat(Level.ofFailureRate(null)).isNull();
        assertThat(Level.ofRestore(null)).isNull();
    }
}
