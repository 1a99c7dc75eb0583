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
 * Keptn quality-gate files (slo.yaml and sli.yaml, spec_version 1.0) read as a gate spec, so Keptn users can move
 * over: each objective's SLI query comes from sli.yaml with Keptn's placeholders ($DURATION_SECONDS, $SERVICE,
 * $PROJECT, $STAGE, $DEPLOYMENT) filled in; Keptn evaluates it once at the window's end, so the value is the
 * {@code last} point. Comparison, criteria, weights, key SLIs and total score keep Keptn's defaults (parseSLO).
 */
public final class KeptnSpecs {
    private KeptnSpecs() {
    }

    public static GateSpec parse(String sloYaml, String sloSource, String sliYaml, String sliSource,
            ProviderSpec provider, Map<String, String> vars, Duration window, Duration step) {
        Map<String, SpecNode> indicators = indicators(sliYaml, sliSource);
        SpecNode slo = SpecNode.parse(sloYaml, sloSource);
        slo.allowOnly("spec_version", "comparison", "filter", "objectives", "total_score");
        BaselineSpec baseline = comparison(slo.get("comparison"));
        List<Objective> objectives = new ArrayList<>();
        Set<String> names = new HashSet<>();
        SpecNode list = slo.require("objectives", "add objectives: with at least one sli");
        if (list.items().isEmpty()) {
            throw list.problem("has no objectives", "add at least one objective with an sli");
        }
        for (SpecNode o : list.items()) {
            o.allowOnly("sli", "displayName", "pass", "warning", "weight", "key_sli");
            SpecNode sliNode = o.require("sli", "name the SLI of sli.yaml this objective judges");
            String sli = sliNode.text().trim();
            if (!names.add(sli)) {
                throw sliNode.problem("sli '" + sli + "' is judged twice", "give each SLI one objective");
            }
            SpecNode query = indicators.get(sli);
            if (query == null) {
                throw sliNode.problem("sli '" + sli + "' has no query in " + sliSource,
                        "add it under indicators: in " + sliSource);
            }
            double weight = o.number("weight", 1);
            objectives.add(new Objective(sli, keptnQuery(query.text(), vars, window), Aggregate.LAST,
                    criteria(o.get("pass")), criteria(o.get("warning")), weight <= 0 ? 1 : weight,
                    o.bool("key_sli", false), NoDataPolicy.FAIL, query.where()));
        }
        double[] total = totalScore(slo);
        return new GateSpec(GateSpecParser.fileName(sloSource), provider, window, step, objectives, baseline, total[0], total[1], 1,
                vars, sloSource);
    }

    private static Map<String, SpecNode> indicators(String yaml, String source) {
        SpecNode sli = SpecNode.parse(yaml, source);
        sli.allowOnly("spec_version", "indicators");
        return sli.require("indicators", "add indicators: with one query per SLI").entries();
    }

    /** Keptn's placeholders: $DURATION_SECONDS is the window ("600s"); the others come from --var. */
    static String keptnQuery(String query, Map<String, String> vars, Duration window) {
        String q = query.replace("$DURATION_SECONDS", window.toSeconds() + "s");
        for (String name : List.of("SERVICE", "PROJECT", "STAGE", "DEPLOYMENT")) {
            String value = vars.get(name.toLowerCase(Locale.ROOT));
            if (value != null) {
                q = q.replace("$" + name, value);
            }
        }
        return q;
    }

    private static Criteria criteria(SpecNode node) {
        if (node == null) {
            return Criteria.NONE;
        }
        List<List<Criterion>> sets = new ArrayList<>();
        for (SpecNode block : node.items()) {
            block.allowOnly("criteria");
            List<Criterion> set = new ArrayList<>();
            for (SpecNode c : block.require("criteria", "write criteria: [\"<=800\"]").items()) {
                set.add(Criterion.parse(c.text(), c.where()));
            }
            if (!set.isEmpty()) {
                sets.add(set);
            }
        }
        return new Criteria(sets);
    }

    /** Keptn's parseSLO defaults: no comparison is the single previous result; an empty one is 3 results. */
    private static BaselineSpec comparison(SpecNode node) {
        if (node == null) {
            return new BaselineSpec(null, 1, BaselineSpec.Include.ALL, Aggregate.AVG);
        }
        node.allowOnly("compare_with", "include_result_with_score", "number_of_comparison_results",
                "aggregate_function");
        String compareWith = node.text("compare_with", "single_result").trim();
        if (!compareWith.equals("single_result") && !compareWith.equals("several_results")) {
            throw node.get("compare_with").problem("unknown compare_with '" + compareWith + "'",
                    "use single_result or several_results");
        }
        int count = compareWith.equals("single_result") ? 1 : node.wholeNumber("number_of_comparison_results", 3, 1);
        BaselineSpec.Include include = switch (node.text("include_result_with_score", "all").trim()) {
            case "all" -> BaselineSpec.Include.ALL;
            case "pass" -> BaselineSpec.Include.PASS;
            case "pass_or_warn" -> BaselineSpec.Include.PASS_OR_WARNING;
            default -> throw node.get("include_result_with_score").problem("unknown include_result_with_score '"
                    + node.text("include_result_with_score", "") + "'", "use all, pass or pass_or_warn");
        };
        SpecNode aggregate = node.get("aggregate_function");
        return new BaselineSpec(null, count, include, aggregate == null ? Aggregate.AVG : Aggregate.parse(aggregate));
    }

    private static double[] totalScore(SpecNode slo) {
        SpecNode node = slo.get("total_score");
        if (node == null || node.get("pass") == null) {
            throw (node == null ? slo : node).problem("total_score.pass is missing (Keptn: \"no target score "
                    + "defined\")", "add total_score: {pass: \"90%\", warning: \"75%\"}");
        }
        node.allowOnly("pass", "warning");
        return new double[] {percent(node.get("pass")), node.get("warning") == null ? 0 : percent(node.get("warning"))};
    }

    private static double percent(SpecNode node) {
        String text = node.text().trim().replace("%", "").trim();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw node.problem("'" + node.text() + "' is not a score", "write a percentage such as \"90%\"");
        }
    }

    /** Builds a provider spec for --prometheus URL (Keptn files do not name one). */
    public static ProviderSpec prometheus(String url) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("url", url);
        return new ProviderSpec("prometheus", settings, "--prometheus");
    }
}
