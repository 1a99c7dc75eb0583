package io.shipwatch.gate;

/** An objective's baseline: its value and where it came from, or why there is none ({@code value} null). */
public record Baseline(Double value, String description) {

    public static Baseline none(String why) {
        return new Baseline(null, why);
    }

    public boolean present() {
        return value != null && !value.isNaN();
    }
}
