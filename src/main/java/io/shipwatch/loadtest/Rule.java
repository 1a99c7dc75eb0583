package io.shipwatch.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One comparison rule: for a metric of the labels matching a glob, how much worse the candidate may be than the
 * baseline ({@code maxIncrease}/{@code maxDecrease}, but only beyond {@code minDelta}), and absolute bounds on the
 * candidate ({@code max}/{@code min}). Breaking it gives its level, warn or fail.
 *
 * @param where the rule's place in its file, for messages ({@code rules.yaml:7})
 */
public record Rule(Metric metric, String labelGlob, Level level, Limit maxIncrease, Limit maxDecrease,
                   Limit minDelta, Limit max, Limit min, String where) {

    /** Whether {@code label} matches the glob ({@code *} any run of characters, {@code ?} one character). */
    public boolean matches(String label) {
        StringBuilder regex = new StringBuilder();
        for (char c : labelGlob.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return label.matches(regex.toString());
    }

    /** Whether the rule compares with the baseline (and so may need a significance test), not only bounds. */
    public boolean isRelativeToBaseline() {
        return maxIncrease != null || maxDecrease != null;
    }

    /** The rule as one short phrase, for verdicts: {@code p95 +10% and 5ms (fail)}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (maxIncrease != null) {
            parts.add("+" + maxIncrease.describe(metric));
        }
        if (maxDecrease != null) {
            parts.add("-" + maxDecrease.describe(metric));
        }
        if (minDelta != null) {
            parts.add("beyond " + minDelta.describe(metric));
        }
        if (max != null) {
            parts.add("max " + max.describeBound(metric));
        }
        if (min != null) {
            parts.add("min " + min.describeBound(metric));
        }
        return metric.wireName() + " " + String.join(" ", parts) + " (" + level.wireName() + ")";
    }
}
