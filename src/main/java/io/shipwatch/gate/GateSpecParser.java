package io.shipwatch.gate;

import io.shipwatch.core.InputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a gate spec (YAML) and validates all of it before anything is queried: every problem is an
 * {@link InputException} naming {@code file:line}, what was wrong and what to write instead.
 */
public final class GateSpecParser {
    static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    static final Duration DEFAULT_STEP = Duration.ofSeconds(30);

    private GateSpecParser() {
    }

    /** Parses {@code yaml} read from {@code source}; {@code vars} (from --var) win over the spec's own {@code vars:}. */
    public static GateSpec parse(String yaml, String source, Map<String, String> vars) {
        SpecNode root = SpecNode.parse(yaml, source);
        root.allowOnly("name", "provider", "window", "step", "objectives", "baseline", "totalScore", "vars", "minSamples");
        Map<String, String> allVars = new LinkedHashMap<>();
        SpecNode varsNode = root.get("vars");
        if (varsNode != null) {
            allVars.putAll(varsNode.stringMap());
        }
        allVars.putAll(vars);
        ProviderSpec provider = provider(root.require("provider",
                "add provider: {type: prometheus, url: http://127.0.0.1:9090}"));
        Duration window = root.duration("window", DEFAULT_WINDOW);
        Duration step = root.duration("step", DEFAULT_STEP);
        BaselineSpec baseline = baseline(root.get("baseline"));
        Map<String, String> baselineVars = new HashMap<>(allVars);
        if (baseline.pinned()) {
            baselineVars.put("version", baseline.version());
        }
        List<Objective> objectives = objectives(root.require("objectives",
                "add objectives: with at least one name, query and pass criteria"), allVars, baselineVars);
        double[] thresholds = totalScore(root.get("totalScore"));
        int minSamples = root.wholeNumber("minSamples", 5, 0);
        String name = root.text("name", fileName(source));
        return new GateSpec(name, provider, window, step, objectives, baseline, thresholds[0], thresholds[1], minSamples,
                allVars, source);
    }

    static ProviderSpec provider(SpecNode node) {
        SpecNode type = node.require("type", "write type: prometheus (or datadog, or web)");
        Map<String, String> settings = new LinkedHashMap<>();
        node.entries().forEach((key, value) -> {
            if (key.equals("type")) {
                return;
            }
            if (value.isMapping()) {
                value.stringMap().forEach((k, v) -> settings.put(key + "." + k, v));
            } else {
                settings.put(key, value.text());
            }
        });
        return new ProviderSpec(type.text().trim().toLowerCase(Locale.ROOT), settings, type.where());
    }

    private static List<Objective> objectives(SpecNode node, Map<String, String> vars, Map<String, String> baselineVars) {
        List<SpecNode> items = node.items();
        if (items.isEmpty()) {
            throw node.problem("has no objectives", "add at least one objective with a name, a query and pass criteria");
        }
        List<Objective> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SpecNode item : items) {
            item.allowOnly("name", "query", "aggregate", "pass", "warning", "weight", "key", "noData");
            String name = item.uniqueName(names, "objective");
            SpecNode queryNode = item.query("write the query whose value is judged, such as "
                    + "'sum(rate(http_requests_total{code=~\"5..\"}[1m]))'");
            String query = queryNode.text();
            Templates.fill(query, vars, queryNode.where());
            Templates.fill(query, baselineVars, queryNode.where());
            SpecNode aggregate = item.get("aggregate");
            SpecNode noData = item.get("noData");
            double weight = item.number("weight", 1);
            if (weight <= 0) {
                throw item.get("weight").problem("weight " + Numbers.format(weight) + " is not positive",
                        "write a weight of 1 or more");
            }
            Criteria pass = criteria(item.get("pass"));
            Criteria warning = criteria(item.get("warning"));
            if (pass.isEmpty() && !warning.isEmpty()) {
                throw item.get("warning").problem("warning criteria without pass criteria",
                        "add pass criteria, or remove warning to make the objective informational");
            }
            out.add(new Objective(name, query, aggregate == null ? Aggregate.AVG : Aggregate.parse(aggregate), pass,
                    warning, weight, item.bool("key", false), noData == null ? NoDataPolicy.FAIL : NoDataPolicy.parse(noData),
                    item.where()));
        }
        return out;
    }

    /** A criteria block: a string, a list of strings (ANDed), or a list of such lists (ORed). */
    static Criteria criteria(SpecNode node) {
        if (node == null) {
            return Criteria.NONE;
        }
        if (node.isScalar()) {
            return new Criteria(List.of(List.of(Criterion.parse(node.text(), node.where()))));
        }
        List<SpecNode> items = node.items();
        if (items.isEmpty()) {
            return Criteria.NONE;
        }
        boolean nested = items.get(0).isSequence();
        List<List<Criterion>> sets = new ArrayList<>();
        List<Criterion> single = new ArrayList<>();
        for (SpecNode item : items) {
            if (item.isSequence() != nested) {
                throw item.problem("mixes criteria and lists of criteria",
                        "write either [\"< 1\", \"<=+10%\"] (all must hold) or [[\"< 1\"], [\"<=+10%\"]] (one set must hold)");
            }
            if (nested) {
                List<Criterion> set = new ArrayList<>();
                for (SpecNode c : item.items()) {
                    set.add(Criterion.parse(c.text(), c.where()));
                }
                if (set.isEmpty()) {
                    throw item.problem("is an empty set of criteria", "write at least one criterion, such as \"< 0.01\"");
                }
                sets.add(set);
            } else {
                single.add(Criterion.parse(item.text(), item.where()));
            }
        }
        if (!nested) {
            sets.add(single);
        }
        return new Criteria(sets);
    }

    static BaselineSpec baseline(SpecNode node) {
        if (node == null) {
            return BaselineSpec.DEFAULT;
        }
        node.allowOnly("from", "version", "count", "include", "aggregate");
        SpecNode version = node.get("version");
        SpecNode from = node.get("from");
        if (version != null && from != null) {
            throw from.problem("both from and version are set", "write {version: \"2.0.4\"} to pin a release, or "
                    + "{from: previous, count: 3} to compare with earlier results");
        }
        if (from != null && !from.text().trim().equals("previous")) {
            throw from.problem("unknown baseline source '" + from.text() + "'",
                    "write from: previous, or version: \"2.0.4\" to pin a release");
        }
        int count = node.wholeNumber("count", 3, 1);
        SpecNode include = node.get("include");
        BaselineSpec.Include inc = BaselineSpec.Include.ALL;
        if (include != null) {
            inc = switch (include.text().trim().toLowerCase(Locale.ROOT)) {
                case "all" -> BaselineSpec.Include.ALL;
                case "pass" -> BaselineSpec.Include.PASS;
                case "pass_or_warning", "pass-or-warning" -> BaselineSpec.Include.PASS_OR_WARNING;
                default -> throw include.problem("unknown include '" + include.text() + "'",
                        "use one of all, pass, pass_or_warning");
            };
        }
        SpecNode aggregate = node.get("aggregate");
        return new BaselineSpec(version == null ? null : version.text().trim(), count, inc,
                aggregate == null ? Aggregate.AVG : Aggregate.parse(aggregate));
    }

    private static double[] totalScore(SpecNode node) {
        if (node == null) {
            return new double[] {90, 75};
        }
        node.allowOnly("pass", "warning");
        double pass = percent(node.get("pass"), 90);
        double warning = percent(node.get("warning"), 75);
        if (warning > pass) {
            throw node.problem("warning score " + Numbers.format(warning) + " is above pass score " + Numbers.format(pass),
                    "write a warning score at or below the pass score, such as {pass: 90, warning: 75}");
        }
        return new double[] {pass, warning};
    }

    private static double percent(SpecNode node, double fallback) {
        if (node == null) {
            return fallback;
        }
        String text = node.text().trim();
        String number = text.endsWith("%") ? text.substring(0, text.length() - 1).trim() : text;
        try {
            double v = Double.parseDouble(number);
            if (v >= 0 && v <= 100) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw node.problem("'" + text + "' is not a score from 0 to 100", "write a percentage such as 90");
    }

    static String fileName(String source) {
        String name = source.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The unknown-provider error, at the line of {@code type:}. */
    public static InputException unknownProvider(ProviderSpec provider, List<String> known) {
        return new InputException(provider.where(), "provider.type: unknown provider '" + provider.type() + "'",
                "known providers: " + String.join(", ", known));
    }
}
