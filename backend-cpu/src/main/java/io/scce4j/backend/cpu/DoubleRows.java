package io.scce4j.backend.cpu;

import java.nio.DoubleBuffer;

/** The float64 twin of {@link FloatRows}, for Keras 2 profiles with float64 predictions. */
final class DoubleRows {
    /** Keras's epsilon in float64. */
    static final double LO = 1e-7;
    /** {@code 1 - 1e-7} in float64. */
    static final double HI = 1.0 - 1e-7;

    /** Per-row scratch, one per chunk. */
    static final class Row {
        final double[] e;
        double sum;

        Row(int classes) {
            e = new double[classes];
        }
    }

    private DoubleRows() {
    }

    static double clip(double p) {
        return Math.max(Math.min(p, HI), LO);
    }

    static double loss(DoubleBuffer p, int base, int classes, int label, boolean fromLogits, Row row) {
        double[] z = row.e;
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double v = p.get(base + c);
            double zc = fromLogits ? v : Math.log(clip(v));
            z[c] = zc;
            if (zc > m || Double.isNaN(zc)) {
                m = zc;
            }
        }
        double zy = z[label];
        double s = 0.0;
        for (int c = 0; c < classes; c++) {
            double ec = Math.exp(z[c] - m);
            z[c] = ec;
            s += ec;
        }
        row.sum = s;
        return Math.log(s) - (zy - m);
    }

    static void gradient(DoubleBuffer p, int base, int classes, int label, boolean fromLogits, double g, Row row,
            double[] out, int outBase) {
        double[] e = row.e;
        double s = row.sum;
        for (int c = 0; c < classes; c++) {
            double dz = g * (e[c] / s - (c == label ? 1.0 : 0.0));
            if (fromLogits) {
                out[outBase + c] = dz;
            } else {
                double v = p.get(base + c);
                out[outBase + c] = v <= HI && v >= LO ? dz * (1.0 / v) : 0.0;
            }
        }
    }
}
