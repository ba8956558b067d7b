package io.scce4j.backend.cpu;

import java.nio.FloatBuffer;

/**
 * Per-element loss and gradient in float32, step by step as TensorFlow's kernels compute them: clip to
 * [1e-7, 1 - 1e-7], log, then SparseSoftmaxCrossEntropyWithLogits ({@code m = max z}, {@code s = sum exp(z - m)},
 * {@code loss = log(s) - (z_y - m)}), and the gradient through the xent, the log and the clip. Each operation
 * rounds to float32 where TensorFlow does, and exp, log and the row sum are {@link TfFloatMath}'s, so values
 * agree with Keras bit for bit where TensorFlow's own kernels do. Element-wise ops run over the whole
 * {@code y_pred} in TensorFlow; {@code packetEnd} is the flat index where its last whole packet ends.
 */
final class FloatRows {
    /** Keras's epsilon, {@code float32(1e-7)}: bits 0x33D6BF95. */
    static final float LO = (float) 1e-7;
    /** {@code float32(1 - 1e-7)} = 0.99999988: bits 0x3F7FFFFE. */
    static final float HI = (float) (1.0 - 1e-7);

    /** Per-row scratch: z_c - m for every class, their exp-sum, and lanes for it. One per chunk, never shared. */
    static final class Row {
        final float[] d;
        final float[] lanes = new float[4 * TfFloatMath.PACKET];
        float sum;

        Row(int classes) {
            d = new float[classes];
        }
    }

    /** The flat index where the last whole Eigen packet of an element-wise op over {@code total} floats ends. */
    static long packetEnd(long total) {
        return total / TfFloatMath.PACKET * TfFloatMath.PACKET;
    }

    static float log(float v, long flatIndex, long packetEnd) {
        return flatIndex < packetEnd ? TfFloatMath.packetLog(v) : TfFloatMath.scalarLog(v);
    }

    static float exp(float v, long flatIndex, long packetEnd) {
        return flatIndex < packetEnd ? TfFloatMath.packetExp(v) : TfFloatMath.scalarExp(v);
    }

    private FloatRows() {
    }

    static float clip(float p) {
        return Math.max(Math.min(p, HI), LO); // NaN stays NaN, as tf.clip_by_value
    }

    /** The loss of the row at {@code base}; leaves z_c - m and their exp-sum in {@code row}. */
    static float loss(FloatBuffer p, int base, int classes, int label, boolean fromLogits, long packetEnd,
            Row row) {
        float[] d = row.d;
        float m = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            float v = p.get(base + c);
            float zc = fromLogits ? v : log(clip(v), (long) base + c, packetEnd);
            d[c] = zc;
            if (zc > m || Float.isNaN(zc)) {
                m = zc;
            }
        }
        for (int c = 0; c < classes; c++) {
            d[c] = d[c] - m;
        }
        float s = TfFloatMath.sumExpRow(d, 0, classes, row.lanes);
        row.sum = s;
        return TfFloatMath.scalarLog(s) - d[label];
    }

    /**
     * Writes d(loss)/d(y_pred) of the row at {@code base}, given the upstream gradient {@code g}, after
     * {@link #loss} filled {@code row}: {@code g * (softmax - onehot)}, then for probabilities
     * {@code * 1/clip(p)} where {@code 1e-7 <= p <= 1 - 1e-7} (inclusive, NaN excluded) and 0 elsewhere.
     */
    static void gradient(FloatBuffer p, int base, int classes, int label, boolean fromLogits, float g,
            long packetEnd, Row row, float[] out, int outBase) {
        float[] d = row.d;
        float s = row.sum;
        for (int c = 0; c < classes; c++) {
            float dz = g * (TfFloatMath.flushToZero(exp(d[c], (long) base + c, packetEnd) / s) - (c == label ? 1f : 0f));
            if (fromLogits) {
                out[outBase + c] = dz;
            } else {
                float v = p.get(base + c);
                out[outBase + c] = v <= HI && v >= LO ? dz * (1f / v) : 0f;
            }
        }
    }
}
