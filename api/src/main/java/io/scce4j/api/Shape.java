package io.scce4j.api;

import java.util.Arrays;

/**
 * An immutable tensor shape: a list of non-negative dimensions, row-major (the last axis varies fastest).
 *
 * <p>The element count must fit in an {@code int}, since Java arrays and NIO buffers are indexed by int.
 * <pre>{@code
 * Shape s = Shape.of(8, 96, 128, 23);   // N x H x W x C
 * s.withoutLast();                      // [8, 96, 128]
 * }</pre>
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new long[0], 1);

    private final long[] dims;
    private final int size;

    private Shape(long[] dims, int size) {
        this.dims = dims;
        this.size = size;
    }

    /** The shape of a scalar: rank 0, one element. */
    public static Shape scalar() {
        return SCALAR;
    }

    /**
     * A shape from its dimensions.
     *
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for a negative dimension or an element count
     *     above {@link Integer#MAX_VALUE}
     */
    public static Shape of(long... dims) {
        long[] copy = dims.clone();
        long size = 1;
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0) {
                throw InvalidInputException.invalidArgument("dimension " + i + " of shape " + Arrays.toString(copy)
                        + " is negative; dimensions must be >= 0");
            }
            size = multiplyChecked(size, copy[i], copy);
        }
        return new Shape(copy, (int) size);
    }

    /** A shape from int dimensions; see {@link #of(long...)}. */
    public static Shape of(int... dims) {
        return of(Arrays.stream(dims).asLongStream().toArray());
    }

    private static long multiplyChecked(long size, long dim, long[] all) {
        if (dim != 0 && size > Integer.MAX_VALUE / dim) {
            // Keep scanning for a zero dimension: [0, 2^40] has no elements and is fine.
            for (long d : all) {
                if (d == 0) {
                    return 0;
                }
            }
            throw InvalidInputException.invalidArgument("shape " + Arrays.toString(all)
                    + " has more than " + Integer.MAX_VALUE + " elements, the most one tensor can hold");
        }
        return size * dim;
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Dimension {@code axis}; negative values count from the end, as in NumPy. */
    public long dim(int axis) {
        int a = axis < 0 ? dims.length + axis : axis;
        if (a < 0 || a >= dims.length) {
            throw InvalidInputException.invalidArgument(
                    "axis " + axis + " is out of range for rank " + dims.length + "; valid: [-" + dims.length + ", "
                            + dims.length + ")");
        }
        return dims[a];
    }

    /** Number of elements (1 for a scalar). */
    public int size() {
        return size;
    }

    /** A copy of the dimensions. */
    public long[] toArray() {
        return dims.clone();
    }

    /** A copy of the dimensions as ints (every dimension fits, since the size does). */
    public int[] toIntArray() {
        return Arrays.stream(dims).mapToInt(d -> (int) d).toArray();
    }

    /** This shape without its last dimension. */
    public Shape withoutLast() {
        if (dims.length == 0) {
            throw InvalidInputException.invalidArgument("a scalar shape has no last dimension");
        }
        return of(Arrays.copyOf(dims, dims.length - 1));
    }

    /** This shape with {@code dim} appended. */
    public Shape append(long dim) {
        long[] d = Arrays.copyOf(dims, dims.length + 1);
        d[dims.length] = dim;
        return of(d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** NumPy style: {@code [8, 96, 128, 23]}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
