package io.shipwatch.loadtest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.PackedHistogram;

/**
 * Latencies of one label, in a bounded-memory HdrHistogram counted in the input's own resolution ({@code unitsPerMs}
 * units per millisecond: 1 for JMeter's whole milliseconds, 1000 for k6's fractional ones). Every value up to
 * {@value #EXACT_UNITS} units has its own bucket, so percentiles there are exact; above, buckets are within
 * 1/16384 of the value. Percentiles are nearest-rank: the value at rank ⌈p·N⌉ of the ascending order.
 * Counts start packed (HdrHistogram's {@code PackedHistogram}): memory grows with the buckets in use, a few KB for a
 * label with few samples, not the 256 KB or more that a flat array of every bucket takes. A label past
 * {@value #PACKED_SAMPLES} samples moves to the flat array, whose recording is about ten times faster; a file has few
 * such labels, so memory stays bounded by the number of rows as well as by the number of labels.
 */
public final class LatencyHistogram {
    /** Four significant digits: exact to one unit below this many units, 1/16384 relative above. */
    public static final int EXACT_UNITS = 32767;
    private static final int SIGNIFICANT_DIGITS = 4;
    /** The longest latency a histogram may cover: a day, in the units of the finest resolution (microseconds). */
    static final long MAX_TRACKABLE_UNITS = 2 * 86_400_000L * 1000;
    /** Resolutions in use: whole milliseconds (JMeter, Gatling) and microseconds (k6). */
    private static final int MAX_UNITS_PER_MS = 1000;
    private static final int V2_COMPRESSED_COOKIE = 0x1c849304;
    private static final int V2_HEADER_BYTES = 40;

    /** Samples after which a label's counts move from the packed form to the flat, faster one. */
    static final int PACKED_SAMPLES = 50_000;

    private AbstractHistogram histogram;
    private final int unitsPerMs;
    private long minUnits = Long.MAX_VALUE;
    private long maxUnits = Long.MIN_VALUE;

    public LatencyHistogram(int unitsPerMs) {
        this(newHistogram(), unitsPerMs);
    }

    private LatencyHistogram(AbstractHistogram histogram, int unitsPerMs) {
        this.histogram = histogram;
        this.unitsPerMs = unitsPerMs;
        if (histogram.getTotalCount() > 0) {
            minUnits = histogram.getMinValue();
            maxUnits = histogram.getMaxValue();
        }
    }

    private static AbstractHistogram newHistogram() {
        return new PackedHistogram(SIGNIFICANT_DIGITS); // auto-resizing
    }

    /** Counts one latency; {@code millis} must not be negative (parsers reject those with their line). */
    public void record(double millis) {
        long units = Math.round(millis * unitsPerMs);
        histogram.recordValue(units);
        if (histogram instanceof PackedHistogram && histogram.getTotalCount() >= PACKED_SAMPLES) {
            flatten();
        }
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
        if (histogram instanceof PackedHistogram && histogram.getTotalCount() >= PACKED_SAMPLES) {
            flatten();
        }
        minUnits = Math.min(minUnits, other.minUnits);
        maxUnits = Math.max(maxUnits, other.maxUnits);
    }

    private void flatten() {
        Histogram flat = new Histogram(SIGNIFICANT_DIGITS);
        flat.setAutoResize(true);
        flat.add(histogram);
        histogram = flat;
    }

    /** HdrHistogram's estimate of the memory the counts take. */
    long footprintBytes() {
        return histogram.getEstimatedFootprintInBytes();
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

    /** What an encoded histogram declares about itself, read before anything is allocated for it. */
    public record Header(int unitsPerMs, int significantDigits, long lowest, long highest, int payloadBytes) {
    }

    /**
     * Reads and checks the header of what {@link #encode()} wrote: the resolution, the precision and range (which
     * size the decoded counts) and the length it inflates to must be what Shipwatch writes, so a short string that
     * claims a huge range is refused before it allocates anything. Throws IllegalArgumentException saying what is
     * wrong.
     */
    public static Header header(String text) {
        int colon = text.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("not an encoded histogram: no units prefix");
        }
        int units;
        byte[] bytes;
        try {
            units = Integer.parseInt(text.substring(0, colon));
            bytes = Base64.getDecoder().decode(text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage(), e);
        }
        if (units < 1 || units > MAX_UNITS_PER_MS) {
            throw new IllegalArgumentException("units per millisecond " + units + " is not from 1 to " + MAX_UNITS_PER_MS);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (bytes.length < 8 || (in.getInt() & ~0xf0) != V2_COMPRESSED_COOKIE || in.getInt() != bytes.length - 8) {
            throw new IllegalArgumentException("not an encoded histogram: not HdrHistogram's compressed V2 encoding");
        }
        byte[] header = new byte[V2_HEADER_BYTES];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes, 8, bytes.length - 8);
            if (inflater.inflate(header) != V2_HEADER_BYTES) {
                throw new IllegalArgumentException("not an encoded histogram: the header is cut short");
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        ByteBuffer h = ByteBuffer.wrap(header);
        h.getInt(); // the uncompressed cookie
        int payload = h.getInt();
        h.getInt(); // normalizing index offset
        int digits = h.getInt();
        long lowest = h.getLong();
        long highest = h.getLong();
        if (digits < 1 || digits > SIGNIFICANT_DIGITS || lowest != 1 || highest < 2 || highest > MAX_TRACKABLE_UNITS) {
            throw new IllegalArgumentException("histogram declares " + digits + " significant digits and a range of "
                    + lowest + " to " + highest + " units; expected at most " + SIGNIFICANT_DIGITS + " digits and 1 to "
                    + MAX_TRACKABLE_UNITS + " units");
        }
        // each count takes at most 9 bytes (LEB128 of a zig-zag long); the range bounds how many counts there are
        long maxPayload = 9L * countsLength(digits, highest);
        if (payload < 0 || payload > maxPayload) {
            throw new IllegalArgumentException("histogram declares " + payload + " bytes of counts, more than its range "
                    + "can hold (" + maxPayload + ")");
        }
        return new Header(units, digits, lowest, highest, payload);
    }

    /** How many counts HdrHistogram keeps for {@code digits} significant digits from 1 to {@code highest}. */
    private static long countsLength(int digits, long highest) {
        long largestSingleUnit = 2 * (long) Math.pow(10, digits);
        int subBucketCount = Integer.highestOneBit((int) largestSingleUnit - 1) << 1;
        long untrackable = subBucketCount;
        int buckets = 1;
        while (untrackable <= highest) {
            untrackable <<= 1;
            buckets++;
        }
        return (long) (buckets + 1) * (subBucketCount / 2);
    }

    /** Reads what {@link #encode()} wrote, after {@link #header} checked it; throws IllegalArgumentException else. */
    public static LatencyHistogram decode(String text) {
        Header header = header(text);
        try {
            byte[] bytes = Base64.getDecoder().decode(text.substring(text.indexOf(':') + 1));
            PackedHistogram h = PackedHistogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
            h.setAutoResize(true);
            return new LatencyHistogram(h, header.unitsPerMs());
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not an encoded histogram: " + e.getMessage(), e);
        }
    }
}
