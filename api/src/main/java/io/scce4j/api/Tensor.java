package io.scce4j.api;

import java.nio.Buffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, row-major tensor of any rank: predictions and weights in {@code float32}/{@code float64},
 * labels and masks in {@code int32}/{@code int64}.
 *
 * <p>Factories taking Java arrays copy them; {@code wrap} factories take an NIO buffer without copying (the
 * caller must not change the buffer afterwards). Reads go through read-only views, so a tensor never changes.
 * <pre>{@code
 * Tensor yPred = Tensor.ofFloats(Shape.of(1, 3, 3, 2), data);        // copies data
 * Tensor yTrue = Tensor.wrap(Shape.of(1, 3, 3), someIntBuffer);      // no copy
 * float p = yPred.getFloat(5);
 * }</pre>
 */
public final class Tensor {
    private final Shape shape;
    private final DType dtype;
    private final Buffer data; // read-only, position 0, limit == shape.size()

    private Tensor(Shape shape, DType dtype, Buffer data) {
        this.shape = shape;
        this.dtype = dtype;
        this.data = data;
    }

    // ---- factories: copying from arrays ----

    /** A float32 tensor holding a copy of {@code data}. */
    public static Tensor ofFloats(Shape shape, float... data) {
        checkLength(shape, data.length);
        return new Tensor(shape, DType.FLOAT32, FloatBuffer.wrap(data.clone()).asReadOnlyBuffer());
    }

    /** A float64 tensor holding a copy of {@code data}. */
    public static Tensor ofDoubles(Shape shape, double... data) {
        checkLength(shape, data.length);
        return new Tensor(shape, DType.FLOAT64, DoubleBuffer.wrap(data.clone()).asReadOnlyBuffer());
    }

    /** An int32 tensor holding a copy of {@code data}. */
    public static Tensor ofInts(Shape shape, int... data) {
        checkLength(shape, data.length);
        return new Tensor(shape, DType.INT32, IntBuffer.wrap(data.clone()).asReadOnlyBuffer());
    }

    /** An int64 tensor holding a copy of {@code data}. */
    public static Tensor ofLongs(Shape shape, long... data) {
        checkLength(shape, data.length);
        return new Tensor(shape, DType.INT64, LongBuffer.wrap(data.clone()).asReadOnlyBuffer());
    }

    /** A rank-0 float32 tensor. */
    public static Tensor scalar(float value) {
        return ofFloats(Shape.scalar(), value);
    }

    /** A rank-0 float64 tensor. */
    public static Tensor scalar(double value) {
        return ofDoubles(Shape.scalar(), value);
    }

    // ---- factories: wrapping NIO buffers without copying ----

    /** A float32 tensor over the remaining elements of {@code buffer}, without copying. */
    public static Tensor wrap(Shape shape, FloatBuffer buffer) {
        checkLength(shape, buffer.remaining());
        return new Tensor(shape, DType.FLOAT32, buffer.slice().asReadOnlyBuffer());
    }

    /** A float64 tensor over the remaining elements of {@code buffer}, without copying. */
    public static Tensor wrap(Shape shape, DoubleBuffer buffer) {
        checkLength(shape, buffer.remaining());
        return new Tensor(shape, DType.FLOAT64, buffer.slice().asReadOnlyBuffer());
    }

    /** An int32 tensor over the remaining elements of {@code buffer}, without copying. */
    public static Tensor wrap(Shape shape, IntBuffer buffer) {
        checkLength(shape, buffer.remaining());
        return new Tensor(shape, DType.INT32, buffer.slice().asReadOnlyBuffer());
    }

    /** An int64 tensor over the remaining elements of {@code buffer}, without copying. */
    public static Tensor wrap(Shape shape, LongBuffer buffer) {
        checkLength(shape, buffer.remaining());
        return new Tensor(shape, DType.INT64, buffer.slice().asReadOnlyBuffer());
    }

    private static void checkLength(Shape shape, int length) {
        Objects.requireNonNull(shape, "shape");
        if (length != shape.size()) {
            throw InvalidInputException.shapeMismatch("data has " + length + " elements but shape " + shape
                    + " needs " + shape.size());
        }
    }

    // ---- metadata ----

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The number of elements. */
    public int size() {
        return shape.size();
    }

    /** The rank (number of dimensions). */
    public int rank() {
        return shape.rank();
    }

    /** The same data seen with another shape of the same size, without copying. */
    public Tensor reshape(Shape newShape) {
        checkLength(newShape, size());
        return new Tensor(newShape, dtype, data);
    }

    // ---- element access ----

    /** Element {@code i} (flat, row-major) of a float32 tensor. */
    public float getFloat(int i) {
        return ((FloatBuffer) requireType(DType.FLOAT32)).get(i);
    }

    /** Element {@code i} of any tensor, as a double (exact for every type but int64 beyond 2^53). */
    public double getDouble(int i) {
        switch (dtype) {
            case FLOAT32: return ((FloatBuffer) data).get(i);
            case FLOAT64: return ((DoubleBuffer) data).get(i);
            case INT32: return ((IntBuffer) data).get(i);
            default: return ((LongBuffer) data).get(i);
        }
    }

    /** Element {@code i} of an integer tensor. */
    public long getLong(int i) {
        if (dtype == DType.INT32) {
            return ((IntBuffer) data).get(i);
        }
        return ((LongBuffer) requireType(DType.INT64)).get(i);
    }

    /** A read-only view of a float32 tensor's data, position 0. */
    public FloatBuffer floatBuffer() {
        return ((FloatBuffer) requireType(DType.FLOAT32)).duplicate();
    }

    /** A read-only view of a float64 tensor's data, position 0. */
    public DoubleBuffer doubleBuffer() {
        return ((DoubleBuffer) requireType(DType.FLOAT64)).duplicate();
    }

    /** A read-only view of an int32 tensor's data, position 0. */
    public IntBuffer intBuffer() {
        return ((IntBuffer) requireType(DType.INT32)).duplicate();
    }

    /** A read-only view of an int64 tensor's data, position 0. */
    public LongBuffer longBuffer() {
        return ((LongBuffer) requireType(DType.INT64)).duplicate();
    }

    /** The byte order of the underlying buffer (native order for direct buffers a backend may pass on). */
    public ByteOrder order() {
        switch (dtype) {
            case FLOAT32: return ((FloatBuffer) data).order();
            case FLOAT64: return ((DoubleBuffer) data).order();
            case INT32: return ((IntBuffer) data).order();
            default: return ((LongBuffer) data).order();
        }
    }

    /** A copy of a float32 tensor's data. */
    public float[] toFloatArray() {
        float[] out = new float[size()];
        floatBuffer().get(out);
        return out;
    }

    /** A copy of the data of any tensor, widened to double. */
    public double[] toDoubleArray() {
        double[] out = new double[size()];
        if (dtype == DType.FLOAT64) {
            doubleBuffer().get(out);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = getDouble(i);
            }
        }
        return out;
    }

    /** A copy of an int32 tensor's data. */
    public int[] toIntArray() {
        int[] out = new int[size()];
        intBuffer().get(out);
        return out;
    }

    /** A copy of an integer tensor's data, widened to long. */
    public long[] toLongArray() {
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    private Buffer requireType(DType expected) {
        if (dtype != expected) {
            throw InvalidInputException.invalidArgument(
                    "tensor has dtype " + dtype + " but " + expected + " was asked for");
        }
        return data;
    }

    /** Equal when dtype, shape and every element are equal, NaN counting as equal to NaN (NIO buffer equality). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tensor)) {
            return false;
        }
        Tensor t = (Tensor) o;
        return dtype == t.dtype && shape.equals(t.shape) && data.equals(t.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + shape.hashCode()) + data.hashCode();
    }

    /** A short description: dtype, shape and up to the first 8 values. */
    @Override
    public String toString() {
        int n = Math.min(size(), 8);
        String[] head = new String[n];
        for (int i = 0; i < n; i++) {
            head[i] = dtype.isFloating() ? Double.toString(getDouble(i)) : Long.toString(getLong(i));
        }
        return "Tensor(" + dtype + ", " + shape + ", " + Arrays.toString(head).replace("]", size() > n ? ", ...]" : "]")
                + ")";
    }
}
