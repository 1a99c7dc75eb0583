package io.shipwatch.loadtest;

import io.shipwatch.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** A Locust CSV read by column name: the header, each row's line, and numbers where Locust may write N/A. */
final class LocustCsv {
    private final CsvReader csv;
    private final List<String> header = new ArrayList<>();
    private final String source;
    private final String hint;

    LocustCsv(InputStream in, String source, String hint) throws IOException {
        this.csv = new CsvReader(in, source, ',');
        this.source = source;
        this.hint = hint;
        if (!csv.next()) {
            throw new InputException(source, "the file is empty", hint);
        }
        for (int i = 0; i < csv.size(); i++) {
            header.add(csv.get(i).strip());
        }
    }

    /** The index of the first of {@code names} in the header (Locust renamed columns over its versions). */
    int column(String... names) {
        for (String name : names) {
            int i = header.indexOf(name);
            if (i >= 0) {
                return i;
            }
        }
        throw new InputException(source + ":1", "the header has no '" + names[0] + "' column", hint);
    }

    boolean next() throws IOException {
        if (!csv.next()) {
            return false;
        }
        if (csv.size() != header.size()) {
            throw new InputException(where(), "has " + csv.size() + " columns but the header has " + header.size(),
                    csv.endedWithLineBreak() ? hint : "the file looks truncated; take the whole file as Locust wrote it");
        }
        return true;
    }

    String where() {
        return source + ":" + csv.line();
    }

    String text(int column) {
        return csv.get(column);
    }

    long whole(int column) {
        long v = csv.getLong(column);
        if (v == CsvReader.NOT_A_NUMBER || v < 0) {
            throw new InputException(where(), "column '" + header.get(column) + "' is '" + csv.get(column)
                    + "', expected a whole number", hint);
        }
        return v;
    }

    /** A number, or null where Locust wrote N/A (no requests yet). */
    Double number(int column) {
        if (csv.equalsText(column, "N/A") || csv.isEmpty(column)) {
            return null;
        }
        double v = csv.getDouble(column);
        if (Double.isNaN(v)) {
            throw new InputException(where(), "column '" + header.get(column) + "' is '" + csv.get(column)
                    + "', expected a number", hint);
        }
        return v;
    }

    /** Locust's label for a row: method and name ("GET /cart"), or the name alone. */
    String label(int type, int name) {
        String t = text(type).strip();
        return t.isEmpty() ? text(name) : t + " " + text(name);
    }
}
