package io.scce4j.backend.cpu;

import io.scce4j.keras.Clip;
import io.scce4j.keras.GradientElement;
import java.nio.DoubleBuffer;

/** The float64 twin of {@link FloatRows}, for Keras 2 profiles with float64 predictions. */
final class DoubleRows {

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

    static double loss(DoubleBuffer p, int base, int classes, int label, boolean fromLogits, Row row) {
        double[] z = row.e;
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            double v = p.get(base + c);
            double zc = fromLogits ? v : Math.log(Clip.clip(v));
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
        for (int c = 0; c < classes; c++) {
            out[outBase + c] = GradientElement.of(e[c], row.sum, c == label, g, fromLogits, p.get(base + c));
        }
    }
}
