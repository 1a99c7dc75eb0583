package io.shipwatch.testing;

import io.shipwatch.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Sends a webhook to a Shipwatch server the way GitHub does: event and delivery headers, HMAC-SHA256 signature. */
public final class GitHubHooks {
    private GitHubHooks() {
    }

    public static Http.Response deliver(String base, String event, Object payload, String secret, String deliveryId) {
        return deliverRaw(base, event, Json.write(payload), signature(secret, Json.write(payload)), deliveryId);
    }

    public static Http.Response deliverRaw(String base, String event, String body, String signature, String deliveryId) {
        return Http.post(base + "/hooks/github", body, "X-GitHub-Event", event, "X-GitHub-Delivery", deliveryId,
                "X-Hub-Signature-256", signature);
    }

    /** {@code sha256=<hex HMAC-SHA256(secret, body)>}, as GitHub signs. */
    public static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
