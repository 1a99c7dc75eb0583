package io.shipwatch.providers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.json.Json;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.DeploymentStatus;
import io.shipwatch.markers.SinkException;
import io.shipwatch.providers.http.SinkHttp;
import io.shipwatch.testing.Deployments;
import io.shipwatch.testing.RecordingHttpServer;
import io.shipwatch.testing.RecordingHttpServer.Request;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookMarkerSinkTest {
    private static final String SECRET = "whsec_4n8Qp2Vx7Lm9Rk3T";
    private static final String BEARER = "eyJhbGciOiJIUzI1NiJ9.c2hpcHdhdGNo.kP2v";
    private static final HttpClient CLIENT = SinkHttp.newClient();

    private final RecordingHttpServer receiver = RecordingHttpServer.start();

    @AfterEach
    void stopServer() {
        receiver.close();
    }

    private WebhookMarkerSink sink(String secret) {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + BEARER, "X-Team", "payments");
        return new WebhookMarkerSink(new WebhookSinkConfig("alerts", receiver.uri("/hooks/deploys"), headers, secret), CLIENT);
    }

    @Test
    void isNamedAfterTheWebhook() {
        assertThat(sink(null).name()).isEqualTo("webhook:alerts");
    }

    @Test
    void postsTheEventWithTheDeploymentAsShipwatchWritesIt() throws Exception {
        Deployment started = Deployments.started();

        String ref = sink(null).deliver(started, null, "dep-7f3a:grafana:1");

        assertThat(ref).isNull();
        Request request = receiver.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/deploys");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Idempotency-Key")).isEqualTo("dep-7f3a:grafana:1");
        assertThat(request.header("User-Agent")).isEqualTo("shipwatch/dev");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + BEARER);
        assertThat(request.header("X-Team")).isEqualTo("payments");
        assertThat(request.header("X-Shipwatch-Signature")).isNull();
        JsonNode body = request.json();
        assertThat(fieldNames(body)).containsExactly("event", "deliveryKey", "deployment");
        assertThat(body.get("event").asText()).isEqualTo("deployment.started");
        assertThat(body.get("deliveryKey").asText()).isEqualTo("dep-7f3a:grafana:1");
        assertThat(body.get("deployment")).isEqualTo(Json.mapper().readTree(Json.write(started)));
        assertThat(body.get("deployment").get("startedAt").asText()).isEqualTo("2026-11-26T14:04:00Z");
        assertThat(body.get("deployment").has("finishedAt")).isFalse();
    }

    @Test
    void finishedDeploymentCarriesItsOutcomeAndFinishTime() throws Exception {
        sink(null).deliver(Deployments.finished(DeploymentStatus.ROLLED_BACK), null, "key-2");

        JsonNode body = receiver.onlyRequest().json();
        assertThat(body.get("event").asText()).isEqualTo("deployment.rolled_back");
        assertThat(body.get("deployment").get("status").asText()).isEqualTo("rolled_back");
        assertThat(body.get("deployment").get("finishedAt").asText()).isEqualTo("2026-11-26T14:09:30Z");
    }

    @ParameterizedTest
    @CsvSource({"STARTED, deployment.started", "SUCCEEDED, deployment.succeeded", "FAILED, deployment.failed",
            "ROLLED_BACK, deployment.rolled_back"})
    void namesTheEventAfterTheStatus(DeploymentStatus status, String event) {
        Deployment deployment = status == DeploymentStatus.STARTED ? Deployments.started() : Deployments.finished(status);

        assertThat(WebhookMarkerSink.event(deployment)).isEqualTo(event);
    }

    @Test
    void signsTheRawBodyWithTheSecretAsGitHubDoes() throws Exception {
        sink(SECRET).deliver(Deployments.finished(DeploymentStatus.SUCCEEDED), null, "key-2");

        Request request = receiver.onlyRequest();
        // recomputed here with the JDK, independently of the sink's own code
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(request.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("X-Shipwatch-Signature")).isEqualTo(expected);
        assertThat(request.body()).doesNotContain(SECRET);
    }

    @Test
    void signatureMatchesGitHubsPublishedExample() {
        // GitHub's docs: secret "It's a Secret to Everybody", payload "Hello, World!"
        assertThat(WebhookMarkerSink.hmacSha256Hex("It's a Secret to Everybody",
                "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204})
    void anySuccessStatusIsDelivered(int status) throws Exception {
        receiver.respond("/hooks/deploys", status, status == 204 ? "" : "{\"ok\":true}");

        assertThat(sink(null).deliver(Deployments.started(), null, "key-1")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
            "503, true, will retry",
            "502, true, will retry",
            "429, true, will retry",
            "400, false, not retrying",
            "401, false, check the credentials configured for this sink",
            "410, false, not retrying"})
    void mapsStatusToRetryable(int status, boolean retryable, String hint) {
        receiver.respond("/hooks/deploys", status, "nope\n  try   later");

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink(SECRET).deliver(Deployments.started(), null, "key-1"));

        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e).hasMessage("webhook:alerts: POST " + receiver.baseUri() + "/hooks/deploys answered " + status
                + ": \"nope try later\"; " + hint);
    }

    @Test
    void redirectIsNotFollowedAndNotRetried() {
        receiver.respond("/hooks/deploys",
                r -> new RecordingHttpServer.Reply(301, "", Map.of("Location", "http://127.0.0.1:1/elsewhere")));

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink(null).deliver(Deployments.started(), null, "key-1"));

        assertThat(e.retryable()).isFalse();
        assertThat(e).hasMessage("webhook:alerts: POST " + receiver.baseUri() + "/hooks/deploys answered 301; check the sink's url");
    }

    @Test
    void receiverThatIsDownIsRetryableAndDeliveredOnceItIsBack() throws Exception {
        WebhookMarkerSink sink = sink(null);
        receiver.stop();

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink.deliver(Deployments.started(), null, "key-1"));
        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessage("webhook:alerts: POST " + receiver.baseUri() + "/hooks/deploys failed: connection refused; will retry");

        receiver.restart();
        sink.deliver(Deployments.started(), null, "key-1");
        assertThat(receiver.onlyRequest().header("Idempotency-Key")).isEqualTo("key-1");
    }

    @Test
    void unknownHostIsRetryable() {
        WebhookSinkConfig config = new WebhookSinkConfig("alerts",
                URI.create("http://no-such-host.invalid/hook"), Map.of(), null);

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> new WebhookMarkerSink(config, CLIENT).deliver(Deployments.started(), null, "key-1"));

        assertThat(e.retryable()).isTrue();
        assertThat(e).hasMessage("webhook:alerts: POST http://no-such-host.invalid/hook failed: "
                + "unknown host 'no-such-host.invalid'; will retry");
    }

    @Test
    void secretsAndCredentialHeadersNeverAppearInMessages() {
        receiver.respond("/hooks/deploys", 401, "{\"error\":\"bad token " + BEARER + " for secret " + SECRET + "\"}");

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> sink(SECRET).deliver(Deployments.started(), null, "key-1"));

        assertThat(e.getMessage()).doesNotContain(BEARER).doesNotContain(SECRET)
                .contains("bad token *** for secret ***");
        WebhookSinkConfig config = new WebhookSinkConfig("alerts", receiver.baseUri(),
                Map.of("Authorization", "Bearer " + BEARER), SECRET);
        assertThat(config.toString()).doesNotContain(BEARER).doesNotContain(SECRET);
    }

    @Test
    void queryStringOfTheUrlStaysOutOfMessages() {
        WebhookSinkConfig config = new WebhookSinkConfig("alerts", receiver.uri("/hooks/deploys?token=" + BEARER),
                Map.of(), null);
        receiver.respond("/hooks/deploys", 500, "");

        SinkException e = catchThrowableOfType(SinkException.class,
                () -> new WebhookMarkerSink(config, CLIENT).deliver(Deployments.started(), null, "key-1"));

        assertThat(e).hasMessage("webhook:alerts: POST " + receiver.baseUri() + "/hooks/deploys answered 500; will retry");
        assertThat(receiver.onlyRequest().query()).isEqualTo("token=" + BEARER);
    }

    @Test
    void refusesHeadersTheSinkSetsItself() {
        assertThatThrownBy(() -> new WebhookSinkConfig("alerts", receiver.baseUri(), Map.of("Idempotency-Key", "x"), null))
                .hasMessage("webhook.alerts.headers.Idempotency-Key: is set by Shipwatch itself; remove it from the headers");
    }

    @Test
    void refusesNameThatCannotBePartOfTheSinkName() {
        assertThatThrownBy(() -> new WebhookSinkConfig("my alerts", receiver.baseUri(), Map.of(), null))
                .hasMessage("webhook.name: 'my alerts' is not a webhook name; use letters, digits, '.', '_' and '-', such as alerts");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
