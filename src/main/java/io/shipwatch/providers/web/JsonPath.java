package io.shipwatch.providers.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset the web provider reads values with: {@code $}, {@code .field}, {@code ['field']} and
 * {@code [index]}, as in {@code $.data.result[0].value}. Argo's {@code {$.data}} braces are accepted too.
 */
public record JsonPath(String text, List<Object> steps) {
    private static final Pattern STEP = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_-]*)|\\['([^']*)']|\\[(\\d+)]");

    /** Parses a path; null when it is not one of the supported forms. */
    public static JsonPath parse(String text) {
        String t = text.trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1).trim();
        }
        if (!t.startsWith("$")) {
            return null;
        }
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(t);
        int at = 1;
        while (at < t.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            steps.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : Integer.valueOf(m.group(3)));
            at = m.end();
        }
        return new JsonPath(text, List.copyOf(steps));
    }

    /** The node at this path, or null when some step is missing. */
    public JsonNode select(JsonNode root) {
        JsonNode node = root;
        for (Object step : steps) {
            node = step instanceof Integer i ? node.get(i) : node.get((String) step);
            if (node == null) {
                return null;
            }
        }
        return node;
    }
}
