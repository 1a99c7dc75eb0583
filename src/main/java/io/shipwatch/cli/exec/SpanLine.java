package io.shipwatch.cli.exec;

import java.util.Map;

/**
 * Writes the spool's span lines as JSON by hand, so the {@code exec} path loads no JSON library. Two kinds:
 * {@code open} when a step starts (so {@code pipeline status} shows it running) and {@code span} when it ends.
 */
final class SpanLine {
    private final StringBuilder json = new StringBuilder(256).append('{');

    static SpanLine of(String type) {
        return new SpanLine().field("type", type);
    }

    SpanLine field(String name, String value) {
        if (value != null) {
            separator();
            quote(name);
            json.append(':');
            quote(value);
        }
        return this;
    }

    SpanLine field(String name, long value) {
        separator();
        quote(name);
        json.append(':').append(value);
        return this;
    }

    /** Attributes: values that look like whole numbers stay text unless given as Long. */
    SpanLine attributes(Map<String, Object> attributes) {
        separator();
        quote("attributes");
        json.append(":{");
        boolean first = true;
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            quote(e.getKey());
            json.append(':');
            if (e.getValue() instanceof Long n) {
                json.append(n);
            } else {
                quote(String.valueOf(e.getValue()));
            }
        }
        json.append('}');
        return this;
    }

    String build() {
        return json.append('}').toString();
    }

    private void separator() {
        if (json.length() > 1) {
            json.append(',');
        }
    }

    // RFC 8259 section 7: quote, backslash and control characters must be escaped
    private void quote(String s) {
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
