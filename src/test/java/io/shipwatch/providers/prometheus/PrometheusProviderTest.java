package io.shipwatch.providers.prometheus;

import static io.shipwatch.testing.ReplayServer.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.shipwatch.core.TimeWindow;
import io.shipwatch.providers.ProviderException;
import io.shipwatch.providers.Rollup;
import io.shipwatch.providers.Series;
import io.shipwatch.testing.ReplayServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PrometheusProviderTest {
    private static final String JSON = "application/json";
    private static final Instant T0 = Instant.parse("2026-11-26T14:00:00Z"); // 1795701600
    private static final TimeWindow THREE_MINUTES = new TimeWindow(T0, T0.plusSeconds(180));
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final ReplayServer server = ReplayServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private PrometheusProvider provider(PrometheusConfig config) {
        return PrometheusProvider.create(config);
    }

    private PrometheusProvider provider() {
        return provider(new PrometheusConfig(server.url(""), null, null, null, Map.of(), null));
    }

    private String endpoint() {
        return server.url("/api/v1/query_range").toString();
    }

    private ProviderException failure(PrometheusProvider provider, String query) {
        return catchThrowableOfType(ProviderException.class, () -> provider.queryRange(query, THREE_MINUTES, MINUTE));
    }

    @Test
    void postsQueryStartEndAndStepOfTheStepGrid() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/matrix-empty.json"));

        provider().queryRange("sum(rate(http_requests_total{job=\"checkout\"}[5m]))", THREE_MINUTES, MINUTE);

        ReplayServer.Request sent = server.lastRequest();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/api/v1/query_range");
        assertThat(sent.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        // the window is half-open: 14:03 itself is not asked for
        assertThat(sent.form()).containsExactly(
                Map.entry("query", "sum(rate(http_requests_total{job=\"checkout\"}[5m]))"),
                Map.entry("start", "1795701600"),
                Map.entry("end", "1795701720"),
                Map.entry("step", "60"));
        assertThat(sent.header("Authorization")).isNull();
    }

    @Test
    void aggregatesEachLongStepWithASubqueryInsteadOfSamplingOnePoint() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/matrix-empty.json"));
        TimeWindow month = new TimeWindow(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

        provider().queryRange("error_ratio{service=\"checkout\"}", month, Duration.ofHours(3), Rollup.MAX);

        // a 240th of the 3 h step: each point is the worst of 240 evaluations in the step before it
        // counted back from the window's end, so the newest step is never left out
        assertThat(server.lastRequest().form()).containsEntry("query",
                "max_over_time((error_ratio{service=\"checkout\"})[10800s:45s])").containsEntry("step", "10800")
                .containsEntry("end", String.valueOf(month.to().getEpochSecond()))
                .containsEntry("start", String.valueOf(month.to().getEpochSecond() - 239 * 10800L));
    }

    @Test
    void shortStepsAndLastAreAskedAsWritten() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/matrix-empty.json"));

        provider().queryRange("up", THREE_MINUTES, Duration.ofSeconds(15), Rollup.MAX);
        assertThat(server.lastRequest().form()).containsEntry("query", "up");
        provider().queryRange("up", THREE_MINUTES, MINUTE, Rollup.LAST);
        assertThat(server.lastRequest().form()).containsEntry("query", "up");
        provider().queryRange("up", THREE_MINUTES, MINUTE, Rollup.AVG);
        assertThat(server.lastRequest().form()).containsEntry("query", "avg_over_time((up)[60s:15s])");
    }

    @Test
    void alignsAnUnalignedWindowToMultiplesOfTheStep() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/matrix-empty.json"));

        provider().queryRange("up", new TimeWindow(T0.plusSeconds(30), T0.plusSeconds(300)), MINUTE);

        assertThat(server.lastRequest().form())
                .containsEntry("start", "1795701660")
                .containsEntry("end", "1795701840")
                .containsEntry("step", "60");
    }

    @Test
    void raisesTheStepSoADayStaysUnderElevenThousandPoints() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/matrix-empty.json"));

        provider().queryRange("up", new TimeWindow(T0, T0.plus(Duration.ofDays(1))), Duration.ofSeconds(1));

        Map<String, String> form = server.lastRequest().form();
        // 86400s / 11000 = 7.85s, raised to whole seconds
        assertThat(form).containsEntry("step", "8").containsEntry("start", "1795701600");
        long points = (Long.parseLong(form.get("end")) - Long.parseLong(form.get("start"))) / 8 + 1;
        assertThat(points).isLessThanOrEqualTo(PrometheusProvider.MAX_POINTS);
    }

    @Test
    void sendsSubSecondStepsAsDecimalSeconds() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/matrix-empty.json"));

        provider().queryRange("up", new TimeWindow(T0, T0.plusSeconds(2)), Duration.ofMillis(500));

        assertThat(server.lastRequest().form())
                .containsEntry("start", "1795701600")
                .containsEntry("end", "1795701601.5")
                .containsEntry("step", "0.5");
    }

    @Test
    void doesNotAskWhenNoStepFallsInsideTheWindow() throws Exception {
        List<Series> series = provider().queryRange("up", new TimeWindow(T0.plusSeconds(1), T0.plusSeconds(59)), MINUTE);

        assertThat(series).isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void parsesMatrixIntoSeriesWithLabelsAndSpecialValues() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/matrix.json"));

        List<Series> series = provider().queryRange("http_requests_total", THREE_MINUTES, MINUTE);

        assertThat(series).hasSize(2);
        assertThat(series.get(0).labels()).containsOnly(
                Map.entry("__name__", "http_requests_total"), Map.entry("code", "200"),
                Map.entry("instance", "checkout-7d9f:8080"), Map.entry("job", "checkout"));
        assertThat(series.get(0).points()).containsExactly(
                new Series.Point(Instant.ofEpochSecond(1795699200), 120.5),
                new Series.Point(Instant.ofEpochSecond(1795699260), 121),
                new Series.Point(Instant.ofEpochSecond(1795699320), 124.25));
        assertThat(series.get(1).points()).extracting(Series.Point::value)
                .containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @Test
    void emptyMatrixIsNoSeries() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/matrix-empty.json"));

        assertThat(provider().queryRange("nothing_here", THREE_MINUTES, MINUTE)).isEmpty();
    }

    @Test
    void keepsThePathPrefixOfTheBaseUrl() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/matrix-empty.json"));
        PrometheusConfig config = PrometheusConfig.of(server.url("/monitoring/prometheus/").toString());

        provider(config).queryRange("up", THREE_MINUTES, MINUTE);

        assertThat(server.lastRequest().path()).isEqualTo("/monitoring/prometheus/api/v1/query_range");
    }

    @Test
    void sendsBearerTokenAndExtraHeaders() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/matrix-empty.json"));
        PrometheusConfig config = PrometheusConfig.of(server.url("").toString())
                .withBearerToken("glc_eyJrIjoiNzE2")
                .withHeaders(Map.of("X-Scope-OrgID", "team-checkout"));

        provider(config).queryRange("up", THREE_MINUTES, MINUTE);

        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer glc_eyJrIjoiNzE2");
        assertThat(server.lastRequest().header("X-Scope-OrgID")).isEqualTo("team-checkout");
    }

    @Test
    void sendsBasicAuth() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/matrix-empty.json"));
        PrometheusConfig config = PrometheusConfig.of(server.url("").toString()).withBasicAuth("grafana", "s3cret pw");

        provider(config).queryRange("up", THREE_MINUTES, MINUTE);

        // base64("grafana:s3cret pw")
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Basic Z3JhZmFuYTpzM2NyZXQgcHc=");
    }

    @Test
    void badPromQlIsNotRetryableAndQuotesPrometheus() {
        server.answer(400, JSON, resource("providers/prometheus/bad-data.json"));

        ProviderException e = failure(provider(), "sum(rate(x[5m]");

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage(endpoint() + ": Prometheus rejected query 'sum(rate(x[5m]' (HTTP 400): bad_data:"
                + " 1:15: parse error: unclosed left parenthesis; fix the PromQL query");
    }

    @Test
    void queryPrometheusCannotExecuteIsNotRetryable() {
        server.answer(422, JSON, resource("providers/prometheus/execution-error.json"));

        ProviderException e = failure(provider(), "up * on() group_left up");

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage())
                .startsWith(endpoint() + ": Prometheus rejected query 'up * on() group_left up' (HTTP 422): execution:"
                        + " found duplicate series")
                .endsWith("; fix the PromQL query");
    }

    @Test
    void prometheusNotReadyIsRetryable() {
        server.answer(503, "text/plain; charset=utf-8", resource("providers/prometheus/not-ready.txt"));

        ProviderException e = failure(provider(), "up");

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessage(endpoint() + ": Prometheus could not answer (HTTP 503: Service Unavailable);"
                + " try again later, or query a shorter window");
    }

    @Test
    void queryTimeoutInPrometheusIsRetryable() {
        server.answer(503, JSON, resource("providers/prometheus/timeout.json"));

        ProviderException e = failure(provider(), "up");

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessage(endpoint() + ": Prometheus could not answer (HTTP 503: timeout: query timed out in"
                + " expression evaluation); try again later, or query a shorter window");
    }

    @Test
    void refusedTokenIsNotRetryableAndNeverShown() {
        server.answer(401, "text/plain", "Unauthorized");
        PrometheusConfig config = PrometheusConfig.of(server.url("").toString()).withBearerToken("glc_eyJrIjoiNzE2");

        ProviderException e = failure(provider(config), "up");

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage(endpoint() + ": Prometheus refused the credentials (HTTP 401); check the token");
    }

    @Test
    void forbiddenBasicAuthSaysToCheckUserAndPassword() {
        server.answer(403, "text/plain", "Forbidden");
        PrometheusConfig config = PrometheusConfig.of(server.url("").toString()).withBasicAuth("grafana", "s3cret pw");

        ProviderException e = failure(provider(config), "up");

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage(endpoint() + ": Prometheus refused the credentials (HTTP 403);"
                + " check the user and password");
    }

    @Test
    void secretEchoedByABackendIsBlankedOut() {
        server.answer(502, "text/plain", "upstream refused Authorization: Bearer glc_eyJrIjoiNzE2");
        PrometheusConfig config = PrometheusConfig.of(server.url("").toString()).withBearerToken("glc_eyJrIjoiNzE2");

        ProviderException e = failure(provider(config), "up");

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessage(endpoint() + ": Prometheus could not answer (HTTP 502: upstream refused"
                + " Authorization: Bearer ***); try again later, or query a shorter window");
    }

    @Test
    void errorStatusInAnOkAnswerIsNotRetryable() {
        server.answer(200, JSON, resource("providers/prometheus/status-error.json"));

        ProviderException e = failure(provider(), "up");

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage(endpoint() + ": Prometheus answered internal: expanding series: remote read: tenant"
                + " quota exceeded to query 'up'; fix the query or see the Prometheus log");
    }

    @Test
    void somethingOtherThanPrometheusIsNotRetryable() {
        server.answer(200, "text/html", "<html>\n<title>Grafana</title>\n</html>");

        ProviderException e = failure(provider(), "up");

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage(endpoint() + ": the answer is not Prometheus API JSON (<html> <title>Grafana</title>"
                + " </html>); check that prometheus.url points at Prometheus, including any path prefix");
    }

    @Test
    void wrongPathIsNotRetryable() {
        server.answer(404, "text/plain; charset=utf-8", "404 page not found\n");

        ProviderException e = failure(provider(), "up");

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage(endpoint() + ": no Prometheus API here (HTTP 404: 404 page not found);"
                + " check prometheus.url, including any path prefix");
    }

    @Test
    void redirectIsReportedNotFollowed() {
        server.answer(302, "text/html", "", Map.of("Location", "https://login.example/sso"));

        ProviderException e = failure(provider(), "up");

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage(endpoint() + ": redirected (HTTP 302) to https://login.example/sso;"
                + " set prometheus.url to where Prometheus answers");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void closedPortIsRetryable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        PrometheusProvider provider = provider(PrometheusConfig.of("http://127.0.0.1:" + port));

        ProviderException e = failure(provider, "up");

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessage("http://127.0.0.1:" + port + "/api/v1/query_range: cannot connect (connection"
                + " refused); check that Prometheus is running and prometheus.url is right");
    }

    @Test
    void noAnswerWithinTheTimeoutIsRetryable() {
        server.stall();
        PrometheusConfig config = PrometheusConfig.of(server.url("").toString()).withTimeout(Duration.ofMillis(300));

        ProviderException e = failure(provider(config), "up");

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessage(endpoint() + ": no answer within 300ms; try again later, or query a shorter window"
                + " or raise prometheus.timeout");
    }

    @Test
    void instantQuerySendsTimeAndReadsTheVector() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/vector.json"));

        List<Series> series = provider().queryInstant("up", Instant.ofEpochMilli(1795699340500L));

        assertThat(server.lastRequest().path()).isEqualTo("/api/v1/query");
        assertThat(server.lastRequest().form()).containsExactly(
                Map.entry("query", "up"), Map.entry("time", "1795699340.5"));
        assertThat(series).containsExactly(new Series(
                Map.of("__name__", "up", "instance", "127.0.0.1:19599", "job", "self"),
                List.of(new Series.Point(Instant.ofEpochMilli(1795699340500L), 1))));
    }

    @Test
    void instantQueryReadsAScalar() throws Exception {
        server.answer(200, JSON, resource("providers/prometheus/scalar.json"));

        List<Series> series = provider().queryInstant("1/0", Instant.ofEpochSecond(1795699340));

        assertThat(series).containsExactly(new Series(Map.of(),
                List.of(new Series.Point(Instant.ofEpochSecond(1795699340), Double.POSITIVE_INFINITY))));
    }
}
