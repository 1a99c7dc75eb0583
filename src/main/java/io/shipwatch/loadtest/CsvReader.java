package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A streaming RFC 4180 reader of UTF-8 bytes: quoted fields may hold the separator, doubled quotes and line breaks.
 * It works on bytes (separators and quotes are ASCII, and no byte of a multi-byte UTF-8 character is), decodes only
 * the fields asked for as text, reuses one buffer for every record and parses numbers in place, so a million-row file
 * costs no more memory than one row.
 * {@link #line()} is the line where the current record starts, for {@code file:line} messages.
 */
final class CsvReader {
    static final long NOT_A_NUMBER = Long.MIN_VALUE;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long BELOW_0X2D = repeated((byte) 0x2D);

    private final InputStream in;
    private final String source;
    private final byte separator;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int lim;
    private boolean eof;
    private boolean started;
    private byte[] rec = new byte[256];
    private int recLen;
    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private int size;
    private final String[] recent = new String[512];
    private long nextLine;
    private long line;
    private boolean endedWithLineBreak;
    private final boolean cutAtEnd;
    private boolean endedInQuotes;

    CsvReader(InputStream in, String source, char separator) {
        this(in, source, separator, 1, true, false);
    }

    /**
     * A reader of part of a file: its first line has number {@code firstLine}; {@code fileStart} says whether it starts
     * at the file's first byte (where a byte-order mark may be); with {@code cutAtEnd}, the part ends at a cut made by
     * the caller, and a quoted field still open there is no error: {@link #next()} returns false and
     * {@link #endedInQuotes()} true, since the cut was then inside that field.
     */
    CsvReader(InputStream in, String source, char separator, long firstLine, boolean fileStart, boolean cutAtEnd) {
        this.in = in;
        this.nextLine = firstLine;
        this.started = !fileStart;
        this.cutAtEnd = cutAtEnd;
        this.source = source;
        if (separator >= 0x2D) {
            throw new IllegalArgumentException("separators are comma or tab, not " + separator);
        }
        this.separator = (byte) separator;
    }

    /** Reads the next record, skipping empty lines; false at the end of the input. */
    boolean next() throws IOException {
        while (true) {
            if (!readRecord()) {
                return false;
            }
            if (size > 1 || ends[0] > starts[0]) {
                return true;
            }
        }
    }

    private boolean readRecord() throws IOException {
        size = 0;
        recLen = 0;
        line = nextLine;
        int c = read();
        if (c < 0) {
            return false;
        }

        int fieldStart = 0;
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            if (c < 0) {
                if (quoted && cutAtEnd) {
                    endedInQuotes = true;
                    return false;
                }
                if (quoted) {
                    throw new InputException(source + ":" + line, "a quoted field is never closed",
                            "the file looks truncated; take the whole file, or delete its last, unfinished record");
                }
                endField(fieldStart);
                endedWithLineBreak = false;
                return true;
            }
            byte ch = (byte) c;
            if (quoted) {
                if (ch == '"') {
                    int d = read();
                    if (d == '"') {
                        append((byte) '"');
                    } else {
                        quoted = false;
                        c = d;
                        continue;
                    }
                } else {
                    if (ch == '\n') {
                        nextLine++;
                    }
                    append(ch);
                    int start = pos;
                    while (pos < lim && buf[pos] != '"' && buf[pos] != '\n') {
                        pos++;
                    }
                    appendRun(start, pos - start);
                }
            } else if (ch == separator) {
                endField(fieldStart);
                fieldStart = recLen;
                wasQuoted = false;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r') {
                    int d = read();
                    if (d != '\n' && d >= 0) {
                        pos--;
                    }
                }
                nextLine++;
                endField(fieldStart);
                endedWithLineBreak = true;
                return true;
            } else if (ch == '"' && recLen == fieldStart && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else {
                append(ch);
                // the rest of a plain field in one copy: the loop above sees only separators, breaks and quotes
                int start = pos;
                pos = nextSpecial(pos);
                appendRun(start, pos - start);
            }
            c = read();
        }
    }

    private int read() throws IOException {
        if (pos >= lim) {
            if (eof) {
                return -1;
            }
            int n = in.readNBytes(buf, 0, buf.length);
            if (n <= 0) {
                eof = true;
                return -1;
            }
            pos = 0;
            lim = n;
            if (!started && n >= 3 && buf[0] == (byte) 0xEF && buf[1] == (byte) 0xBB && buf[2] == (byte) 0xBF) {
                pos = 3; // a UTF-8 byte-order mark before the first line
            }
            started = true;
        }
        return buf[pos++] & 0xFF;
    }

    /**
     * The index of the first separator, line break or quote in {@code buf} from {@code from}, or {@code lim}. Eight
     * bytes at a time: all four are below 0x2D (comma, tab, quote, CR, LF), and the classic
     * (x - 0x2D·0x01…01) & ~x & 0x80…80 test flags bytes below that; its lowest flag is always a true one. A flagged
     * byte that is not special (a space, say) is stepped over.
     */
    private int nextSpecial(int from) {
        int i = from;
        while (i + 8 <= lim) {
            long x = (long) LONGS.get(buf, i);
            long below = (x - BELOW_0X2D) & ~x & 0x8080808080808080L;
            if (below == 0) {
                i += 8;
                continue;
            }
            int at = i + (Long.numberOfTrailingZeros(below) >>> 3);
            byte b = buf[at];
            if (b == separator || b == '\n' || b == '\r' || b == '"') {
                return at;
            }
            i = at + 1;
        }
        while (i < lim) {
            byte b = buf[i];
            if (b == separator || b == '\n' || b == '\r' || b == '"') {
                return i;
            }
            i++;
        }
        return i;
    }

    private static long repeated(byte b) {
        return (b & 0xFFL) * 0x0101010101010101L;
    }

    private void appendRun(int from, int length) {
        if (recLen + length > rec.length) {
            rec = Arrays.copyOf(rec, Math.max(rec.length * 2, recLen + length));
        }
        System.arraycopy(buf, from, rec, recLen, length);
        recLen += length;
    }

    private void append(byte ch) {
        if (recLen == rec.length) {
            rec = Arrays.copyOf(rec, rec.length * 2);
        }
        rec[recLen++] = ch;
    }

    private void endField(int fieldStart) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
        }
        starts[size] = fieldStart;
        ends[size] = recLen;
        size++;
    }

    /** The number of fields in the current record. */
    int size() {
        return size;
    }

    /** The line (1-based) where the current record starts. */
    long line() {
        return line;
    }

    /** The number the next line has: after the last record, one more than the number of line breaks read. */
    long nextLine() {
        return nextLine;
    }

    /** Whether the input ended inside a quoted field, for a reader made with {@code cutAtEnd}. */
    boolean endedInQuotes() {
        return endedInQuotes;
    }

    /** Whether the current record ended with a line break: a last record without one may be cut off. */
    boolean endedWithLineBreak() {
        return endedWithLineBreak;
    }

    String get(int i) {
        return new String(rec, starts[i], ends[i] - starts[i], StandardCharsets.UTF_8);
    }

    /**
     * Field {@code i} as a string, reusing the string of an earlier record with the same text: labels repeat on every
     * row, and a new string per row would be most of the garbage of a million-row file.
     */
    String getRepeated(int i) {
        int hash = 0;
        for (int k = starts[i]; k < ends[i]; k++) {
            hash = 31 * hash + rec[k];
        }
        int slot = (hash ^ (hash >>> 16)) & (recent.length - 1);
        String known = recent[slot];
        if (known != null && equalsText(i, known)) {
            return known;
        }
        String text = get(i);
        recent[slot] = text;
        return text;
    }

    boolean isEmpty(int i) {
        return ends[i] == starts[i];
    }

    /** Whether field {@code i} is exactly {@code text}, without creating a string when the field is ASCII. */
    boolean equalsText(int i, String text) {
        int len = ends[i] - starts[i];
        for (int k = 0; k < len; k++) {
            if (rec[starts[i] + k] < 0) {
                return get(i).equals(text); // a multi-byte character: compare decoded text
            }
        }
        if (len != text.length()) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (rec[starts[i] + k] != text.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Field {@code i} as a whole number (optionally negative), or {@link #NOT_A_NUMBER}. */
    long getLong(int i) {
        int s = starts[i];
        int e = ends[i];
        if (s == e) {
            return NOT_A_NUMBER;
        }
        boolean negative = rec[s] == '-';
        if (negative && ++s == e) {
            return NOT_A_NUMBER;
        }
        if (e - s > 18) {
            return NOT_A_NUMBER;
        }
        long v = 0;
        for (int k = s; k < e; k++) {
            byte ch = rec[k];
            if (ch < '0' || ch > '9') {
                return NOT_A_NUMBER;
            }
            v = v * 10 + (ch - '0');
        }
        return negative ? -v : v;
    }

    /** Field {@code i} as a finite decimal number, or NaN. */
    double getDouble(int i) {
        long whole = getLong(i);
        if (whole != NOT_A_NUMBER) {
            return whole;
        }
        try {
            double d = Double.parseDouble(get(i).trim());
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
