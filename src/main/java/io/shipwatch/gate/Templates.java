package io.shipwatch.gate;

import io.shipwatch.core.InputException;
import io.shipwatch.providers.LabelValue;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{name}}} placeholders in queries, each value escaped as in a PromQL string literal so that it cannot
 * end the label matcher it stands in; an unknown name is an error naming the line and the flag to use.
 */
final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");

    private Templates() {
    }

    static String fill(String template, Map<String, String> vars, String where) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new InputException(where, "the query uses {{" + m.group(1) + "}} but it has no value",
                        "pass --var " + m.group(1) + "=VALUE, or set it under vars:");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(LabelValue.escape(value)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
