package io.shipwatch.gate;

/**
 * What a query gave: its points' values in time order (NaN included), or the provider's error. No value other than
 * NaN means no data.
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

    /** The points that are numbers (not NaN). */
    public int samples() {
        return (int) java.util.Arrays.stream(values).filter(v -> !Double.isNaN(v)).count();
    }
}
