package io.shipwatch.providers.datadog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.markers.SinkException;
import io.shipwatch.providers.http.SinkHttp;
import io.shipwatch.testing.Deployments;
import io.shipwatch.testing.RecordingHttpServer;
import io.shipwatch.testing.RecordingHttpServer.Request;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatadogMarkerSinkTest {
    private static final String API_KEY = "3f9a1c7e5b2d4f6a8c0e1b3d5f7a9c2e";
    private static final String ACCEPTED = "{\"status\":\"ok\",\"event\":{\"id\":7412458839104837,\"title\":\"x\"}}";
    private static final HttpClient CLIENT = SinkHttp.newClient();

    private final RecordingHttpServer datadog = RecordingHttpServer.start();

    @AfterEach
    void stopServer() {
        datadog.close();
    }

    private DatadogMarkerSink sink(List<String> extraTags) {
        return new DatadogMarkerSink(new DatadogSinkConfig(datadog.baseUri(), API_KEY, extraTags), CLIENT);
    }

    private DatadogMarkerSink sink() {
        return sink(List.of());
    }

    @Test
    void isNamedDatadog() {
        assertThat(sink().name()).isEqualTo("datadog");
    }

    @Test
    void postsSuccessEventForSucceededDeploymentAndReturnsItsId() throws Exception {
        datadog.respond("/api/v1/events", 202, ACCEPTED);

        String ref = sink().deliver(Deployments.finished(DeploymentStatus.SUCCEEDED), null, "key-2");

        assertThat(ref).isEqualTo("7412458839104837");
        Request request = datadog.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/events");
        assertThat(request.header("DD-API-KEY")).isEqualTo(API_KEY);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Authorization")).isNull();
        JsonNode body = request.json();
        assertThat(fieldNames(body)).containsExactly("title", "text", "tags", "aggregation_key", "date_happened",
                "alert_type", "source_type_name");
        assertThat(body.get("title").asText()).isEqualTo("Deployed checkout 1.4.2 to production");
        assertThat(body.get("text").asText()).isEqualTo("%%% \ncheckout 1.4.2 → production: succeeded\n"
                + "commit `9f2c1ab` by alice\n"
                + "[pipeline run 4711](https://github.com/acme/checkout/actions/runs/4711)\n %%%");
        assertThat(texts(body.get("tags"))).containsExactly("service:checkout", "env:production", "version:1.4.2",
                "deployment_status:succeeded", "source:shipwatch");
        assertThat(body.get("aggregation_key").asText()).isEqualTo("dep-7f3a");
        assertThat(body.get("date_happened").isIntegralNumber()).isTrue();
        assertThat(body.get("date_happened").asLong()).isEqualTo(1795702170L);
        assertThat(body.get("alert_type").asText()).isEqualTo("success");
        assertThat(body.get("source_type_name").asText()).isEqualTo("shipwatch");
    }

    @Test
    void startedDeploymentIsAnInfoEventAtItsStart() throws Exception {
        datadog.respond("/api/v1/events", 202, ACCEPTED);

        sink(List.of("team:payments")).deliver(Deployments.started(), null, "key-1");

        JsonNode body = datadog.onlyRequest().json();
        assertThat(body.get("title").asText()).isEqualTo("Deployment of checkout 1.4.2 to production started");
        assertThat(body.get("alert_type").asText()).isEqualTo("info");
        assertThat(body.get("date_happened").asLong()).isEqualTo(1795701840L);
        assertThat(texts(body.get("tags"))).containsExactly("service:checkout", "env:production", "version:1.4.2",
                "deployment_status:started", "source:shipwatch", "team:payments");
    }

    @ParameterizedTest
    @CsvSource({
            "SUCCEEDED,   Deployed checkout 1.4.2 to production,                      success, succeeded",
            "FAILED,      Deployment of checkout 1.4.2 to production failed,          error,   failed",
            "ROLLED_BACK, Deployment of checkout 1.4.2 to production rolled back,     warning, rolled_back"})
    void titleAlertTypeAndStatusTagFollowTheOutcome(DeploymentStatus status, String title, String alertType, String tag)
            throws Exception {
        datadog.respond("/api/v1/events", 202, ACCEPTED);

        sink().deliver(Deployments.finished(status), null, "key-2");

        JsonNode body = datadog.onlyRequest().json();
        assertThat(body.get("title").asText()).isEqualTo(title);
        assertThat(body.get("alert_type").asText()).isEqualTo(alertType);
        assertThat(texts(body.get("tags"))).contains("deployment_status:" + tag);
    }

    @Test
    void everyRevisionIsANewEventUnderTheSameAggregationKey() throws Exception {
        datadog.enqueue(202, "{\"status\":\"ok\",\"event\":{\"id\":1}}");
        datadog.enqueue(202, "{\"status\":\"ok\",\"event\":{\"id\":2}}");
        DatadogMarkerSink sink = sink();

        String first = sink.deliver(Deployments.started(), null, "key-1");
        String second = sink.deliver(Deployments.finished(DeploymentStatus.FAILED), first, "key-2");

        assertThat(List.of(first, second)).containsExactly("1", "2");
        List<Request> requests = datadog.requests();
        assertThat(requests).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /api/v1/events", "POST /api/v1/events");
        assertThat(requests).extracting(r -> r.json().get("aggregation_key").asText()).containsOnly("dep-7f3a");
        assertThat(requests).extracting(r -> r.json().get("alert_type").asText()).containsExactly("info", "error");
    }

    @Test
    void textWithoutKnownDetailsIsJustTheSummary() throws Exception {
        datadog.respond("/api/v1/events", 202, ACCEPTED);

        sink().deliver(Deployments.bare(), null, "key-1");

        assertThat(datadog.onlyRequest().json().get("text").asText())
                .isEqualTo("%%% \nsearch 2.0.0 → staging: started\n %%%");
    }

    @Test
    void acceptedWithoutEventIdIsStillDelivered() throws Exception {
        datadog.respond("/api/v1/events", 202, "");

        assertThat(sink().deliver(Deployments.started(), null, "key-1")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "503, true, will retry",
            "429, true, will retry",
            "408, true, will retry",
            "400, false, not retrying",
            "401, false, check the credentials configured for this sink",
            "403, false, check the credentials configured for this sink"})
    void mapsStatusToRetryable(int status, boolean retryable, String hint) {
        datadog.respond("/api/v1/events", status, "{\"errors\":[\"Forbidden\"]}");

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink().deliver(Deployments.started(), null, "key-1"));

        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e).hasMessage("datadog: POST " + datadog.baseUri() + "/api/v1/events answered " + status
                + ": \"Forbidden\"; " + hint);
    }

    @Test
    void datadogThatIsDownIsRetryable() {
        datadog.stop();

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink().deliver(Deployments.started(), null, "key-1"));

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessage("datadog: POST " + datadog.baseUri() + "/api/v1/events failed: connection refused; will retry");
    }

    @Test
    void apiKeyNeverAppearsInMessagesEvenWhenEchoed() {
        datadog.respond("/api/v1/events", 403, "{\"errors\":[\"API key " + API_KEY + " is invalid\"]}");

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink().deliver(Deployments.started(), null, "key-1"));

        assertThat(e.getMessage()).doesNotContain(API_KEY).contains("API key *** is invalid");
        assertThat(new DatadogSinkConfig(null, API_KEY, null).toString()).doesNotContain(API_KEY);
    }

    @Test
    void apiKeyIsHiddenEvenWhereTheExcerptIsCutShort() {
        datadog.respond("/api/v1/events", 400, "x".repeat(190) + API_KEY);

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink().deliver(Deployments.started(), null, "key-1"));

        assertThat(e.getMessage()).doesNotContain(API_KEY.substring(0, 10)).contains("x".repeat(190) + "***");
    }

    @Test
    void defaultsToUs1AndMapsSitesToTheirApiHost() {
        assertThat(new DatadogSinkConfig(null, API_KEY, null).baseUrl()).isEqualTo(URI.create("https://api.datadoghq.com"));
        assertThat(DatadogSinkConfig.siteUrl("datadoghq.eu")).isEqualTo(URI.create("https://api.datadoghq.eu"));
        assertThat(DatadogSinkConfig.siteUrl("us5.datadoghq.com")).isEqualTo(URI.create("https://api.us5.datadoghq.com"));
        assertThat(DatadogSinkConfig.siteUrl("app.datadoghq.eu")).isEqualTo(URI.create("https://api.datadoghq.eu"));
        assertThat(DatadogSinkConfig.forSite("ddog-gov.com", API_KEY, null).baseUrl())
                .isEqualTo(URI.create("https://api.ddog-gov.com"));
    }

    @Test
    void refusesSiteThatIsNotAHostName() {
        assertThatThrownBy(() -> DatadogSinkConfig.siteUrl("https://app.datadoghq.eu/"))
                .hasMessage("datadog.site: 'https://app.datadoghq.eu/' is not a Datadog site; "
                        + "use a site such as datadoghq.com, datadoghq.eu or us5.datadoghq.com");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
