package io.shipwatch.loadtest;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one load tool's result format into a {@link LoadTestResult}. A parser streams its input, tracks line numbers
 * and returns a whole result or throws an {@link io.shipwatch.core.InputException} saying {@code file:line}, what is
 * wrong and what to do; it never returns a partial result. Registered by name in {@link LoadTestParsers}.
 */
public interface LoadTestParser {

    /** The name users pass to {@code --format}, such as {@code jmeter-csv}. */
    String name();

    /** What the format is, in a few words, for help texts and error hints. */
    String description();

    /** Whether the start of a file looks like this format; must not read anything else. */
    boolean accepts(Sniff sniff);

    /** Reads the whole stream (already decompressed); {@code source} names the file in messages. */
    LoadTestResult parse(InputStream in, String source) throws IOException;

    /** The start of a file, for detection: its name, its first bytes as text, whether it looked binary. */
    record Sniff(String fileName, String head, boolean binary) {

        /** The first line of the head, without its line break. */
        public String firstLine() {
            int end = head.indexOf('\n');
            String line = end < 0 ? head : head.substring(0, end);
            return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        }

        /** The head with a leading byte-order mark and white space removed. */
        public String trimmedHead() {
            String h = head.startsWith("\uFEFF") ? head.substring(1) : head;
            return h.stripLeading();
        }
    }
}
