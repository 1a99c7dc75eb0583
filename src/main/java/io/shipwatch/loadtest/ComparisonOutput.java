package io.shipwatch.loadtest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a {@link ComparisonReport} as JSON, a text table, Markdown (for CI summaries) or JUnit XML (a test per label). */
public final class ComparisonOutput {
    private static final List<String> HEADER = List.of("label", "metric", "baseline", "candidate", "change",
            "significant", "result", "why");

    private ComparisonOutput() {
    }

    /** {@code {"result", "labels":[{"label","result","metrics":[{"metric","baseline","candidate","change",…}]}]}}. */
    public static ObjectNode json(ComparisonReport report) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("result", report.result().wireName());
        root.put("baseline", report.baseline());
        root.put("candidate", report.candidate());
        root.put("confidence", report.confidence());
        ArrayNode labels = root.putArray("labels");
        for (ComparisonReport.LabelVerdict l : report.labels()) {
            ObjectNode label = labels.addObject().put("label", l.label()).put("result", l.result().wireName());
            if (l.note() != null) {
                label.put("note", l.note());
            }
            ArrayNode metrics = label.putArray("metrics");
            for (ComparisonReport.MetricVerdict m : l.metrics()) {
                metrics.addObject().put("metric", m.metric().wireName())
                        .put("baseline", SummaryReport.round(m.baseline()))
                        .put("candidate", SummaryReport.round(m.candidate()))
                        .put("change", m.change() == null ? null : Math.round(m.change() * 1e6) / 1e6)
                        .put("significant", m.significant())
                        .put("pValue", m.pValue())
                        .put("result", m.result().wireName())
                        .put("reason", m.reason());
            }
        }
        if (!report.services().isEmpty()) {
            ArrayNode services = root.putArray("service");
            for (ComparisonReport.ServiceVerdict s : report.services()) {
                services.addObject().put("id", s.id()).put("title", s.title()).put("unit", s.unit())
                        .put("baseline", s.baseline()).put("candidate", s.candidate())
                        .put("change", s.change() == null ? null : Math.round(s.change() * 1e6) / 1e6)
                        .put("result", s.result().wireName()).put("reason", s.reason());
            }
        }
        return root;
    }

    public static String table(ComparisonReport report) {
        return Tables.text(HEADER, rows(report), title(report), true);
    }

    /** Markdown for {@code $GITHUB_STEP_SUMMARY} and pull-request comments. */
    public static String markdown(ComparisonReport report) {
        String icon = switch (report.result()) {
            case PASS -> "✅";
            case WARN -> "⚠️";
            case FAIL -> "❌";
        };
        return "### " + icon + " " + title(report) + "\n\n" + Tables.markdown(HEADER, rows(report));
    }

    private static String title(ComparisonReport report) {
        return "Load test " + report.result().wireName().toUpperCase(Locale.ROOT) + ": " + report.candidate()
                + " against " + report.baseline();
    }

    private static List<List<String>> rows(ComparisonReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (ComparisonReport.LabelVerdict l : report.labels()) {
            if (l.metrics().isEmpty()) {
                rows.add(List.of(l.label(), "-", "-", "-", "-", "-", l.result().wireName(), l.note()));
            }
            for (ComparisonReport.MetricVerdict m : l.metrics()) {
                rows.add(List.of(l.label(), m.metric().wireName(), value(m.metric(), m.baseline()),
                        value(m.metric(), m.candidate()), change(m), significance(m),
                        m.result().wireName(), m.reason()));
            }
        }
        for (ComparisonReport.ServiceVerdict s : report.services()) {
            rows.add(List.of("service", s.title(), serviceValue(s.baseline(), s.unit()),
                    serviceValue(s.candidate(), s.unit()), change(s.change()), "-", s.result().wireName(), s.reason()));
        }
        return rows;
    }

    private static String value(Metric metric, Double v) {
        if (v == null) {
            return "-";
        }
        if (metric == Metric.ERROR_RATE) {
            return String.format(Locale.ROOT, "%.2f%%", v * 100);
        }
        return SummaryReport.number(v) + (metric.isLatency() ? " ms" : metric == Metric.THROUGHPUT ? "/s" : "");
    }

    private static String serviceValue(Double v, String unit) {
        return v == null ? "-" : SummaryReport.number(v) + (unit == null || unit.isEmpty() ? "" : " " + unit);
    }

    /** An error rate's change in percentage points (1 % to 3 % is +2.00 pp), as the web UI shows it; others relative. */
    private static String change(ComparisonReport.MetricVerdict m) {
        if (m.metric() == Metric.ERROR_RATE && m.baseline() != null && m.candidate() != null) {
            return String.format(Locale.ROOT, "%+.2f pp", (m.candidate() - m.baseline()) * 100);
        }
        return change(m.change());
    }

    private static String change(Double change) {
        return change == null ? "-" : String.format(Locale.ROOT, "%+.1f%%", change * 100);
    }

    private static String significance(ComparisonReport.MetricVerdict m) {
        if (m.significant() == null) {
            return "-";
        }
        return (m.significant() ? "yes" : "no") + String.format(Locale.ROOT, " (p=%.2g)", m.pValue());
    }

    /** JUnit XML: one test case per label, failed when the label fails; a warning goes to its system-out. */
    public static String junit(ComparisonReport report) {
        long failures = report.labels().stream().filter(l -> l.result() == Level.FAIL).count();
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites name=\"shipwatch loadtest compare\" tests=\"").append(report.labels().size())
                .append("\" failures=\"").append(failures).append("\">\n");
        xml.append("  <testsuite name=\"").append(escape(report.candidate())).append("\" tests=\"")
                .append(report.labels().size()).append("\" failures=\"").append(failures).append("\">\n");
        for (ComparisonReport.LabelVerdict l : report.labels()) {
            xml.append("    <testcase classname=\"loadtest\" name=\"").append(escape(l.label())).append("\">\n");
            String details = details(l);
            if (l.result() == Level.FAIL) {
                xml.append("      <failure message=\"").append(escape(failedMetrics(l))).append("\">")
                        .append(escape(details)).append("</failure>\n");
            } else {
                xml.append("      <system-out>").append(escape(l.result().wireName() + ": " + details))
                        .append("</system-out>\n");
            }
            xml.append("    </testcase>\n");
        }
        return xml.append("  </testsuite>\n</testsuites>\n").toString();
    }

    private static String failedMetrics(ComparisonReport.LabelVerdict l) {
        return String.join("; ", l.metrics().stream().filter(m -> m.result() == Level.FAIL)
                .map(m -> m.metric().wireName() + " " + value(m.metric(), m.baseline()) + " -> "
                        + value(m.metric(), m.candidate()) + " (" + change(m.change()) + ")").toList());
    }

    private static String details(ComparisonReport.LabelVerdict l) {
        if (l.metrics().isEmpty()) {
            return l.note();
        }
        return String.join("\n", l.metrics().stream().map(m -> m.metric().wireName() + ": "
                + value(m.metric(), m.baseline()) + " -> " + value(m.metric(), m.candidate()) + " ("
                + change(m.change()) + "), " + m.result().wireName() + ", " + m.reason()).toList());
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
