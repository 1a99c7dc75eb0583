package io.shipwatch.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges one objective from its measurement and baseline, as Keptn's lighthouse does: pass when a pass set holds,
 * warning when a warning set holds, else fail; no pass criteria is informational. No data and errors are outcomes
 * of their own; the objective's {@code noData} policy says how no data scores. Pure: no I/O.
 */
final class ObjectiveJudge {
    private ObjectiveJudge() {
    }

    static ObjectiveResult judge(Objective o, Measurement m, Baseline baseline, String query, int minSamples) {
        String pass = o.pass().toString();
        String warning = o.warning().isEmpty() ? null : o.warning().toString();
        Double base = baseline.present() ? baseline.value() : null;
        if (m.failed()) {
            return new ObjectiveResult(o.name(), Outcome.ERROR, null, base, 0, false, o.weight(), 0,
                    !o.informational(), o.key(), "the query failed: " + m.error(), query, pass, warning);
        }
        boolean low = m.samples() < minSamples;
        if (m.samples() == 0) {
            return noData(o, base, query, pass, warning);
        }
        double value = o.aggregate().apply(m.values());
        List<String> notes = new ArrayList<>();
        notes.add(o.aggregate().wireName() + " of " + m.samples() + " points = " + Numbers.format(value));
        if (low) {
            notes.add("only " + m.samples() + " points, fewer than " + minSamples + ": weak evidence");
        }
        if (o.informational()) {
            notes.add("informational: no pass criteria");
            return new ObjectiveResult(o.name(), Outcome.INFO, value, base, m.samples(), low, o.weight(), 0, false,
                    o.key(), String.join("; ", notes), query, pass, warning);
        }
        if ((o.pass().usesBaseline() || o.warning().usesBaseline()) && base == null) {
            notes.add("relative criteria skipped: " + baseline.description());
        } else if (base != null) {
            notes.add("baseline " + Numbers.format(base) + " (" + baseline.description() + ")");
        }
        Outcome outcome;
        double score;
        if (o.pass().holds(value, base)) {
            outcome = Outcome.PASS;
            score = o.weight();
            notes.add("meets " + pass);
        } else if (!o.warning().isEmpty() && o.warning().holds(value, base)) {
            outcome = Outcome.WARNING;
            score = o.weight() / 2;
            notes.add("violates " + String.join(", ", o.pass().violations(value, base)) + "; meets warning " + warning);
        } else {
            outcome = Outcome.FAIL;
            score = 0;
            notes.add("violates " + String.join(", ", o.pass().violations(value, base))
                    + (warning == null ? "" : "; warning " + String.join(", ", o.warning().violations(value, base))));
        }
        return new ObjectiveResult(o.name(), outcome, value, base, m.samples(), low, o.weight(), score, true, o.key(),
                String.join("; ", notes), query, pass, warning);
    }

    private static ObjectiveResult noData(Objective o, Double base, String query, String pass, String warning) {
        if (o.informational()) {
            return new ObjectiveResult(o.name(), Outcome.NODATA, null, base, 0, true, o.weight(), 0, false, o.key(),
                    "no data in the window; informational", query, pass, warning);
        }
        NoDataPolicy policy = o.noData();
        double score = switch (policy) {
            case PASS -> o.weight();
            case WARNING -> o.weight() / 2;
            case FAIL, IGNORE -> 0;
        };
        String reason = "no data in the window; noData: " + policy.wireName() + switch (policy) {
            case FAIL -> " counts it as failed";
            case WARNING -> " counts it as a warning";
            case PASS -> " counts it as passed";
            case IGNORE -> " leaves it out of the score";
        };
        return new ObjectiveResult(o.name(), Outcome.NODATA, null, base, 0, true, o.weight(), score,
                policy != NoDataPolicy.IGNORE, o.key(), reason, query, pass, warning);
    }
}
