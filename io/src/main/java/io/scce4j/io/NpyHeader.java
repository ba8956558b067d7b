package io.scce4j.io;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parsed header dictionary of a {@code .npy} file: {@code {'descr': '<f4', 'fortran_order': False,
 * 'shape': (3, 3, 2), }}. Only the literal forms NumPy writes are accepted.
 */
final class NpyHeader {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    final String descr;
    final boolean fortranOrder;
    final long[] shape;

    private NpyHeader(String descr, boolean fortranOrder, long[] shape) {
        this.descr = descr;
        this.fortranOrder = fortranOrder;
        this.shape = shape;
    }

    static NpyHeader parse(String text, String file) throws NpyFormatException {
        String t = text.trim();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            throw new NpyFormatException(file + ": header is not a Python dict literal");
        }
        Matcher d = DESCR.matcher(t);
        Matcher f = FORTRAN.matcher(t);
        Matcher s = SHAPE.matcher(t);
        if (!d.find() || !f.find() || !s.find()) {
            throw new NpyFormatException(file + ": header lacks 'descr', 'fortran_order' or 'shape' (or one of them "
                    + "is not a simple literal): " + abbreviate(t));
        }
        return new NpyHeader(d.group(1), f.group(1).equals("True"), parseShape(s.group(1), file));
    }

    private static long[] parseShape(String inner, String file) throws NpyFormatException {
        List<Long> dims = new ArrayList<>();
        for (String part : inner.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1); // Python 2 longs
            }
            try {
                long v = Long.parseLong(p);
                if (v < 0) {
                    throw new NpyFormatException(file + ": shape has a negative dimension " + v);
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw new NpyFormatException(file + ": shape dimension '" + abbreviate(p)
                        + "' is not a non-negative integer below 2^63");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 117) + "..." : oneLine;
    }
}
