package io.shipwatch.gate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a canary spec (YAML) and validates all of it before anything runs: every problem names {@code file:line},
 * what was wrong and what to write instead.
 */
public final class CanarySpecParser {
    private static final List<String> ACTIONS = List.of("setWeight", "promote", "rollback");

    private CanarySpecParser() {
    }

    public static CanarySpec parse(String yaml, String source, Map<String, String> vars) {
        SpecNode root = SpecNode.parse(yaml, source);
        root.allowOnly("name", "provider", "vars", "baseline", "canary", "window", "step", "metrics", "confidence",
                "tolerance", "scoring", "groupWeights", "analysis", "steps", "actions");
        Map<String, String> common = new LinkedHashMap<>();
        SpecNode varsNode = root.get("vars");
        if (varsNode != null) {
            common.putAll(varsNode.stringMap());
        }
        common.putAll(vars);
        Map<String, String> baselineVars = new LinkedHashMap<>(common);
        baselineVars.putAll(root.require("baseline", "add baseline: {version: v1}, the variables of the stable group")
                .stringMap());
        Map<String, String> canaryVars = new LinkedHashMap<>(common);
        canaryVars.putAll(root.require("canary", "add canary: {version: v2}, the variables of the new group").stringMap());
        ProviderSpec provider = GateSpecParser.provider(root.require("provider",
                "add provider: {type: prometheus, url: http://127.0.0.1:9090}"));
        Duration window = root.duration("window", GateSpecParser.DEFAULT_WINDOW);
        Duration step = root.duration("step", GateSpecParser.DEFAULT_STEP);
        List<CanaryMetric> metrics = metrics(root.require("metrics", "add metrics: with at least one name and query"),
                baselineVars, canaryVars);
        double confidence = fraction(root.get("confidence"), 0.98, "confidence", "such as 0.98");
        double tolerance = root.number("tolerance", 0.25);
        if (tolerance < 0) {
            throw root.get("tolerance").problem("tolerance " + Numbers.format(tolerance) + " is negative",
                    "write a share of the estimate such as 0.25");
        }
        double[] scoring = scoring(root.get("scoring"));
        Map<String, Double> groupWeights = groupWeights(root.get("groupWeights"), metrics);
        AnalysisLimits analysis = limits(root.get("analysis"), AnalysisLimits.DEFAULT);
        List<CanaryStep> steps = steps(root.get("steps"), analysis);
        Map<String, CanaryAction> actions = actions(root.get("actions"));
        String name = root.text("name", canaryVars.getOrDefault("service", "canary"));
        return new CanarySpec(name, provider, baselineVars, canaryVars, window, step, metrics, confidence, tolerance,
                scoring[0], scoring[1], groupWeights, analysis, steps, actions, source);
    }

    private static List<CanaryMetric> metrics(SpecNode node, Map<String, String> baselineVars,
            Map<String, String> canaryVars) {
        List<SpecNode> items = node.items();
        if (items.isEmpty()) {
            throw node.problem("has no metrics", "add at least one metric with a name and a query");
        }
        List<CanaryMetric> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SpecNode item : items) {
            item.allowOnly("name", "query", "direction", "allowedIncrease", "allowedDecrease", "critical",
                    "mustHaveData", "group");
            String name = item.uniqueName(names, "metric");
            SpecNode queryNode = item.query("write the query run for both groups, with {{version}} where the groups "
                    + "differ");
            String query = queryNode.text();
            if (Templates.fill(query, baselineVars, queryNode.where()).equals(Templates.fill(query, canaryVars,
                    queryNode.where()))) {
                throw queryNode.problem("the query is the same for the baseline and the canary",
                        "use a variable that differs between them, such as {{version}}");
            }
            CanaryMetric.Direction direction = direction(item.get("direction"));
            double allowedIncrease = item.number("allowedIncrease", 1.0);
            double allowedDecrease = item.number("allowedDecrease", 1.0);
            if (allowedIncrease < 1) {
                throw item.get("allowedIncrease").problem("allowedIncrease " + Numbers.format(allowedIncrease)
                        + " is below 1", "write a mean ratio canary/baseline of 1 or more, such as 1.1 for +10%");
            }
            if (allowedDecrease > 1 || allowedDecrease <= 0) {
                throw item.get("allowedDecrease").problem("allowedDecrease " + Numbers.format(allowedDecrease)
                        + " is not in (0, 1]", "write a mean ratio canary/baseline such as 0.9 for -10%");
            }
            out.add(new CanaryMetric(name, query, direction, allowedIncrease, allowedDecrease,
                    item.bool("critical", false), item.bool("mustHaveData", false), item.text("group", "default"),
                    item.where()));
        }
        return out;
    }

    private static CanaryMetric.Direction direction(SpecNode node) {
        if (node == null) {
            return CanaryMetric.Direction.EITHER;
        }
        return switch (node.text().trim().toLowerCase(Locale.ROOT)) {
            case "increase" -> CanaryMetric.Direction.INCREASE;
            case "decrease" -> CanaryMetric.Direction.DECREASE;
            case "either" -> CanaryMetric.Direction.EITHER;
            default -> throw node.problem("unknown direction '" + node.text() + "'",
                    "use increase (higher is worse), decrease (lower is worse) or either");
        };
    }

    private static double fraction(SpecNode node, double fallback, String what, String example) {
        if (node == null) {
            return fallback;
        }
        double v = node.number();
        if (!(v > 0 && v < 1)) {
            throw node.problem(what + " " + Numbers.format(v) + " is not between 0 and 1", "write a fraction " + example);
        }
        return v;
    }

    private static double[] scoring(SpecNode node) {
        if (node == null) {
            return new double[] {95, 75};
        }
        node.allowOnly("pass", "marginal");
        double pass = node.number("pass", 95);
        double marginal = node.number("marginal", 75);
        if (pass < 0 || pass > 100 || marginal < 0 || marginal > pass) {
            throw node.problem("scores pass " + Numbers.format(pass) + " and marginal " + Numbers.format(marginal)
                    + " are not 0 <= marginal <= pass <= 100", "write scores such as {pass: 95, marginal: 75}");
        }
        return new double[] {pass, marginal};
    }

    private static Map<String, Double> groupWeights(SpecNode node, List<CanaryMetric> metrics) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        Set<String> groups = new HashSet<>();
        metrics.forEach(m -> groups.add(m.group()));
        double sum = 0;
        for (Map.Entry<String, SpecNode> e : node.entries().entrySet()) {
            if (!groups.contains(e.getKey())) {
                throw e.getValue().problem("no metric is in group '" + e.getKey() + "'",
                        "name a group that a metric's group: holds");
            }
            double w = e.getValue().number();
            if (w < 0) {
                throw e.getValue().problem("weight " + Numbers.format(w) + " is negative", "write a percentage such as 50");
            }
            sum += w;
            out.put(e.getKey(), w);
        }
        if (sum > 100 + 1e-9) {
            throw node.problem("group weights add up to " + Numbers.format(sum) + ", more than 100",
                    "give weights in percent that add up to 100 at most");
        }
        return out;
    }

    static AnalysisLimits limits(SpecNode node, AnalysisLimits defaults) {
        if (node == null) {
            return defaults;
        }
        node.allowOnly("interval", "count", "failureLimit", "inconclusiveLimit", "consecutiveErrorLimit", "minSamples");
        return new AnalysisLimits(node.duration("interval", defaults.interval()), node.wholeNumber("count",
                defaults.count(), 1), node.wholeNumber("failureLimit", defaults.failureLimit(), 0),
                node.wholeNumber("inconclusiveLimit", defaults.inconclusiveLimit(), 0),
                node.wholeNumber("consecutiveErrorLimit", defaults.consecutiveErrorLimit(), 0),
                node.wholeNumber("minSamples", defaults.minSamples(), 0));
    }

    private static List<CanaryStep> steps(SpecNode node, AnalysisLimits analysis) {
        List<CanaryStep> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (SpecNode item : node.items()) {
            Map<String, SpecNode> entries = item.entries();
            if (entries.size() != 1) {
                throw item.problem("a step has exactly one of setWeight, pause, analyze",
                        "write one per list item, such as - {setWeight: 5}");
            }
            Map.Entry<String, SpecNode> e = entries.entrySet().iterator().next();
            SpecNode v = e.getValue();
            out.add(switch (e.getKey()) {
                case "setWeight" -> {
                    String t = v.text().trim();
                    int w;
                    try {
                        w = Integer.parseInt(t);
                    } catch (NumberFormatException ex) {
                        w = -1;
                    }
                    if (w < 0 || w > 100) {
                        throw v.problem("'" + t + "' is not a weight from 0 to 100", "write a percentage such as 5");
                    }
                    yield new CanaryStep.SetWeight(w);
                }
                case "pause" -> {
                    if (v.isMapping()) {
                        v.allowOnly("duration");
                        yield new CanaryStep.Pause(v.duration("duration", Duration.ofMinutes(1)));
                    }
                    yield new CanaryStep.Pause(item.duration("pause", Duration.ofMinutes(1)));
                }
                case "analyze" -> new CanaryStep.Analyze(v.isMapping() ? limits(v, analysis) : analysis);
                default -> throw item.problem("unknown step '" + e.getKey() + "'", "use setWeight, pause or analyze");
            });
        }
        return out;
    }

    private static Map<String, CanaryAction> actions(SpecNode node) {
        Map<String, CanaryAction> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        node.allowOnly(ACTIONS.toArray(String[]::new));
        node.entries().forEach((name, v) -> {
            v.allowOnly("command", "webhook");
            SpecNode command = v.get("command");
            SpecNode webhook = v.get("webhook");
            if ((command == null) == (webhook == null)) {
                throw v.problem("give either command or webhook",
                        "write {command: [\"kubectl\", \"argo\", \"rollouts\", \"promote\", \"checkout\"]} or "
                                + "{webhook: {url: \"https://deploy.example/promote\"}}");
            }
            if (command != null) {
                List<String> argv = command.isScalar() ? List.of() : command.items().stream().map(SpecNode::text).toList();
                if (argv.isEmpty() || argv.get(0).isBlank()) {
                    throw command.problem("is not a list of the program and its arguments",
                            "write [\"kubectl\", \"argo\", \"rollouts\", \"abort\", \"checkout\"]; no shell is used");
                }
                out.put(name, new CanaryAction.Command(argv));
            } else {
                webhook.allowOnly("url", "headers");
                String url = webhook.require("url", "write the URL to POST to").text().trim();
                if (!url.startsWith("http://") && !url.startsWith("https://")) {
                    throw webhook.get("url").problem("'" + url + "' is not an http(s) URL",
                            "write a URL such as https://deploy.example/promote");
                }
                SpecNode headers = webhook.get("headers");
                out.put(name, new CanaryAction.Webhook(url, headers == null ? Map.of() : headers.stringMap()));
            }
        });
        return out;
    }
}
