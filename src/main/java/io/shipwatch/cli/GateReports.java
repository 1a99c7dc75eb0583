package io.shipwatch.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shipwatch.gate.GateVerdict;
import io.shipwatch.gate.ObjectiveResult;
import io.shipwatch.gate.Outcome;
import io.shipwatch.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link GateVerdict} as {@code shipwatch gate evaluate --output table|json|junit|markdown} prints it. */
public final class GateReports {
    /** The output formats, by their flag values. */
    public static final List<String> FORMATS = List.of("table", "json", "junit", "markdown");

    // nulls kept: a consumer reads "score": null on an error, "baseline": null without one
    private static final ObjectMapper WITH_NULLS = Json.mapper().copy()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));

    private GateReports() {
    }

    /** The JSON of a report map, nulls included. */
    public static String json(Object map) {
        try {
            return WITH_NULLS.writeValueAsString(map) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    public static String render(GateVerdict v, String format) {
        return switch (format) {
            case "json" -> json(v.toMap());
            case "junit" -> junit(v);
            case "markdown" -> markdown(v);
            default -> table(v);
        };
    }

    static String table(GateVerdict v) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"OBJECTIVE", "RESULT", "VALUE", "BASELINE", "SAMPLES", "PASS", "WARNING", "SCORE"});
        for (ObjectiveResult r : v.objectives()) {
            rows.add(new String[] {r.name() + (r.key() ? " (key)" : ""), r.outcome().wireName(), number(r.value()),
                    number(r.baseline()), r.samples() + (r.lowSamples() ? " (low)" : ""), dash(r.pass()),
                    dash(r.warning()), r.scored() ? number(r.score()) + "/" + number(r.weight()) : "-"});
        }
        StringBuilder out = new StringBuilder();
        out.append(TextTable.format(rows));
        out.append('\n');
        for (ObjectiveResult r : v.objectives()) {
            out.append(r.name()).append(": ").append(r.reason()).append('\n');
        }
        out.append('\n').append("gate ").append(v.gate()).append(": ").append(v.result().wireName().toUpperCase(Locale.ROOT))
                .append(v.score() == null ? "" : " (score " + number(v.score()) + ")").append(" - ").append(v.reason())
                .append('\n').append("window ").append(v.window().from()).append(" to ").append(v.window().to()).append('\n');
        return out.toString();
    }

    static String markdown(GateVerdict v) {
        StringBuilder out = new StringBuilder();
        out.append("### ").append(icon(v.result().wireName())).append(" Quality gate `").append(v.gate()).append("`: **")
                .append(v.result().wireName()).append("**").append(v.score() == null ? "" : " (score " + number(v.score()) + ")")
                .append("\n\n").append(escape(v.reason())).append(". Window ").append(v.window().from()).append(" to ")
                .append(v.window().to()).append(".\n\n");
        out.append("| objective | result | value | baseline | samples | pass | warning | score | why |\n");
        out.append("| --- | --- | ---: | ---: | ---: | --- | --- | ---: | --- |\n");
        for (ObjectiveResult r : v.objectives()) {
            out.append("| ").append(escape(r.name())).append(r.key() ? " 🔑" : "").append(" | ")
                    .append(icon(r.outcome().wireName())).append(' ').append(r.outcome().wireName()).append(" | ")
                    .append(number(r.value())).append(" | ").append(number(r.baseline())).append(" | ")
                    .append(r.samples()).append(r.lowSamples() ? " ⚠️" : "").append(" | ")
                    .append(escape(dash(r.pass()))).append(" | ").append(escape(dash(r.warning()))).append(" | ")
                    .append(r.scored() ? number(r.score()) + "/" + number(r.weight()) : "-").append(" | ")
                    .append(escape(r.reason())).append(" |\n");
        }
        return out.toString();
    }

    static String junit(GateVerdict v) {
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        StringBuilder cases = new StringBuilder();
        for (ObjectiveResult r : v.objectives()) {
            cases.append("    <testcase classname=\"shipwatch.gate.").append(xml(v.gate())).append("\" name=\"")
                    .append(xml(r.name())).append("\" time=\"0\">\n");
            boolean failed = r.outcome() == Outcome.FAIL || (r.outcome() == Outcome.NODATA && r.scored() && r.score() == 0);
            if (r.outcome() == Outcome.ERROR) {
                errors++;
                cases.append("      <error message=\"").append(xml(r.reason())).append("\" type=\"error\"/>\n");
            } else if (failed) {
                failures++;
                cases.append("      <failure message=\"").append(xml(r.reason())).append("\" type=\"")
                        .append(r.outcome().wireName()).append("\"/>\n");
            } else if (r.outcome() == Outcome.NODATA && !r.scored()) {
                skipped++;
                cases.append("      <skipped message=\"").append(xml(r.reason())).append("\"/>\n");
            }
            cases.append("      <system-out>").append(xml(r.outcome().wireName() + ": " + r.reason()))
                    .append("</system-out>\n    </testcase>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"shipwatch gate\" tests=\"" + v.objectives().size() + "\" failures=\"" + failures
                + "\" errors=\"" + errors + "\" skipped=\"" + skipped + "\">\n"
                + "  <testsuite name=\"" + xml(v.gate()) + "\" tests=\"" + v.objectives().size() + "\" failures=\""
                + failures + "\" errors=\"" + errors + "\" skipped=\"" + skipped + "\" timestamp=\""
                + v.window().to() + "\">\n"
                + "    <properties>\n"
                + "      <property name=\"result\" value=\"" + v.result().wireName() + "\"/>\n"
                + "      <property name=\"score\" value=\"" + (v.score() == null ? "" : number(v.score())) + "\"/>\n"
                + "      <property name=\"reason\" value=\"" + xml(v.reason()) + "\"/>\n"
                + "    </properties>\n"
                + cases
                + "  </testsuite>\n</testsuites>\n";
    }

    static String number(Double v) {
        if (v == null) {
            return "-";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString(v.longValue());
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+(e|$)", "$1$2").replaceAll("\\.(e|$)", "$1");
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    static String icon(String result) {
        return switch (result) {
            case "pass", "promote" -> "✅";
            case "warning", "inconclusive", "marginal" -> "⚠️";
            case "info" -> "ℹ️";
            case "nodata" -> "❔";
            default -> "❌";
        };
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    static String xml(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
