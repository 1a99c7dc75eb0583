package io.shipwatch.markers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryWorkerTest {

    @Test
    void backoffDoublesFromOneSecondWithJitter() {
        for (int i = 0; i < 100; i++) {
            assertThat(DeliveryWorker.backoff(1)).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
            assertThat(DeliveryWorker.backoff(4)).isBetween(Duration.ofMillis(6400), Duration.ofMillis(9600));
        }
    }

    @Test
    void backoffIsCappedAtFiveMinutesEvenAfterManyAttempts() {
        for (int attempt : new int[] {10, 30, 64, 1000}) {
            assertThat(DeliveryWorker.backoff(attempt)).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
        }
    }
}
