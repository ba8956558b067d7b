package io.scce4j.backend.cpu;

import io.scce4j.keras.Clip;
import io.scce4j.keras.GradientElement;

/** The reference kernel: one element at a time through {@link TfFloatMath}. */
final class ScalarFloatKernel implements FloatKernel {
    @Override
    public String description() {
        return "scalar";
    }

    @Override
    public void logOfClipped(float[] z, int n, long flatStart, long packetEnd) {
        for (int i = 0; i < n; i++) {
            float v = Clip.clip(z[i]);
            z[i] = flatStart + i < packetEnd ? TfFloatMath.packetLog(v) : TfFloatMath.scalarLog(v);
        }
    }

    @Override
    public void shiftByRowMax(float[] d, int rows, int classes, float[] lanes) {
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            float m = Float.NEGATIVE_INFINITY;
            for (int c = base; c < base + classes; c++) {
                m = Math.max(m, d[c]); // NaN propagates, as TensorFlow's max
            }
            m += 0f; // a zero maximum as +0 whichever zero came first: the kernels agree to the bit
            for (int c = base; c < base + classes; c++) {
                d[c] = d[c] - m;
            }
        }
    }

    @Override
    public void exp(float[] d, float[] out, int n, long flatStart, long packetEnd) {
        for (int i = 0; i < n; i++) {
            out[i] = flatStart + i < packetEnd ? TfFloatMath.packetExp(d[i]) : TfFloatMath.scalarExp(d[i]);
        }
    }

    @Override
    public float sumExpRow(float[] d, int from, int n, float[] lanes) {
        return TfFloatMath.sumExpRow(d, from, n, lanes);
    }

    @Override
    public void gradientRows(float[] e, float[] p, float[] sums, int[] labels, float[] upstream, boolean[] skip,
            int rows, int classes, boolean fromLogits, float[] out, int outFrom) {
        for (int r = 0; r < rows; r++) {
            if (skip[r]) {
                continue;
            }
            int base = r * classes;
            for (int c = 0; c < classes; c++) {
                out[outFrom + base + c] = GradientElement.of(e[base + c], sums[r], c == labels[r],
                        upstream[r], fromLogits, p[base + c]);
            }
        }
    }
}
