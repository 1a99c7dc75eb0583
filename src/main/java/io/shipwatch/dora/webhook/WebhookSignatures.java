package io.shipwatch.dora.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks webhook signatures and tokens in constant time, so a wrong guess learns nothing from the timing. */
public final class WebhookSignatures {
    private WebhookSignatures() {
    }

    /** GitHub: {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, raw body)>}. */
    public static boolean gitHubValid(String secret, byte[] body, String header) {
        return header != null && header.startsWith("sha256=") && equal(header.substring(7).toLowerCase(Locale.ROOT), hmacHex(secret, body));
    }

    /** PagerDuty v3: {@code X-PagerDuty-Signature: v1=<hex>[,v1=<hex>]}; any one matching (during secret rotation). */
    public static boolean pagerDutyValid(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        String expected = hmacHex(secret, body);
        boolean ok = false;
        for (String part : header.split(",")) {
            String s = part.trim();
            ok |= s.startsWith("v1=") && equal(s.substring(3).toLowerCase(Locale.ROOT), expected);
        }
        return ok;
    }

    /** A shared token sent as is (GitLab's {@code X-Gitlab-Token}) or as {@code Bearer <token>} (Alertmanager). */
    public static boolean tokenValid(String secret, String sent) {
        if (sent == null) {
            return false;
        }
        String token = sent.startsWith("Bearer ") ? sent.substring(7).trim() : sent;
        return equal(token, secret);
    }

    /** The hex SHA-256 of a body: the delivery id of a provider that sends none (Alertmanager). */
    public static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
