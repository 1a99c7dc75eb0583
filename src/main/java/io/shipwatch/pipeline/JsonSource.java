package io.shipwatch.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Times;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A JSON document read from a named source (a file, a URL) for the CI payload parsers: malformed JSON is an
 * {@link InputException} at {@code source:line}, and fields are read by path with errors that name them.
 */
public record JsonSource(String name, JsonNode root) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses {@code bytes}; malformed or truncated JSON fails with the line and column where it broke. */
    public static JsonSource parse(String name, byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isContainerNode()) {
                throw new InputException(name + ":1", "is not a JSON object or array", "save the API's answer unchanged");
            }
            return new JsonSource(name, root);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InputException(at == null ? name : name + ":" + at.getLineNr(), "malformed JSON: " + reason(e),
                    "save the API's answer unchanged");
        } catch (IOException e) {
            throw new InputException(name, "cannot be read: " + e.getMessage(), null);
        }
    }

    /** Jackson's reason without what it says about its internals after the first clause. */
    static String reason(JsonProcessingException e) {
        return e.getOriginalMessage().lines().findFirst().orElse("").replaceAll("\\s*\\(start marker.*$", "")
                .replaceAll(":\\s*expected close marker.*$", "");
    }

    /** The text at {@code field} of {@code node}; a missing or empty one fails naming {@code path}. */
    String text(JsonNode node, String field, String path) {
        JsonNode v = node.path(field);
        if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw new InputException(name + ": " + path + field, "is missing", "save the API's whole answer");
        }
        return v.asText();
    }

    /** The text at {@code field}, or null. */
    static String optional(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText() : null;
    }

    /** An RFC 3339 time at {@code field} as epoch nanoseconds, or null when absent. */
    Long time(JsonNode node, String field, String path) {
        String text = optional(node, field);
        if (text == null) {
            return null;
        }
        try {
            // nanoseconds in a long end in 2262: later times are as bad as malformed ones here
            Instant t = Times.inRange(Instant.parse(text), name + ": " + path + field);
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            throw new InputException(name + ": " + path + field, "'" + text + "' is after 2262", null);
        } catch (DateTimeParseException e) {
            throw new InputException(name + ": " + path + field, "'" + text + "' is not an RFC 3339 time", null);
        }
    }
}
