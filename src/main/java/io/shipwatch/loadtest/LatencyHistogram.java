package io.shipwatch.loadtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Latencies of one label, in a bounded-memory HdrHistogram counted in the input's own resolution ({@code unitsPerMs}
 * units per millisecond: 1 for JMeter's whole milliseconds, 1000 for k6's fractional ones). Every value up to
 * {@value #EXACT_UNITS} units has its own bucket, so percentiles there are exact; above, buckets are within
 * 1/16384 of the value. Percentiles are nearest-rank: the value at rank ⌈p·N⌉ of the ascending order.
 */
public final class LatencyHistogram {
    /** Four significant digits: exact to one unit below this many units, 1/16384 relative above. */
    public static final int EXACT_UNITS = 32767;
    private static final int SIGNIFICANT_DIGITS = 4;

    private final Histogram histogram;
    private final int unitsPerMs;
    private long minUnits = Long.MAX_VALUE;
    private long maxUnits = Long.MIN_VALUE;

    public LatencyHistogram(int unitsPerMs) {
        this(newHistogram(), unitsPerMs);
    }

    private LatencyHistogram(Histogram histogram, int unitsPerMs) {
        this.histogram = histogram;
        this.unitsPerMs = unitsPerMs;
        if (histogram.getTotalCount() > 0) {
            minUnits = histogram.getMinValue();
            maxUnits = histogram.getMaxValue();
        }
    }

    private static Histogram newHistogram() {
        Histogram h = new Histogram(SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }

    /** Counts one latency; {@code millis} must not be negative (parsers reject those with their line). */
    public void record(double millis) {
        long units = Math.round(millis * unitsPerMs);
        histogram.recordValue(units);
        minUnits = Math.min(minUnits, units);
        maxUnits = Math.max(maxUnits, units);
    }

    /** Adds every count of {@code other}, which must have the same resolution. */
    public void add(LatencyHistogram other) {
        if (other.unitsPerMs != unitsPerMs) {
            throw new IllegalArgumentException("cannot add a histogram of " + other.unitsPerMs
                    + " units/ms to one of " + unitsPerMs);
        }
        if (other.count() == 0) {
            return;
        }
        histogram.add(other.histogram);
        minUnits = Math.min(minUnits, other.minUnits);
        maxUnits = Math.max(maxUnits, other.maxUnits);
    }

    public long count() {
        return histogram.getTotalCount();
    }

    public int unitsPerMs() {
        return unitsPerMs;
    }

    /** The nearest-rank percentile for {@code quantile} in (0, 1], in milliseconds; NaN when empty. */
    public double percentile(double quantile) {
        long n = count();
        if (n == 0) {
            return Double.NaN;
        }
        long rank = nearestRank(quantile, n);
        long seen = 0;
        for (HistogramIterationValue v : histogram.recordedValues()) {
            seen += v.getCountAtValueIteratedTo();
            if (seen >= rank) {
                long units = Math.max(minUnits, Math.min(maxUnits, v.getValueIteratedTo()));
                return (double) units / unitsPerMs;
            }
        }
        return (double) maxUnits / unitsPerMs;
    }

    /** ⌈q·N⌉ computed in decimal, so that 0.95 × 20 is rank 19 and not 20 through binary rounding. */
    static long nearestRank(double quantile, long n) {
        if (!(quantile > 0 && quantile <= 1)) {
            throw new IllegalArgumentException("quantile must be in (0, 1], was " + quantile);
        }
        long rank = BigDecimal.valueOf(quantile).multiply(BigDecimal.valueOf(n))
                .setScale(0, RoundingMode.CEILING).longValueExact();
        return Math.max(1, rank);
    }

    public double minMs() {
        return count() == 0 ? Double.NaN : (double) minUnits / unitsPerMs;
    }

    public double maxMs() {
        return count() == 0 ? Double.NaN : (double) maxUnits / unitsPerMs;
    }

    /** The recorded buckets in ascending order: each bucket's value in milliseconds and its count. */
    public List<Bin> bins() {
        List<Bin> bins = new ArrayList<>();
        for (HistogramIterationValue v : histogram.recordedValues()) {
            bins.add(new Bin(v.getValueIteratedTo(), (double) v.getValueIteratedTo() / unitsPerMs,
                    v.getCountAtValueIteratedTo()));
        }
        return bins;
    }

    /** One bucket: its key in the histogram's units, its value in milliseconds, and how many samples fell in it. */
    public record Bin(long key, double millis, long count) {
    }

    /** The histogram in HdrHistogram's compressed form, base64: what baselines store. */
    public String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return unitsPerMs + ":" + Base64.getEncoder().encodeToString(bytes);
    }

    /** Reads what {@link #encode()} wrote; throws IllegalArgumentException for anything else. */
    public static LatencyHistogram decode(String text) {
        int colon = text.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not an encoded histogram: no units prefix");
        }
        try {
            int units = Integer.parseInt(text.substring(0, colon));
            byte[] bytes = Base64.getDecoder().decode(text.substring(colon + 1));
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            h.setAutoResize(true);
            return new LatencyHistogram(h, units);
        } catch (NumberFormatException | DataFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage(), e);
        }
    }
}
