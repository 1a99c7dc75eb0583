package io.shipwatch.loadtest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.shipwatch.core.InputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a comparison, read from YAML ({@code rules:} followed by a list, or the list alone), each rule a flat
 * mapping: {@code {metric: p95, label: "api/*", maxIncrease: 10%, minDelta: 5ms, level: warn}}. Every problem is
 * reported with its {@code file:line}.
 */
public final class CompareRules {
    private static final Set<String> KEYS = Set.of("metric", "label", "level", "maxIncrease", "maxDecrease",
            "minDelta", "max", "min");
    private static final YAMLFactory YAML = new YAMLFactory();

    private CompareRules() {
    }

    /**
     * The rules used when none are given: a label fails when its mean or p95 grows by more than 20 % and more than
     * 5 ms, or its error rate by more than one percentage point; it warns from 10 %.
     */
    public static List<Rule> defaults() {
        List<Rule> rules = new ArrayList<>();
        for (Metric m : List.of(Metric.MEAN, Metric.P95)) {
            rules.add(new Rule(m, "*", Level.WARN, new Limit(0.10, true), null, new Limit(5, false), null, null,
                    "default"));
            rules.add(new Rule(m, "*", Level.FAIL, new Limit(0.20, true), null, new Limit(5, false), null, null,
                    "default"));
        }
        rules.add(new Rule(Metric.ERROR_RATE, "*", Level.FAIL, new Limit(0.01, false), null, null, null, null,
                "default"));
        return rules;
    }

    /** Parses the YAML {@code text} of the file {@code source}. */
    public static List<Rule> parse(String text, String source) {
        List<Rule> rules = new ArrayList<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new InputException(source, "has no rules", "write rules: followed by a list of rules");
            }
            if (t == JsonToken.START_OBJECT) {
                expectField(p, "rules", source);
                t = p.nextToken();
            }
            if (t != JsonToken.START_ARRAY) {
                throw new InputException(line(source, p), "expected a list of rules", "write rules: followed by "
                        + "lines such as - {metric: p95, maxIncrease: 10%}");
            }
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                    throw new InputException(line(source, p), "a rule must be a mapping", "write "
                            + "- {metric: p95, maxIncrease: 10%}");
                }
                rules.add(rule(p, source));
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new InputException(line > 0 ? source + ":" + line : source, "not valid YAML: "
                    + String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""),
                    "check the indentation and quoting");
        } catch (IOException e) {
            throw new InputException(source, "cannot be read: " + e.getMessage(), null);
        }
        if (rules.isEmpty()) {
            throw new InputException(source, "has no rules", "leave out --rules to use the default rules");
        }
        return rules;
    }

    private static void expectField(JsonParser p, String name, String source) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME || !p.currentName().equals(name)) {
            throw new InputException(line(source, p), "expected '" + name + ":'", "write rules: followed by a list");
        }
    }

    private static Rule rule(JsonParser p, String source) throws IOException {
        String where = line(source, p);
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> lines = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            String at = line(source, p);
            if (!KEYS.contains(key)) {
                throw new InputException(at, "unknown key '" + key + "'", "known keys: metric, label, level, "
                        + "maxIncrease, maxDecrease, minDelta, max, min");
            }
            JsonToken value = p.nextToken();
            if (!value.isScalarValue()) {
                throw new InputException(at, "'" + key + "' must be a single value", null);
            }
            fields.put(key, p.getText());
            lines.put(key, at);
        }
        if (!fields.containsKey("metric")) {
            throw new InputException(where, "the rule has no 'metric'", "add metric: p95 (or mean, p99, errorRate, "
                    + "throughput, …)");
        }
        Metric metric = Metric.parse(fields.get("metric"), lines.get("metric"));
        Level level = level(fields.getOrDefault("level", "fail"), lines.getOrDefault("level", where));
        boolean latencyOrRate = metric != Metric.COUNT;
        Rule rule = new Rule(metric, fields.getOrDefault("label", "*"), level,
                change(fields, lines, "maxIncrease", metric, latencyOrRate),
                change(fields, lines, "maxDecrease", metric, true),
                change(fields, lines, "minDelta", metric, false),
                fields.containsKey("max") ? Limit.bound(fields.get("max"), metric, lines.get("max")) : null,
                fields.containsKey("min") ? Limit.bound(fields.get("min"), metric, lines.get("min")) : null, where);
        if (!rule.isRelativeToBaseline() && rule.max() == null && rule.min() == null) {
            throw new InputException(where, "the rule for " + metric.wireName() + " sets no limit",
                    "add maxIncrease, maxDecrease, max or min");
        }
        return rule;
    }

    private static Limit change(Map<String, String> fields, Map<String, String> lines, String key, Metric metric,
                                boolean allowRelative) {
        return fields.containsKey(key) ? Limit.change(fields.get(key), metric, allowRelative, lines.get(key)) : null;
    }

    private static Level level(String text, String where) {
        return switch (text) {
            case "warn" -> Level.WARN;
            case "fail" -> Level.FAIL;
            default -> throw new InputException(where, "level '" + text + "' is unknown", "use warn or fail");
        };
    }

    private static String line(String source, JsonParser p) {
        return source + ":" + p.currentTokenLocation().getLineNr();
    }
}
