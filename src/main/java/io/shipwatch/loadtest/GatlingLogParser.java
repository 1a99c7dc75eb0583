package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Gatling's {@code simulation.log}, as each Gatling 3 writes it. Up to 3.12 it is text (UTF-8, Gatling's default
 * charset): tab-separated records, {@code ASSERTION} records (with assertions) before the {@code RUN} record, then
 * one {@code REQUEST} per request with its start and end (epoch milliseconds) and OK/KO. From 3.4 a request is
 * {@code REQUEST groups name start end status message}; in 3.0 to 3.3 the user id comes first. From 3.13 the log is
 * binary, read by {@link GatlingBinaryLog}.
 */
public final class GatlingLogParser implements LoadTestParser {
    static final String HINT = "pass the simulation.log of Gatling 3 as Gatling wrote it";

    @Override
    public String name() {
        return "gatling-log";
    }

    @Override
    public String description() {
        return "Gatling 3 simulation.log (text up to 3.12, binary from 3.13)";
    }

    @Override
    public boolean accepts(Sniff sniff) {
        String head = sniff.head();
        return head.startsWith("RUN\t") || head.startsWith("ASSERTION\t") || GatlingBinaryLog.looksLikeOne(head)
                || sniff.binary() && sniff.fileName().endsWith(".log");
    }

    @Override
    public LoadTestResult parse(InputStream in, String source) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(1);
        int first = buffered.read();
        buffered.reset();
        if (first == GatlingBinaryLog.RUN) {
            return GatlingBinaryLog.read(buffered, source, name());
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(buffered, StandardCharsets.UTF_8), 1 << 16);
        long lineNumber = 0;
        String run;
        do {
            run = reader.readLine();
            lineNumber++;
        } while (run != null && run.startsWith("ASSERTION\t"));
        if (run == null || run.isEmpty() && lineNumber == 1) {
            throw new InputException(source, "the file is empty", HINT);
        }
        if (!run.startsWith("RUN\t")) {
            if (run.chars().anyMatch(c -> c < 9 || c > 13 && c < 32)) {
                throw new InputException(source, "is binary but does not start with the run record of Gatling "
                        + "3.13 or newer", HINT);
            }
            throw new InputException(source + ":" + lineNumber, "does not start with a RUN record", HINT);
        }
        String[] runFields = run.split("\t", -1);
        String version = runFields[runFields.length - 1].strip();
        if (!version.matches("3\\.\\d+.*")) {
            throw new InputException(source + ":" + lineNumber, "was written by Gatling '" + version + "'", HINT);
        }
        // Gatling 3.0 to 3.3 write the user id before the groups (their DataWriterMessageSerializer)
        boolean withUser = Integer.parseInt(version.split("\\.")[1].replaceAll("\\D.*", "")) < 4;
        RawResults results = new RawResults(name(), source, 1);
        String line;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.startsWith("REQUEST\t")) {
                addRequest(line.split("\t", -1), withUser, source + ":" + lineNumber, results);
            }
        }
        return results.build("the log has no REQUEST records; did the simulation send requests?",
                List.of("read from Gatling " + version + "'s simulation.log"));
    }

    private static void addRequest(String[] f, boolean withUser, String where, RawResults results) {
        int groups = withUser ? 2 : 1;
        if (f.length < groups + 5) {
            throw new InputException(where, "REQUEST record has " + f.length + " fields, expected " + (groups + 6),
                    "the file looks truncated; take the whole file as Gatling wrote it");
        }
        long start = millis(f[groups + 2], "start", where);
        long end = millis(f[groups + 3], "end", where);
        String status = f[groups + 4];
        if (end < start || !status.equals("OK") && !status.equals("KO")) {
            throw new InputException(where, end < start ? "request ends (" + end + ") before it starts (" + start + ")"
                    : "status is '" + status + "', expected OK or KO", HINT);
        }
        String label = f[groups].isEmpty() ? f[groups + 1] : f[groups].replace(",", " / ") + " / " + f[groups + 1];
        results.add(label, end - start, status.equals("OK"), start * 1000, end * 1000);
    }

    private static long millis(String text, String field, String where) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InputException(where, "REQUEST " + field + " time is '" + text + "', expected epoch milliseconds",
                    "the file looks truncated or edited; take the whole file as Gatling wrote it");
        }
    }
}
