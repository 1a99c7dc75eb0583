package io.shipwatch.gate;

import io.shipwatch.stats.Alternative;
import io.shipwatch.stats.MannWhitney;
import io.shipwatch.stats.MannWhitneyResult;
import java.util.Arrays;

/**
 * Classifies one canary metric as Kayenta's MannWhitneyClassifier does: NaN dropped; no data is {@code nodata};
 * identical samples pass; otherwise a two-sided Mann–Whitney test with the Hodges–Lehmann shift and its confidence
 * interval: {@code high} when the whole interval lies above tolerance × |estimate| and the mean ratio reaches
 * allowedIncrease (if increases are bad), {@code low} symmetrically, else {@code pass}. Pure.
 */
final class CanaryClassifier {
    private CanaryClassifier() {
    }

    static MetricJudgement classify(CanaryMetric m, double[] baselineRaw, double[] canaryRaw, double confidence,
            double tolerance, int minSamples) {
        double[] baseline = finite(baselineRaw);
        double[] canary = finite(canaryRaw);
        GroupStats b = GroupStats.of(baseline, baselineRaw.length - baseline.length);
        GroupStats c = GroupStats.of(canary, canaryRaw.length - canary.length);
        boolean low = baseline.length < minSamples || canary.length < minSamples;
        if (baseline.length == 0 || canary.length == 0) {
            String which = baseline.length == 0 && canary.length == 0 ? "both groups" : baseline.length == 0
                    ? "the baseline" : "the canary";
            String reason = "no data for " + which + (m.mustHaveData() ? "; mustHaveData counts it as a failure"
                    : "; left out of the score");
            return new MetricJudgement(m.name(), MetricOutcome.NODATA, m.critical(), m.critical() && m.mustHaveData(),
                    m.mustHaveData(), m.group(), c, b, null, null, null, null, null, true, reason);
        }
        double effect = b.mean() == 0 || c.mean() == 0 ? Double.NaN : c.mean() / b.mean();
        Double effectSize = Double.isNaN(effect) ? null : effect;
        double[] sb = baseline.clone();
        double[] sc = canary.clone();
        Arrays.sort(sb);
        Arrays.sort(sc);
        if (Arrays.equals(sb, sc)) {
            return new MetricJudgement(m.name(), MetricOutcome.PASS, m.critical(), false, m.mustHaveData(), m.group(), c,
                    b, 0.0, 0.0, 0.0, 1.0, effectSize, low, "the canary's points equal the baseline's");
        }
        MannWhitneyResult r = MannWhitney.test(baseline, canary, confidence, Alternative.TWO_SIDED);
        double bound = tolerance * Math.abs(r.estimate());
        boolean high = m.direction() != CanaryMetric.Direction.DECREASE && r.lower() > bound
                && (Double.isNaN(effect) || effect >= m.allowedIncrease());
        boolean lower = m.direction() != CanaryMetric.Direction.INCREASE && r.upper() < -bound
                && (Double.isNaN(effect) || effect <= m.allowedDecrease());
        MetricOutcome outcome = high ? MetricOutcome.HIGH : lower ? MetricOutcome.LOW : MetricOutcome.PASS;
        String reason = reason(m, r, effect, outcome, confidence);
        if (low) {
            reason += "; only " + Math.min(baseline.length, canary.length) + " points in a group, fewer than "
                    + minSamples + ": not enough to decide";
        }
        return new MetricJudgement(m.name(), outcome, m.critical(), m.critical() && outcome != MetricOutcome.PASS,
                m.mustHaveData(), m.group(), c, b, r.estimate(), r.lower(), r.upper(), r.pValue(), effectSize, low, reason);
    }

    private static String reason(CanaryMetric m, MannWhitneyResult r, double effect, MetricOutcome outcome,
            double confidence) {
        String shift = "shift " + Numbers.format(r.estimate()) + ", " + Numbers.format(confidence * 100) + "% interval ["
                + Numbers.format(r.lower()) + ", " + Numbers.format(r.upper()) + "], mean ratio "
                + (Double.isNaN(effect) ? "n/a" : Numbers.format(effect));
        return switch (outcome) {
            case HIGH -> "canary higher: " + shift + " (allowed " + Numbers.format(m.allowedIncrease()) + ")";
            case LOW -> "canary lower: " + shift + " (allowed " + Numbers.format(m.allowedDecrease()) + ")";
            default -> "no harmful difference: " + shift;
        };
    }

    private static double[] finite(double[] values) {
        return Arrays.stream(values).filter(Double::isFinite).toArray();
    }
}
