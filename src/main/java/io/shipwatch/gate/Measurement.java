package io.shipwatch.gate;

/**
 * What a query gave for one objective: its points' values in time order (NaN dropped), or the provider's error.
 * No values means no data.
 */
public record Measurement(double[] values, String error) {

    public static Measurement of(double[] values) {
        return new Measurement(values, null);
    }

    public static Measurement failed(String error) {
        return new Measurement(new double[0], error);
    }

    public boolean failed() {
        return error != null;
    }

    public int samples() {
        return values.length;
    }
}
