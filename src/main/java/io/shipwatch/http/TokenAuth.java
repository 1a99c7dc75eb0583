package io.shipwatch.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer …} against the configured tokens. Every token is compared, in constant time
 * over SHA-256 digests, so neither the match position nor the secret's length shows in the response time.
 */
final class TokenAuth {
    private final List<ApiToken> tokens;
    private final List<byte[]> digests;

    TokenAuth(List<ApiToken> tokens) {
        this.tokens = List.copyOf(tokens);
        this.digests = tokens.stream().map(t -> sha256(t.secret())).toList();
    }

    boolean enabled() {
        return !tokens.isEmpty();
    }

    /** The token the header presents, if it is one of ours. */
    Optional<ApiToken> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorizationHeader.substring(7).trim());
        ApiToken match = null;
        for (int i = 0; i < tokens.size(); i++) {
            if (MessageDigest.isEqual(presented, digests.get(i)) && match == null) {
                match = tokens.get(i);
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
