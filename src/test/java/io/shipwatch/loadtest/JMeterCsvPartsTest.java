package io.shipwatch.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JMeter CSV read in parts at once gives what reading it from start to end gives: the same statistics, and the same
 * errors at the same lines, also when a cut falls inside a quoted field holding line breaks.
 */
class JMeterCsvPartsTest {
    private static final String HEADER = String.join(",", JMeterCsvParser.DEFAULT_COLUMNS) + "\n";

    @TempDir
    Path dir;

    private final JMeterCsvParser parser = new JMeterCsvParser();

    private static String row(long time, long elapsed, String label, boolean ok, String message) {
        return time + "," + elapsed + "," + label + "," + (ok ? "200" : "500") + ",OK,Thread Group 1-1,text," + ok
                + "," + message + ",1532,211,8,8,http://127.0.0.1:8080/x,3,0,1\n";
    }

    /** Rows of three labels; about one in 20 failed ones has a quoted message with commas, quotes and line breaks. */
    private static String rows(Random random, int count, long time) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            boolean ok = random.nextInt(20) != 0;
            String message = ok ? "" : "\"Assertion failed,\n  expected \"\"200\"\"\r\n  at line " + i + "\n\"";
            text.append(row(time + i * 7L, 5 + random.nextInt(400), "GET /p" + random.nextInt(3), ok, message));
        }
        return text.toString();
    }

    private LoadTestResult sequential(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parser.parse(in, file.toString());
        }
    }

    @Test
    void anyNumberOfPartsGivesTheSequentialResult() throws IOException {
        Path file = Files.writeString(dir.resolve("run.jtl"), HEADER + rows(new Random(5), 3000, 1764165600000L));
        LoadTestResult expected = sequential(file);
        assertThat(expected.total().errors()).isGreaterThan(100);

        for (int parts = 1; parts <= 40; parts++) {
            LoadTestResult result = parser.parse(file, file.toString(), parts);
            assertThat(result.total()).as(parts + " parts").isEqualTo(expected.total());
            assertThat(result.labels()).as(parts + " parts").isEqualTo(expected.labels());
            assertThat(result.startedAt()).isEqualTo(expected.startedAt());
            assertThat(result.endedAt()).isEqualTo(expected.endedAt());
            assertThat(result.windows()).isEqualTo(expected.windows());
        }
    }

    @Test
    void aCutInsideAQuotedFieldWithLineBreaksIsReadAcross() throws IOException {
        // the middle row's message is most of the file, so the cut at half its size, and the next line break after
        // it, are inside the quotes; read from that cut, the message's lines would be rows of the wrong width
        StringBuilder message = new StringBuilder("\"stack trace:");
        for (int i = 0; i < 2000; i++) {
            message.append("\n  at io.example.Checkout.pay(Checkout.java:").append(i).append(")");
        }
        message.append("\"");
        String text = HEADER + row(1764165600000L, 120, "GET /a", true, "")
                + row(1764165600100L, 340, "POST /b", false, message.toString())
                + row(1764165600200L, 80, "GET /a", true, "");
        Path file = Files.writeString(dir.resolve("trace.jtl"), text);
        int messageStart = text.indexOf("\"stack trace:");
        assertThat(text.length() / 2).isBetween(messageStart, messageStart + message.length());

        // with 8 parts, all seven cuts are inside the message: the read goes across each of them
        for (int parts : new int[] {2, 8}) {
            LoadTestResult result = parser.parse(file, file.toString(), parts);

            assertThat(result.total().count()).isEqualTo(3);
            assertThat(result.total().errors()).isEqualTo(1);
            assertThat(result.label("POST /b").orElseThrow().maxMs()).isEqualTo(340.0);
            assertThat(result.label("GET /a").orElseThrow().count()).isEqualTo(2);
            assertThat(result.total()).isEqualTo(sequential(file).total());
        }
    }

    @Test
    void anErrorInALaterPartNamesItsExactLine() throws IOException {
        Random random = new Random(9);
        String before = HEADER + rows(random, 4000, 1764165600000L);
        String bad = row(1764165700000L, 0, "GET /p1", true, "").replace(",0,GET", ",12x,GET");
        String text = before + bad + rows(random, 500, 1764165800000L);
        Path file = Files.writeString(dir.resolve("bad.jtl"), text);
        // quoted messages hold line breaks, so the line is not the row's number: count the line breaks before it
        long line = before.chars().filter(c -> c == '\n').count() + 1;
        assertThat(line).isGreaterThan(4001 + 100);
        assertThat(before.length()).isGreaterThan(text.length() / 2); // the bad row is in the second of two parts
        String expected = file + ":" + line + ": column 'elapsed' is '12x', expected whole milliseconds";

        for (int parts : new int[] {2, 3, 7}) {
            assertThatThrownBy(() -> parser.parse(file, file.toString(), parts))
                    .isInstanceOf(InputException.class).hasMessageStartingWith(expected);
        }
        assertThatThrownBy(() -> sequential(file)).hasMessageStartingWith(expected);
    }

    @Test
    void aQuotedFieldOpenAtTheEndIsStillAnError() throws IOException {
        String rows = rows(new Random(3), 2000, 1764165600000L);
        String text = HEADER + rows + "1764165900000,12,GET /p1,500,OK,T,text,false,\"cut off\n  here";
        Path file = Files.write(dir.resolve("open.jtl"), text.getBytes(StandardCharsets.UTF_8));
        long line = (HEADER + rows).chars().filter(c -> c == '\n').count() + 1;

        assertThatThrownBy(() -> parser.parse(file, file.toString(), 4)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":" + line + ": a quoted field is never closed");
    }
}
