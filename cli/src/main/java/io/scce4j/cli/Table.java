package io.scce4j.cli;

import java.util.List;

/** A plain left-aligned text table with two spaces between columns. */
final class Table {
    private Table() {
    }

    static String render(String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = header[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder b = new StringBuilder();
        appendRow(b, header, width);
        for (String[] r : rows) {
            appendRow(b, r, width);
        }
        return b.toString();
    }

    private static void appendRow(StringBuilder b, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            line.append(cells[c]);
            if (c < cells.length - 1) {
                line.append(" ".repeat(width[c] - cells[c].length() + 2));
            }
        }
        b.append(line.toString().stripTrailing()).append('\n');
    }
}
