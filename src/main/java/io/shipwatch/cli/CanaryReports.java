package io.shipwatch.cli;

import io.shipwatch.gate.CanaryJudgement;
import io.shipwatch.gate.MetricJudgement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link CanaryJudgement} as {@code shipwatch canary judge --output table|json|markdown} prints it. */
public final class CanaryReports {
    public static final List<String> FORMATS = List.of("table", "json", "markdown");

    private CanaryReports() {
    }

    public static String render(CanaryJudgement j, String format) {
        return switch (format) {
            case "json" -> GateReports.json(j.toMap());
            case "markdown" -> markdown(j);
            default -> table(j);
        };
    }

    static String table(CanaryJudgement j) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"METRIC", "OUTCOME", "CANARY N", "CANARY MEAN", "BASELINE N", "BASELINE MEAN",
                "ESTIMATE", "INTERVAL", "RATIO"});
        for (MetricJudgement m : j.metrics()) {
            rows.add(new String[] {m.name() + (m.critical() ? " (critical)" : ""), m.outcome().wireName(),
                    m.canary().samples() + (m.lowSamples() ? " (low)" : ""), GateReports.number(mean(m.canary().mean())),
                    Integer.toString(m.baseline().samples()), GateReports.number(mean(m.baseline().mean())),
                    GateReports.number(m.estimate()), interval(m), GateReports.number(m.effectSize())});
        }
        StringBuilder out = new StringBuilder(TextTable.format(rows)).append('\n');
        for (MetricJudgement m : j.metrics()) {
            out.append(m.name()).append(": ").append(m.reason()).append('\n');
        }
        return out.append('\n').append("canary ").append(j.canary()).append(": ")
                .append(j.decision().wireName().toUpperCase(Locale.ROOT)).append(" (score ")
                .append(GateReports.number(j.score())).append(") - ").append(j.reason()).append('\n')
                .append("window ").append(j.window().from()).append(" to ").append(j.window().to()).append('\n')
                .toString();
    }

    static String markdown(CanaryJudgement j) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(GateReports.icon(j.decision().wireName())).append(" Canary `").append(j.canary())
                .append("`: **").append(j.decision().wireName()).append("** (score ")
                .append(GateReports.number(j.score())).append(")\n\n").append(GateReports.escape(j.reason()))
                .append(". Window ").append(j.window().from()).append(" to ").append(j.window().to()).append(".\n\n")
                .append("| metric | outcome | canary n | canary mean | baseline n | baseline mean | estimate | interval | "
                        + "ratio | why |\n")
                .append("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |\n");
        for (MetricJudgement m : j.metrics()) {
            out.append("| ").append(GateReports.escape(m.name())).append(m.critical() ? " ❗" : "").append(" | ")
                    .append(GateReports.icon(m.outcome() == io.shipwatch.gate.MetricOutcome.PASS ? "pass" : "fail"))
                    .append(' ').append(m.outcome().wireName()).append(" | ").append(m.canary().samples())
                    .append(m.lowSamples() ? " ⚠️" : "").append(" | ").append(GateReports.number(mean(m.canary().mean())))
                    .append(" | ").append(m.baseline().samples()).append(" | ")
                    .append(GateReports.number(mean(m.baseline().mean()))).append(" | ")
                    .append(GateReports.number(m.estimate())).append(" | ").append(interval(m)).append(" | ")
                    .append(GateReports.number(m.effectSize())).append(" | ").append(GateReports.escape(m.reason()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static Double mean(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static String interval(MetricJudgement m) {
        return m.lower() == null ? "-" : "[" + GateReports.number(m.lower()) + ", " + GateReports.number(m.upper()) + "]";
    }
}
