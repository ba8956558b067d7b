package io.scce4j.backend.cpu;

import io.scce4j.keras.GradientElement;

/**
 * The float32 element work of the cpu loss: the log of clipped probabilities, exp, the row sum of exp, and the
 * gradient rows.
 * Two implementations, {@link ScalarFloatKernel} and {@link VectorFloatKernel}, compute the same float32
 * operations in the same order per element (SIMD lanes are independent and no operation is fused), so they
 * give identical bits; tests hold them to it.
 */
interface FloatKernel {
    /** How this kernel runs, for {@code Backend.device()}. */
    String description();

    /**
     * Replaces {@code z[0 .. n)} by {@code log(clip(z))}, where {@code z[i]} is element {@code flatStart + i}
     * of {@code y_pred}; elements from {@code packetEnd} on take TensorFlow's scalar log.
     */
    void logOfClipped(float[] z, int n, long flatStart, long packetEnd);

    /**
     * Subtracts each row's maximum from its {@code classes} elements, in {@code d[0 .. rows * classes)}: the
     * {@code z - max z} of TensorFlow's xent kernel. A row holding NaN becomes NaN throughout, as TensorFlow's
     * max reduction propagates it. {@code d} has {@link #ROW_PADDING} floats of room after the last row;
     * {@code lanes} is scratch of at least 8 floats.
     */
    void shiftByRowMax(float[] d, int rows, int classes, float[] lanes);

    /** Floats a kernel may read (and write back unchanged) past the last row of {@link #shiftByRowMax}. */
    int ROW_PADDING = 8;

    /** Writes {@code exp(d[i])} to {@code out[i]} for {@code i < n}, with the same packet rule. */
    void exp(float[] d, float[] out, int n, long flatStart, long packetEnd);

    /**
     * {@link TfFloatMath#sumExpRow}; {@code lanes} is scratch of at least {@link #lanesFor lanesFor(n)} floats.
     */
    float sumExpRow(float[] d, int from, int n, float[] lanes);

    /**
     * The gradient of {@code rows} rows of {@code classes}: element {@code c} of row {@code r} is
     * {@link GradientElement#of(float, float, boolean, float, boolean, float)} of {@code e}, {@code sums[r]}, {@code c == labels[r]}, {@code upstream[r]}
     * and {@code p}, written to {@code out[outFrom + r * classes + c]}; rows with {@code skip[r]} are not written.
     */
    void gradientRows(float[] e, float[] p, float[] sums, int[] labels, float[] upstream, boolean[] skip, int rows,
            int classes, boolean fromLogits, float[] out, int outFrom);

    /** Scratch floats {@link #sumExpRow} needs for rows of {@code classes}: one per class, one packet at least. */
    static int lanesFor(int classes) {
        return Math.max(TfFloatMath.PACKET, classes);
    }

    /** The kernel to use: SIMD when {@code wanted} and the JVM resolved {@code jdk.incubator.vector}, else scalar. */
    static FloatKernel best(boolean wanted) {
        if (wanted && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (FloatKernel) Class.forName("io.scce4j.backend.cpu.VectorFloatKernel")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarFloatKernel(); // the module is there but unusable: stay correct, just slower
            }
        }
        return new ScalarFloatKernel();
    }
}
