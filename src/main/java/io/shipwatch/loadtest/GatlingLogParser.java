package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Gatling's text {@code simulation.log}, as Gatling 3.0 to 3.10 write it: tab-separated records, one
 * {@code REQUEST} per request with its start and end (epoch milliseconds) and OK/KO. From 3.4 a request is
 * {@code REQUEST groups name start end status message}; before, the scenario and user id came first. Gatling 3.11
 * and newer write a binary log that only Gatling reads: that is refused, pointing at the report's JSON.
 */
public final class GatlingLogParser implements LoadTestParser {
    private static final String HINT = "pass the simulation.log of Gatling 3.0 to 3.10";
    private static final String BINARY_HINT = "pass the report's js/stats.json or js/global_stats.json instead "
            + "(Gatling writes them with its HTML report), or run the test with Gatling 3.10 or older for a text log";

    @Override
    public String name() {
        return "gatling-log";
    }

    @Override
    public String description() {
        return "Gatling 3.0-3.10 text simulation.log";
    }

    @Override
    public boolean accepts(Sniff sniff) {
        return sniff.head().startsWith("RUN\t") || sniff.binary() && sniff.fileName().endsWith(".log");
    }

    @Override
    public LoadTestResult parse(InputStream in, String source) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16);
        String run = reader.readLine();
        if (run == null || run.isEmpty()) {
            throw new InputException(source, "the file is empty", HINT);
        }
        if (run.indexOf('\0') >= 0 || !run.startsWith("RUN\t")) {
            if (run.chars().anyMatch(c -> c < 9 || c > 13 && c < 32)) {
                throw new InputException(source, "is a binary simulation.log, which Gatling 3.11 and newer write "
                        + "and only Gatling itself can read", BINARY_HINT);
            }
            throw new InputException(source + ":1", "does not start with a RUN record", HINT);
        }
        String[] runFields = run.split("\t", -1);
        String version = runFields[runFields.length - 1].strip();
        if (!version.matches("3\\.\\d+.*")) {
            throw new InputException(source + ":1", "was written by Gatling '" + version + "'", HINT);
        }
        boolean withUser = Integer.parseInt(version.split("\\.")[1].replaceAll("\\D.*", "")) < 4;
        RawResults results = new RawResults(name(), source, 1);
        long lineNumber = 1;
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
        int groups = withUser ? 3 : 1;
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
