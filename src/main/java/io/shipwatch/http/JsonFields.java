package io.shipwatch.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.InputException;
import io.shipwatch.core.Problems;
import io.shipwatch.core.Times;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Reads typed fields out of a JSON object, collecting one problem per bad field instead of stopping at the first. */
final class JsonFields {
    private final JsonNode node;
    private final String prefix;
    private final Problems problems;

    JsonFields(JsonNode node, String prefix, Problems problems) {
        this.node = node;
        this.prefix = prefix;
        this.problems = problems;
    }

    /** The problems found so far (shared with the caller). */
    Problems problems() {
        return problems;
    }

    /** Refuses fields that are not known, so a typo such as {@code enviroment} is not silently dropped. */
    void onlyKnown(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(prefix + name, "unknown field", "known fields: " + String.join(", ", known));
            }
        }
    }

    String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber()) {
            return v.asText(); // run ids are often numbers in CI payloads
        }
        problems.add(prefix + field, "expected a string, got " + kind(v), null);
        return null;
    }

    Instant time(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        try {
            return Times.parseInstant(text, prefix + field);
        } catch (InputException e) {
            e.errors().forEach(p -> problems.add(p.where(), p.problem(), p.hint()));
            return null;
        }
    }

    Map<String, String> stringMap(String field) {
        JsonNode v = node.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            problems.add(prefix + field, "expected an object of names to strings, got " + kind(v), null);
            return out;
        }
        v.fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            } else {
                problems.add(prefix + field + "." + e.getKey(), "expected a string, got " + kind(e.getValue()), null);
            }
        });
        return out;
    }

    JsonNode array(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            problems.add(prefix + field, "expected an array, got " + kind(v), null);
            return null;
        }
        return v;
    }

    static String kind(JsonNode v) {
        return switch (v.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case NULL -> "null";
            default -> "a string";
        };
    }
}
