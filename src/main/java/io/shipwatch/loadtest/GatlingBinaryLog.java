package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary {@code simulation.log} of Gatling 3.13 and newer, laid out as Gatling's {@code LogFileDataWriter} writes
 * it: a record-type byte (0 run, 1 request, 2 user, 3 group, 4 error), big-endian ints and longs, times as int
 * milliseconds after the run's start. A string is its byte length, then (when not empty) the JVM's internal bytes and
 * a coder byte (0 Latin-1, 1 UTF-16 in the writer's byte order: little-endian on the x86 and ARM machines Gatling runs
 * on); a cached string is an index, positive and followed by the string where it first appears, negated after.
 */
final class GatlingBinaryLog {
    static final int RUN = 0;
    private static final int REQUEST = 1;
    private static final int USER = 2;
    private static final int GROUP = 3;
    private static final int ERROR = 4;
    /** Longer strings or assertion blobs mean the file is not what it seems: refuse rather than allocate. */
    private static final int MAX_BYTES = 1 << 20;
    private static final String WHOLE = "the file looks truncated or damaged; take the whole simulation.log as Gatling "
            + "wrote it";

    private final DataInputStream in;
    private final String source;
    private final List<String> cache = new ArrayList<>();
    private long offset;

    private GatlingBinaryLog(InputStream in, String source) {
        this.in = new DataInputStream(in);
        this.source = source;
    }

    /** Whether a file's start is a binary run record: type 0, then the length and text of a "3.x" version. */
    static boolean looksLikeOne(String head) {
        return head.length() > 6 && head.startsWith("\0\0\0\0") && head.startsWith("3.", 5);
    }

    static LoadTestResult read(InputStream in, String source, String format) throws IOException {
        return new GatlingBinaryLog(in, source).read(format);
    }

    private LoadTestResult read(String format) throws IOException {
        long record = 1;
        long recordStart = 0;
        try {
            readByte();
            String version = string();
            if (!version.matches("3\\.\\d+.*")) {
                throw new InputException(source, "is binary but its run record names Gatling '" + version + "'",
                        GatlingLogParser.HINT);
            }
            string(); // simulation class
            long runStart = readLong();
            string(); // run description
            for (int i = readCount("scenarios"); i > 0; i--) {
                string();
            }
            for (int i = readCount("assertions"); i > 0; i--) {
                skip(readLength("an assertion"));
            }
            RawResults results = new RawResults(format, source, 1);
            int type;
            while ((type = in.read()) >= 0) {
                recordStart = offset;
                offset++;
                record++;
                switch (type) {
                    case REQUEST -> request(runStart, results);
                    case USER -> skip(4 + 1 + 4);
                    case GROUP -> {
                        groups();
                        skip(4 + 4 + 4 + 1);
                    }
                    case ERROR -> {
                        cachedString();
                        skip(4);
                    }
                    default -> throw new InputException(source + ": byte " + recordStart,
                            "record " + record + " has type " + type + ", expected 0 to 4", WHOLE);
                }
            }
            return results.build("the log has no request records; did the simulation send requests?",
                    List.of("read from Gatling " + version + "'s binary simulation.log"));
        } catch (EOFException e) {
            throw new InputException(source + ": byte " + recordStart, "record " + record + " is cut off by the end "
                    + "of the file", WHOLE);
        }
    }

    private void request(long runStart, RawResults results) throws IOException {
        String groups = groups();
        String name = cachedString();
        long start = runStart + readInt();
        long end = runStart + readInt();
        boolean ok = readByte() == 1;
        cachedString(); // message
        if (end < start) {
            throw new InputException(source + ": byte " + offset, "request '" + name + "' ends (" + end
                    + ") before it starts (" + start + ")", WHOLE);
        }
        results.add(groups.isEmpty() ? name : groups + " / " + name, end - start, ok, start * 1000, end * 1000);
    }

    /** The group hierarchy, outermost first, joined with " / " as the text log's labels are. */
    private String groups() throws IOException {
        StringBuilder joined = new StringBuilder();
        for (int i = readCount("groups"); i > 0; i--) {
            joined.append(joined.isEmpty() ? "" : " / ").append(cachedString());
        }
        return joined.toString();
    }

    private String cachedString() throws IOException {
        long at = offset;
        int index = readInt();
        if (index >= 0) {
            String s = string();
            while (cache.size() <= index) {
                cache.add(null);
            }
            cache.set(index, s);
            return s;
        }
        if (-index >= cache.size() || cache.get(-index) == null) {
            throw new InputException(source + ": byte " + at, "refers to string " + -index + ", which the file has "
                    + "not defined before", WHOLE);
        }
        return cache.get(-index);
    }

    private String string() throws IOException {
        int length = readLength("a string");
        if (length == 0) {
            return "";
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException();
        }
        offset += length;
        int coder = readByte();
        return new String(bytes, coder == 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_16LE);
    }

    private int readLength(String what) throws IOException {
        long at = offset;
        int length = readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new InputException(source + ": byte " + at, what + " is " + length + " bytes long", WHOLE);
        }
        return length;
    }

    private int readCount(String what) throws IOException {
        long at = offset;
        int count = readInt();
        if (count < 0 || count > MAX_BYTES) {
            throw new InputException(source + ": byte " + at, "the number of " + what + " is " + count, WHOLE);
        }
        return count;
    }

    private void skip(int bytes) throws IOException {
        in.skipNBytes(bytes);
        offset += bytes;
    }

    private int readByte() throws IOException {
        offset++;
        return in.readUnsignedByte();
    }

    private int readInt() throws IOException {
        offset += 4;
        return in.readInt();
    }

    private long readLong() throws IOException {
        offset += 8;
        return in.readLong();
    }
}
