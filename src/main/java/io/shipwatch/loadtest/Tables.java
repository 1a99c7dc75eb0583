package io.shipwatch.loadtest;

import java.util.List;

/** Lays out rows as an aligned text table or a Markdown table; the first column is left-aligned, numbers right. */
final class Tables {
    private Tables() {
    }

    static String text(List<String> header, List<List<String>> rows, String title) {
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
        line(out, header, widths);
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(i == 0 ? cell + pad : "  " + pad + cell);
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
