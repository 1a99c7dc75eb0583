package io.shipwatch.pipeline;

import java.util.regex.Pattern;

/**
 * The W3C Trace Context {@code traceparent} value ({@code 00-<trace-id>-<parent-id>-<flags>}), as carried in the
 * {@code TRACEPARENT} environment variable between CI steps. JDK-only: the lean {@code exec} path uses it.
 */
public record TraceParent(String traceId, String spanId, String flags) {
    private static final Pattern HEX2 = Pattern.compile("[0-9a-f]{2}");

    /** Sampled: every pipeline span is kept. */
    public static final String SAMPLED = "01";

    /** The header value, version 00. */
    public String format() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    /**
     * Parses a {@code traceparent} value by the rules of W3C Trace Context level 1, section 3.2.
     *
     * @throws IllegalArgumentException saying what is wrong, for a value that must be ignored
     */
    public static TraceParent parse(String text) {
        String v = text.trim();
        String[] parts = v.split("-", -1);
        if (parts.length < 4) {
            throw new IllegalArgumentException("has " + parts.length + " dash-separated parts, expected 4");
        }
        String version = parts[0];
        if (!HEX2.matcher(version).matches() || version.equals("ff")) {
            throw new IllegalArgumentException("version '" + version + "' is not two lower-case hex digits other than ff");
        }
        // version 00 has exactly four parts; a later version may append more, which a version-00 reader ignores
        if (version.equals("00") && parts.length != 4) {
            throw new IllegalArgumentException("has " + parts.length + " parts, version 00 has exactly 4");
        }
        if (!TraceIds.isTraceId(parts[1])) {
            throw new IllegalArgumentException("trace id '" + parts[1] + "' is not 32 lower-case hex digits, not all zero");
        }
        if (!TraceIds.isSpanId(parts[2])) {
            throw new IllegalArgumentException("parent id '" + parts[2] + "' is not 16 lower-case hex digits, not all zero");
        }
        if (!HEX2.matcher(parts[3]).matches()) {
            throw new IllegalArgumentException("flags '" + parts[3] + "' are not two lower-case hex digits");
        }
        return new TraceParent(parts[1], parts[2], parts[3]);
    }
}
