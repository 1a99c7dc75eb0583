package io.shipwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.shipwatch.core.Times;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Renders the JSON of {@code GET /api/v1/dora} as an aligned text table or as Markdown. */
final class DoraReportText {
    private static final int SHOWN_CHANGES = 5;

    private DoraReportText() {
    }

    static String table(JsonNode r, String scope) {
        StringBuilder out = new StringBuilder(heading(r, scope)).append("\n\n");
        List<String[]> rows = rows(r);
        int w0 = "metric".length();
        int w1 = "value".length();
        for (String[] row : rows) {
            w0 = Math.max(w0, row[0].length());
            w1 = Math.max(w1, row[1].length());
        }
        String format = "%-" + w0 + "s  %-" + w1 + "s  %s%n";
        out.append(String.format(format, "metric", "value", "level"));
        rows.forEach(row -> out.append(String.format(format, (Object[]) row)));
        for (String line : details(r)) {
            out.append(line.isEmpty() ? "\n" : line + "\n");
        }
        return out.toString();
    }

    static String markdown(JsonNode r, String scope) {
        StringBuilder out = new StringBuilder("## ").append(heading(r, scope)).append("\n\n");
        out.append("| metric | value | level |\n| --- | --- | --- |\n");
        rows(r).forEach(row -> out.append("| ").append(String.join(" | ", row)).append(" |\n"));
        for (String line : details(r)) {
            out.append(line.startsWith("Failed") || line.startsWith("Slowest") ? "\n### " + line + "\n" : line + "\n");
        }
        return out.toString();
    }

    private static String heading(JsonNode r, String scope) {
        return "DORA report: " + scope + ", " + r.path("window").path("from").asText() + " to "
                + r.path("window").path("to").asText() + " (levels: " + r.path("levelsFrom").asText() + ")";
    }

    private static List<String[]> rows(JsonNode r) {
        JsonNode f = r.get("deploymentFrequency");
        JsonNode l = r.get("leadTimeForChanges");
        JsonNode c = r.get("changeFailureRate");
        JsonNode t = r.get("timeToRestore");
        JsonNode v = r.get("failedDeploymentRecoveryTime");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Deployment frequency", count(f.get("deployments"), "deployment") + " ("
                + num(f.get("perWeek")) + " a week, " + num(f.get("perDay")) + " a day; median "
                + num(f.get("deploymentDaysPerWeekMedian")) + " deployment days a week)", level(f)});
        rows.add(new String[] {"Lead time for changes", l.get("medianHours").isNull() ? "no changes"
                : "median " + hours(l.get("medianHours")) + ", p90 " + hours(l.get("p90Hours")) + " over "
                + count(l.get("changes"), "change"), level(l)});
        rows.add(new String[] {"Change failure rate", c.get("rate").isNull() ? "no deployments"
                : num(new BigDecimal(c.get("rate").asText()).movePointRight(2)) + " % (" + c.get("failed").asInt()
                + " of " + count(c.get("deployments"), "deployment") + ")", level(c)});
        rows.add(new String[] {"Time to restore", t.get("medianHours").isNull() ? "no resolved incidents"
                : "median " + hours(t.get("medianHours")) + " over " + count(t.get("incidents"), "incident"), level(t)});
        rows.add(new String[] {"Failed deployment recovery time", v.get("medianHours").isNull() ? "no recovered failures"
                : "median " + hours(v.get("medianHours")) + " over " + count(v.get("failures"), "failure"), level(v)});
        return rows;
    }

    private static List<String> details(JsonNode r) {
        List<String> lines = new ArrayList<>();
        JsonNode failed = r.path("failedDeployments");
        if (!failed.isEmpty()) {
            lines.add("");
            lines.add("Failed deployments");
            for (JsonNode d : failed) {
                List<String> reasons = new ArrayList<>();
                d.get("reasons").forEach(x -> reasons.add(x.get("detail").asText()));
                String recovery = d.get("recoveryHours").isNull() ? "not recovered"
                        : "recovered after " + hours(d.get("recoveryHours"));
                lines.add("- " + d.get("finishedAt").asText() + " " + d.get("service").asText() + " "
                        + d.get("environment").asText() + " " + d.get("version").asText() + ": "
                        + String.join("; ", reasons) + " (" + recovery + ")");
            }
        }
        JsonNode slowest = r.path("slowestChanges");
        if (!slowest.isEmpty()) {
            lines.add("");
            lines.add("Slowest changes");
            for (int i = 0; i < Math.min(SHOWN_CHANGES, slowest.size()); i++) {
                JsonNode c = slowest.get(i);
                String sha = c.get("sha").asText();
                String message = c.path("message").isTextual() ? " " + c.get("message").asText() : "";
                lines.add("- " + sha.substring(0, Math.min(10, sha.length())) + " " + c.get("service").asText() + " "
                        + c.get("environment").asText() + ": " + hours(c.get("leadHours")) + message
                        + (c.path("fromPullRequest").asBoolean() ? " (from its pull request's first commit)" : ""));
            }
        }
        return lines;
    }

    private static String hours(JsonNode hours) {
        return Times.humanHours(hours.asDouble());
    }

    private static String level(JsonNode metric) {
        return metric.get("level").isNull() ? "no data" : metric.get("level").asText();
    }

    private static String count(JsonNode n, String noun) {
        return n.asInt() + " " + noun + (n.asInt() == 1 ? "" : "s");
    }

    private static String num(JsonNode n) {
        return num(new BigDecimal(n.asText()));
    }

    private static String num(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}
