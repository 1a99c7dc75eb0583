package io.shipwatch.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Trace and span ids derived from what names a run in its CI, so that the live wrapper, a later import and a
 * webhook all land in one trace, and importing a run twice writes the same ids. Ids are SHA-256 prefixes of the
 * parts joined with a separator that cannot occur in them; a retried run (a new attempt) is a new trace.
 */
public final class TraceIds {
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);

    private TraceIds() {
    }

    /** The trace of attempt {@code attempt} of run {@code runId} of {@code repository} on CI {@code provider}. */
    public static String traceId(String provider, String repository, String runId, String attempt) {
        return hex(digest("trace", provider, repository, runId, attempt == null ? "1" : attempt), 16);
    }

    /** The span of the run itself (the root) in {@code traceId}. */
    public static String runSpanId(String traceId) {
        return spanId(traceId, "run");
    }

    /** A span in {@code traceId} named by a path such as ("job", "47022208955") or ("step", jobId, "3"). */
    public static String spanId(String traceId, String... path) {
        String[] parts = new String[path.length + 2];
        parts[0] = "span";
        parts[1] = traceId;
        System.arraycopy(path, 0, parts, 2, path.length);
        String id = hex(digest(parts), 8);
        return id.equals(ZERO_SPAN) ? "0000000000000001" : id; // all zeros is the invalid span id
    }

    public static boolean isTraceId(String text) {
        return text != null && TRACE_ID.matcher(text).matches() && !text.equals(ZERO_TRACE);
    }

    public static boolean isSpanId(String text) {
        return text != null && SPAN_ID.matcher(text).matches() && !text.equals(ZERO_SPAN);
    }

    private static byte[] digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0); // NUL cannot occur in the parts, so ("ab","c") and ("a","bc") differ
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String hex(byte[] bytes, int length) {
        return HexFormat.of().formatHex(bytes, 0, length);
    }
}
