package io.shipwatch.providers.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.Series;
import io.shipwatch.testing.ReplayServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link WebProvider} against a real local server: Argo's web provider outcomes. */
class WebProviderTest {
    private static final TimeWindow WINDOW = new TimeWindow(Instant.parse("2026-11-26T14:00:00Z"),
            Instant.parse("2026-11-26T14:10:00Z"));
    private ReplayServer server;

    @BeforeEach
    void start() {
        server = ReplayServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<Series> query(String path) throws ProviderException {
        String url = server.url("/api").toString() + "?q={{query}}&from={{start}}&to={{end}}&step={{step}}";
        return new WebProvider(url, JsonPath.parse(path), Map.of("X-Team", "payments"), Duration.ofSeconds(5))
                .queryRange("error_rate{service=\"checkout\"}", WINDOW, Duration.ofSeconds(30));
    }

    @Test
    void fillsTheUrlAndReadsOneNumber() throws ProviderException {
        server.answer(200, "application/json", "{\"data\":{\"ok\":true,\"successPercent\":0.95}}");
        List<Series> series = query("{$.data.successPercent}");
        assertThat(series.get(0).points()).containsExactly(new Series.Point(Instant.parse("2026-11-26T14:09:59.999Z"), 0.95));
        ReplayServer.Request r = server.lastRequest();
        assertThat(r.form()).containsEntry("q", "error_rate{service=\"checkout\"}")
                .containsEntry("from", "2026-11-26T14:00:00Z").containsEntry("to", "2026-11-26T14:10:00Z")
                .containsEntry("step", "30");
        assertThat(r.header("X-Team")).isEqualTo("payments");
    }

    @Test
    void readsTimeValuePairsInsideTheWindow() throws ProviderException {
        server.answer(200, "application/json", "{\"points\":[[1795701600,\"0.5\"],[\"2026-11-26T14:05:00Z\",0.7],"
                + "[1795702200,0.9]]}");
        assertThat(query("$.points").get(0).points()).extracting(Series.Point::value).containsExactly(0.5, 0.7);
    }

    @Test
    void explicitNullIsNoData() throws ProviderException {
        server.answer(200, "application/json", "{\"value\":null}");
        assertThat(query("$.value")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "500 | {} | $.value | answered 500",
            "200 | {\"data\":{}} | $.data.ok | $.data.ok is not in the answer",
            "200 | I am OK | $ | the answer is not JSON",
            "200 | {\"value\":\"high\"} | $.value | expected a number, got \"high\""})
    void whatArgoCallsAnErrorIsAnError(int status, String body, String path, String message) {
        server.answer(status, "application/json", body);
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> query(path));
        assertThat(e.getMessage()).startsWith("web provider at http://").endsWith(": " + message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"$.data.result[0].value | 4", "{$.data} | 1", "$['odd key'][2] | 2",
            "$ | 0"})
    void parsesTheSupportedPaths(String path, int steps) {
        assertThat(JsonPath.parse(path).steps()).hasSize(steps);
    }

    @ParameterizedTest
    @CsvSource({"data.value", "$..value", "$.data[*]"})
    void refusesOtherPaths(String path) {
        assertThat(JsonPath.parse(path)).isNull();
    }
}
