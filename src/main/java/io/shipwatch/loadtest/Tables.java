package io.shipwatch.loadtest;

import java.util.List;

/** Lays out rows as an aligned text table or a Markdown table; the first column is left-aligned, numbers right. */
final class Tables {
    private Tables() {
    }

    /** An aligned table; the first column is left-aligned, and the last too when {@code lastIsText}. */
    static String text(List<String> header, List<List<String>> rows, String title, boolean lastIsText) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        if (title != null) {
            out.append(title).append('\n');
        }
        line(out, header, widths, lastIsText);
        for (List<String> row : rows) {
            line(out, row, widths, lastIsText);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths, boolean lastIsText) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            if (i == 0) {
                line.append(cell).append(pad);
            } else {
                line.append("  ").append(lastIsText && i == cells.size() - 1 ? cell + pad : pad + cell);
            }
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    static String markdown(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", header.stream().map(Tables::escape).toList())).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            out.append(i == 0 ? " --- |" : " ---: |");
        }
        out.append('\n');
        for (List<String> row : rows) {
            out.append("| ").append(String.join(" | ", row.stream().map(Tables::escape).toList())).append(" |\n");
        }
        return out.toString();
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
