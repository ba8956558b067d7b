package io.scce4j.backend.cpu;

import java.nio.FloatBuffer;

/**
 * Per-element loss and gradient in float32, step by step as TensorFlow's kernels compute them: clip to
 * [1e-7, 1 - 1e-7], log, then SparseSoftmaxCrossEntropyWithLogits ({@code m = max z}, {@code s = sum exp(z - m)},
 * {@code loss = log(s) - (z_y - m)}), and the gradient through the xent, the log and the clip. Each operation
 * rounds to float32 where TensorFlow does; exp and log are Java's (correctly rounded to within 1 ulp), where
 * TensorFlow uses Eigen's polynomials, so results may differ from Keras in the last bits.
 */
final class FloatRows {
    /** Keras's epsilon, {@code float32(1e-7)}: bits 0x33D6BF95. */
    static final float LO = (float) 1e-7;
    /** {@code float32(1 - 1e-7)} = 0.99999988: bits 0x3F7FFFFE. */
    static final float HI = (float) (1.0 - 1e-7);

    /** Per-row scratch: exp(z_c - m) for every class, and their sum. One per chunk, never shared. */
    static final class Row {
        final float[] e;
        float sum;

        Row(int classes) {
            e = new float[classes];
        }
    }

    private FloatRows() {
    }

    static float clip(float p) {
        return Math.max(Math.min(p, HI), LO); // NaN stays NaN, as tf.clip_by_value
    }

    /** The loss of the row at {@code base}; leaves exp(z_c - m) and their sum in {@code row}. */
    static float loss(FloatBuffer p, int base, int classes, int label, boolean fromLogits, Row row) {
        float[] z = row.e;
        float m = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            float v = p.get(base + c);
            float zc = fromLogits ? v : (float) Math.log(clip(v));
            z[c] = zc;
            if (zc > m || Float.isNaN(zc)) {
                m = zc;
            }
        }
        float zy = z[label];
        float s = 0f;
        for (int c = 0; c < classes; c++) {
            float ec = (float) Math.exp(z[c] - m);
            z[c] = ec;
            s += ec;
        }
        row.sum = s;
        return (float) Math.log(s) - (zy - m);
    }

    /**
     * Writes d(loss)/d(y_pred) of the row at {@code base}, given the upstream gradient {@code g}, after
     * {@link #loss} filled {@code row}: {@code g * (softmax - onehot)}, then for probabilities
     * {@code * 1/clip(p)} where {@code 1e-7 <= p <= 1 - 1e-7} (inclusive, NaN excluded) and 0 elsewhere.
     */
    static void gradient(FloatBuffer p, int base, int classes, int label, boolean fromLogits, float g, Row row,
            float[] out, int outBase) {
        float[] e = row.e;
        float s = row.sum;
        for (int c = 0; c < classes; c++) {
            float dz = g * (e[c] / s - (c == label ? 1f : 0f));
            if (fromLogits) {
                out[outBase + c] = dz;
            } else {
                float v = p.get(base + c);
                out[outBase + c] = v <= HI && v >= LO ? dz * (1f / v) : 0f;
            }
        }
    }
}
