package io.shipwatch.providers.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.markers.SinkException;
import io.shipwatch.providers.http.SinkHttp;
import io.shipwatch.testing.Deployments;
import io.shipwatch.testing.RecordingHttpServer;
import io.shipwatch.testing.RecordingHttpServer.Request;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GrafanaMarkerSinkTest {
    private static final String TOKEN = "glsa_Zk3r9QmW7xTq2LpV8nYc4HdA5sE1uJ6o";
    private static final HttpClient CLIENT = SinkHttp.newClient();

    private final RecordingHttpServer grafana = RecordingHttpServer.start();

    @org.junit.jupiter.api.BeforeEach
    void noAnnotationDrawnYet() {
        grafana.respond("GET /api/annotations", 200, "[]");
    }

    /** The requests that change annotations (the sink first looks for one already drawn for the deployment). */
    private List<Request> writes() {
        return grafana.requests().stream().filter(r -> !r.method().equals("GET")).toList();
    }

    private Request onlyWrite() {
        List<Request> writes = writes();
        assertThat(writes).hasSize(1);
        return writes.get(0);
    }

    @AfterEach
    void stopServer() {
        grafana.close();
    }

    private GrafanaMarkerSink sink(String dashboardUid, List<String> extraTags) {
        return new GrafanaMarkerSink(new GrafanaSinkConfig(grafana.baseUri(), TOKEN, dashboardUid, extraTags), CLIENT);
    }

    private GrafanaMarkerSink sink() {
        return sink(null, List.of());
    }

    @Test
    void isNamedGrafana() {
        assertThat(sink().name()).isEqualTo("grafana");
    }

    @Test
    void createsOrganisationAnnotationForStartedDeploymentAndReturnsItsId() throws Exception {
        grafana.respond("/api/annotations", 200, "{\"message\":\"Annotation added\",\"id\":1}");

        String ref = sink().deliver(Deployments.started(), null, "key-1");

        assertThat(ref).isEqualTo("1");
        Request request = onlyWrite();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/annotations");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("User-Agent")).isEqualTo("shipwatch/dev");
        JsonNode body = request.json();
        assertThat(fieldNames(body)).containsExactly("time", "tags", "text");
        assertThat(body.get("time").asLong()).isEqualTo(1795701840000L);
        assertThat(texts(body.get("tags"))).containsExactly(
                "deployment", "service:checkout", "environment:production", "version:1.4.2", "status:started",
                "deployment_id:" + Deployments.started().id());
        assertThat(body.get("text").asText()).isEqualTo("checkout 1.4.2 → production (started)"
                + "<br>commit 9f2c1ab by alice"
                + "<br><a href=\"https://github.com/acme/checkout/actions/runs/4711\">pipeline run 4711</a>");
    }

    @Test
    void pinsAnnotationToConfiguredDashboardAndAddsExtraTags() throws Exception {
        grafana.respond("/api/annotations", 200, "{\"message\":\"Annotation added\",\"id\":5}");

        sink("jcIIG-07z", List.of("team:payments", "shipwatch")).deliver(Deployments.bare(), null, "key-1");

        JsonNode body = onlyWrite().json();
        assertThat(body.get("dashboardUID").asText()).isEqualTo("jcIIG-07z");
        assertThat(texts(body.get("tags"))).containsExactly("deployment", "service:search", "environment:staging",
                "version:2.0.0", "status:started", "deployment_id:" + Deployments.bare().id(), "team:payments", "shipwatch");
        assertThat(body.get("text").asText()).isEqualTo("search 2.0.0 → staging (started)");
    }

    @Test
    void createsThenUpdatesTheSameAnnotationIntoARegionWhenFinished() throws Exception {
        grafana.respond("/api/annotations", 200, "{\"message\":\"Annotation added\",\"id\":1141}");
        grafana.respond("/api/annotations/1141", 200, "{\"message\":\"Annotation updated\"}");
        GrafanaMarkerSink sink = sink();

        String created = sink.deliver(Deployments.started(), null, "key-1");
        String updated = sink.deliver(Deployments.finished(DeploymentStatus.SUCCEEDED), created, "key-2");

        assertThat(updated).isEqualTo("1141");
        List<Request> requests = writes();
        assertThat(requests).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /api/annotations", "PUT /api/annotations/1141");
        Request update = requests.get(1);
        assertThat(update.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        JsonNode body = update.json();
        assertThat(body.get("time").asLong()).isEqualTo(1795701840000L);
        assertThat(body.get("timeEnd").asLong()).isEqualTo(1795702170000L);
        assertThat(texts(body.get("tags"))).containsExactly(
                "deployment", "service:checkout", "environment:production", "version:1.4.2", "status:succeeded",
                "deployment_id:" + Deployments.started().id());
        assertThat(body.get("text").asText()).startsWith("checkout 1.4.2 → production (succeeded)<br>");
    }

    @Test
    void recreatesAnnotationWhenItWasDeletedInGrafana() throws Exception {
        grafana.respond("/api/annotations/1141", 404, "{\"message\":\"Annotation not found\"}");
        grafana.respond("/api/annotations", 200, "{\"message\":\"Annotation added\",\"id\":1142}");

        String ref = sink().deliver(Deployments.finished(DeploymentStatus.FAILED), "1141", "key-2");

        assertThat(ref).isEqualTo("1142");
        List<Request> requests = writes();
        assertThat(requests).extracting(r -> r.method() + " " + r.path())
                .containsExactly("PUT /api/annotations/1141", "POST /api/annotations");
        assertThat(requests.get(1).json().get("timeEnd").asLong()).isEqualTo(1795702170000L);
        assertThat(requests.get(1).json()).isEqualTo(requests.get(0).json());
    }

    @Test
    void finishInTheSameMillisecondAsStartIsAPointNotARegion() throws Exception {
        grafana.respond("/api/annotations", 200, "{\"id\":3}");
        Instant at = Deployments.STARTED_AT;
        Deployment instant = Deployments.started().withFinish(DeploymentStatus.SUCCEEDED, at, at);

        sink().deliver(instant, null, "key-1");

        assertThat(onlyWrite().json().has("timeEnd")).isFalse();
    }

    @Test
    void updateRefusedForAnotherReasonIsNotRetriedAsACreate() {
        grafana.respond("/api/annotations/1141", 403, "{\"message\":\"You'll need additional permissions\"}");

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink().deliver(Deployments.finished(DeploymentStatus.SUCCEEDED), "1141", "key-2"));

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage("grafana: PUT " + grafana.baseUri() + "/api/annotations/1141 answered 403: "
                + "\"You'll need additional permissions\"; check the credentials configured for this sink");
        assertThat(grafana.requests()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({
            "503, true, will retry",
            "500, true, will retry",
            "429, true, will retry",
            "408, true, will retry",
            "400, false, not retrying",
            "401, false, check the credentials configured for this sink",
            "404, false, check the sink's url"})
    void mapsStatusToRetryable(int status, boolean retryable, String hint) {
        grafana.respond("/api/annotations", status, "{\"message\":\"bad request data\"}");

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink().deliver(Deployments.started(), null, "key-1"));

        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e).hasMessage("grafana: POST " + grafana.baseUri() + "/api/annotations answered " + status
                + ": \"bad request data\"; " + hint);
    }

    @Test
    void grafanaThatIsDownIsRetryable() {
        grafana.stop();

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink().deliver(Deployments.started(), null, "key-1"));

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessage("grafana: GET " + grafana.baseUri() + "/api/annotations failed: connection refused; will retry");
    }

    @Test
    void annotationDrawnByALostCreateIsUpdatedNotDrawnAgain() throws Exception {
        grafana.respond("GET /api/annotations", 200, "[{\"id\":77,\"tags\":[\"deployment\"]}]");
        grafana.respond("/api/annotations/77", 200, "{\"message\":\"Annotation updated\"}");

        String ref = sink().deliver(Deployments.finished(DeploymentStatus.SUCCEEDED), null, "key-2");

        assertThat(ref).isEqualTo("77");
        assertThat(grafana.requests()).extracting(r -> r.method() + " " + r.path())
                .containsExactly("GET /api/annotations", "PUT /api/annotations/77");
        assertThat(grafana.requests().get(0).query())
                .contains("tags=deployment_id%3A" + Deployments.started().id());
    }

    @Test
    void answerWithoutIdIsNotRetriedSinceItIsNotGrafanasAnnotationApi() {
        grafana.respond("/api/annotations", 200, "<html>Sign in</html>");

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink().deliver(Deployments.started(), null, "key-1"));

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage("grafana: POST " + grafana.baseUri() + "/api/annotations answered 200 without an "
                + "annotation id: \"<html>Sign in</html>\"; check that the sink's url points at the API");
    }

    @Test
    void tokenNeverAppearsInMessagesEvenWhenGrafanaEchoesIt() {
        grafana.respond("/api/annotations", 401, "{\"message\":\"invalid API key Bearer " + TOKEN + "\"}");

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink().deliver(Deployments.started(), null, "key-1"));

        assertThat(e.getMessage()).doesNotContain(TOKEN).contains("invalid API key Bearer ***");
        assertThat(new GrafanaSinkConfig(grafana.baseUri(), TOKEN, null, null).toString()).doesNotContain(TOKEN);
    }

    @Test
    void keepsAPathPrefixOfTheUrl() throws Exception {
        grafana.respond("/grafana/api/annotations", 200, "{\"id\":9}");
        URI prefixed = grafana.uri("/grafana/");

        new GrafanaMarkerSink(new GrafanaSinkConfig(prefixed, TOKEN, null, null), CLIENT)
                .deliver(Deployments.started(), null, "key-1");

        assertThat(onlyWrite().path()).isEqualTo("/grafana/api/annotations");
    }

    @Test
    void refusesConfigWithoutToken() {
        assertThatThrownBy(() -> new GrafanaSinkConfig(grafana.baseUri(), " ", null, null))
                .isInstanceOf(InputException.class)
                .hasMessage("grafana.token: is missing; create a service-account token with the annotations:write permission");
    }

    @Test
    void refusesUrlWithoutScheme() {
        assertThatThrownBy(() -> new GrafanaSinkConfig(URI.create("grafana.example.com"), TOKEN, null, null))
                .hasMessage("grafana.url: 'grafana.example.com' is not an http(s) URL with a host; "
                        + "use a URL such as https://grafana.example.com");
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
