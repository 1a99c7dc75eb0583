package io.shipwatch.providers;

/** Escapes a value put inside a quoted label matcher, so that no value can end the string and add to the query. */
public final class LabelValue {
    private LabelValue() {
    }

    /** The value with backslash, double quote and line breaks escaped as in a PromQL (and Go) string literal. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
