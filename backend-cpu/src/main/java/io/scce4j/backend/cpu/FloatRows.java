package io.scce4j.backend.cpu;

import java.nio.FloatBuffer;

/**
 * Loss and gradient of a block of rows in float32, step by step as TensorFlow's kernels compute them: clip to
 * [1e-7, 1 - 1e-7], log, then SparseSoftmaxCrossEntropyWithLogits ({@code m = max z}, {@code s = sum exp(z - m)},
 * {@code loss = log(s) - (z_y - m)}), and the gradient through the xent, the log and the clip. Each operation
 * rounds to float32 where TensorFlow does, and exp, log and the row sum are {@link TfFloatMath}'s (through a
 * {@link FloatKernel}), so values agree with Keras bit for bit where TensorFlow's own kernels do. Element-wise
 * ops run over the whole {@code y_pred} in TensorFlow; {@code packetEnd} is the flat index where its last
 * whole packet ends.
 */
final class FloatRows {
    /** Rows per block: the scratch of one block stays in the L1/L2 caches. */
    static final int BLOCK = 128;

    /** Per-thread scratch for one block, reused from call to call so that a call allocates nothing here. */
    static final class Scratch {
        private static final ThreadLocal<Scratch> PER_THREAD = new ThreadLocal<>();

        final int classes;
        /** The block's y_pred as read. */
        final float[] p;
        /** z - max(z) per row after {@link #losses}. */
        final float[] d;
        /** exp(z - max(z)) while the gradient is written. */
        final float[] e;
        final float[] sums = new float[BLOCK];
        final int[] labels = new int[BLOCK];
        final float[] losses = new float[BLOCK];
        final float[] upstream = new float[BLOCK];
        /** Rows whose loss and gradient Keras zeroes (the ignored class). */
        final boolean[] skip = new boolean[BLOCK];
        /** One row's exps, for its sum. */
        final float[] lanes;

        private Scratch(int classes) {
            this.classes = classes;
            this.p = new float[BLOCK * classes];
            this.d = new float[BLOCK * classes + FloatKernel.ROW_PADDING];
            this.e = new float[BLOCK * classes];
            this.lanes = new float[FloatKernel.lanesFor(classes)];
        }

        static Scratch forClasses(int classes) {
            Scratch s = PER_THREAD.get();
            if (s == null || s.classes != classes) {
                s = new Scratch(classes);
                PER_THREAD.set(s);
            }
            return s;
        }
    }

    private FloatRows() {
    }

    /** The flat index where the last whole Eigen packet of an element-wise op over {@code total} floats ends. */
    static long packetEnd(long total) {
        return total / TfFloatMath.PACKET * TfFloatMath.PACKET;
    }

    /**
     * Writes the losses of rows {@code [first, first + rows)} to {@code out[0 .. rows)}. {@code labels[r]} is
     * the label of row {@code first + r} (any valid class for rows whose loss is discarded). Leaves the rows'
     * {@code z - m} and exp-sums in {@code s} for {@link #gradient}.
     */
    static void losses(FloatKernel kernel, FloatBuffer yPred, int first, int rows, int[] labels, boolean fromLogits,
            long packetEnd, Scratch s, float[] out) {
        int classes = s.classes;
        int n = rows * classes;
        long flatStart = (long) first * classes;
        yPred.get((int) flatStart, s.p, 0, n);
        float[] d = s.d;
        System.arraycopy(s.p, 0, d, 0, n);
        if (!fromLogits) {
            kernel.logOfClipped(d, n, flatStart, packetEnd);
        }
        kernel.shiftByRowMax(d, rows, classes, s.lanes);
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            float sum = kernel.sumExpRow(d, base, classes, s.lanes);
            s.sums[r] = sum;
            out[r] = TfFloatMath.scalarLog(sum) - d[base + labels[r]];
        }
    }

    /**
     * Writes d(loss)/d(y_pred) of the block's rows to {@code out} from {@code (first + r) * classes}, after
     * {@link #losses} and {@link #expBlock} filled {@code s} and the caller set {@code s.upstream} (the upstream
     * gradient of each row) and {@code s.skip} (ignored rows, whose gradient stays 0).
     */
    static void gradient(FloatKernel kernel, int first, int rows, boolean fromLogits, Scratch s, float[] out) {
        kernel.gradientRows(s.e, s.p, s.sums, s.labels, s.upstream, s.skip, rows, s.classes, fromLogits, out,
                first * s.classes);
    }

    /** Fills {@code s.e} with exp(z - m) of the block's rows, as TensorFlow's xent kernel recomputes it. */
    static void expBlock(FloatKernel kernel, int first, int rows, long packetEnd, Scratch s) {
        kernel.exp(s.d, s.e, rows * s.classes, (long) first * s.classes, packetEnd);
    }
}
