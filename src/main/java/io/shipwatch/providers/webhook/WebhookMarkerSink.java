package io.shipwatch.providers.webhook;

import io.shipwatch.json.Json;
import io.shipwatch.markers.Deployment;
import io.shipwatch.markers.MarkerSink;
import io.shipwatch.markers.SinkException;
import io.shipwatch.providers.http.SinkHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs each revision of a deployment as JSON to a configured URL, with the delivery key as Idempotency-Key and,
 * when a secret is set, an HMAC-SHA256 signature of the body as GitHub webhooks carry one. Any 2xx is delivered.
 */
public final class WebhookMarkerSink implements MarkerSink {
    private final WebhookSinkConfig config;
    private final SinkHttp http;

    /** {@code client} should come from {@link SinkHttp#newClient()} (5 s connect timeout). */
    public WebhookMarkerSink(WebhookSinkConfig config, HttpClient client) {
        this.config = config;
        this.http = new SinkHttp(name(), client, secrets(config));
    }

    @Override
    public String name() {
        return "webhook:" + config.name();
    }

    /** The body: what happened, the delivery key and the deployment as Shipwatch's API writes it. */
    record Payload(String event, String deliveryKey, Deployment deployment) {
    }

    /** Returns null: a webhook keeps nothing to update later. */
    @Override
    public String deliver(Deployment deployment, String externalRef, String deliveryKey) throws SinkException {
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        byte[] body = Json.write(new Payload(event(deployment), deliveryKey, deployment)).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = http.jsonRequest(config.url())
                .header("Idempotency-Key", deliveryKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> h : config.headers().entrySet()) {
            request.header(h.getKey(), h.getValue());
        }
        if (config.secret() != null) {
            request.header("X-Shipwatch-Signature", "sha256=" + hmacSha256Hex(config.secret(), body));
        }
        http.send(request.build());
        return null;
    }

    /** {@code deployment.started}, {@code deployment.succeeded}, {@code deployment.failed}, {@code deployment.rolled_back}. */
    static String event(Deployment d) {
        return "deployment." + d.status().wireName();
    }

    static String hmacSha256Hex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e); // every JDK must provide it
        }
    }

    /**
     * The secret, and header values and their words of 8 characters or more ("Bearer abc…" carries its token as the
     * second word); shorter ones are left alone, as hiding "a" or "prod" would garble every message.
     */
    private static List<String> secrets(WebhookSinkConfig config) {
        List<String> secrets = new ArrayList<>();
        if (config.secret() != null) {
            secrets.add(config.secret());
        }
        for (String value : config.headers().values()) {
            if (value.length() >= 8) {
                secrets.add(value);
            }
            for (String word : value.split("\\s+")) {
                if (word.length() >= 8) {
                    secrets.add(word);
                }
            }
        }
        return secrets;
    }
}
