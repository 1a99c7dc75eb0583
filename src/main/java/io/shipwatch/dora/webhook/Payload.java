package io.shipwatch.dora.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Times;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads fields of a webhook body by path ({@code deployment.sha}); a missing or mistyped one names its path. */
final class Payload {
    // GitLab writes "2021-04-28 21:50:00 +0200" and "2016-08-12 15:26:29 UTC" besides RFC 3339
    private static final DateTimeFormatter GITLAB_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss Z");
    /** Go's zero time, which Alertmanager sends for "not set": left for the parser to read as absent. */
    private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");
    private static final DateTimeFormatter GITLAB_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private final JsonNode root;
    private final String prefix;
    private final String hint;

    Payload(JsonNode root, String hint) {
        this(root, "", hint);
        if (root == null || !root.isObject()) {
            throw new InputException("body", "expected a JSON object", hint);
        }
    }

    private Payload(JsonNode root, String prefix, String hint) {
        this.root = root;
        this.prefix = prefix;
        this.hint = hint;
    }

    /** The items of the array at {@code path}, each read with its index in the names ({@code commits[2].id}). */
    List<Payload> items(String path) {
        JsonNode n = array(path);
        List<Payload> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isObject()) {
                throw new InputException(prefix + path + "[" + i + "]", "expected an object", hint);
            }
            out.add(new Payload(n.get(i), prefix + path + "[" + i + "].", hint));
        }
        return out;
    }

    JsonNode root() {
        return root;
    }

    JsonNode node(String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            n = n == null ? null : n.get(part);
        }
        return n == null || n.isNull() ? null : n;
    }

    String text(String path) {
        JsonNode n = node(path);
        if (n == null) {
            throw new InputException(prefix + path, "is missing", hint);
        }
        if (!n.isValueNode()) {
            throw new InputException(prefix + path, "expected a string, got " + n.getNodeType().name().toLowerCase(), hint);
        }
        return n.asText();
    }

    String optionalText(String path) {
        return node(path) == null ? null : text(path);
    }

    /** A whole number from 1, such as a pull request number, sent as a number or a string of digits. */
    int number(String path) {
        String text = text(path);
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InputException(prefix + path, "'" + text + "' is not a whole number from 1", hint);
    }

    Instant time(String path) {
        return parseTime(text(path), prefix + path, hint);
    }

    Instant optionalTime(String path) {
        return node(path) == null ? null : time(path);
    }

    JsonNode array(String path) {
        JsonNode n = node(path);
        if (n == null || !n.isArray()) {
            throw new InputException(prefix + path, n == null ? "is missing" : "expected an array", hint);
        }
        return n;
    }

    static Instant parseTime(String text, String where, String hint) {
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, GITLAB_OFFSET, GITLAB_ZONE)) {
            try {
                Instant t = f == GITLAB_ZONE ? ZonedDateTime.parse(text, f).toInstant()
                        : OffsetDateTime.parse(text, f).toInstant();
                return t.equals(GO_ZERO_TIME) ? t : Times.inRange(t, where);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        throw new InputException(where, "'" + text + "' is not a time", hint);
    }

    /** A push event (GitHub and GitLab share its shape); a tag push carries no change and is ignored. */
    WebhookEvent push(String repositoryUrl) {
        String ref = text("ref");
        if (!ref.startsWith("refs/heads/")) {
            return new WebhookEvent.Ignored("push of " + ref + ": only branches carry changes");
        }
        List<WebhookEvent.PushedCommit> commits = items("commits").stream()
                .map(c -> new WebhookEvent.PushedCommit(c.text("id"), c.time("timestamp"), c.optionalText("message"),
                        paths(c.root)))
                .toList();
        return new WebhookEvent.Push(repositoryUrl, ref, text("before"), text("after"), commits);
    }

    /** The paths a pushed commit touched: added, modified and removed. */
    static List<String> paths(JsonNode commit) {
        List<String> paths = new ArrayList<>();
        for (String kind : List.of("added", "modified", "removed")) {
            commit.path(kind).forEach(p -> paths.add(p.asText()));
        }
        return paths;
    }

    /** Puts {@code value} at {@code key} unless it is null. */
    static void putIfSet(java.util.Map<String, Object> attributes, String key, String value) {
        if (value != null) {
            attributes.put(key, value);
        }
    }
}
