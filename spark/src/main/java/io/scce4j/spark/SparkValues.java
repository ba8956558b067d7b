package io.scce4j.spark;

import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.io.ArrayFiles;
import io.scce4j.io.MaskChannel;
import io.scce4j.io.Npy;
import io.scce4j.io.NpyFormatException;
import io.scce4j.io.Npz;
import io.scce4j.io.PngMasks;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Tensors from the values of a DataFrame cell: the bytes of a {@code .npy}, {@code .npz} or PNG file (told apart
 * by their first bytes), or nested arrays of numbers ({@code array<array<int>>} for a mask {@code [H, W]},
 * {@code array<array<array<float>>>} for a prediction {@code [H, W, C]}), as Spark hands them to Java: a
 * {@code byte[]}, a Scala {@code Seq} or a {@code java.util.List}. Errors are one line naming {@code shown}.
 */
final class SparkValues {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
    private static final byte[] NPY = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final byte[] ZIP = {'P', 'K'};

    private SparkValues() {
    }

    /** Labels: a PNG mask, the array {@code npzKey} of an .npz, an .npy, or nested arrays. */
    static Tensor labels(Object value, String shown, String npzKey, MaskChannel channel) throws IOException {
        if (value instanceof byte[]) {
            ByteBuffer b = ByteBuffer.wrap((byte[]) value);
            return startsWith(b, PNG) ? PngMasks.read(b, shown, channel) : array(b, shown, npzKey);
        }
        return nested(value, shown);
    }

    /** Predictions: the array {@code npzKey} of an .npz, an .npy, or nested arrays. */
    static Tensor array(Object value, String shown, String npzKey) throws IOException {
        if (value instanceof byte[]) {
            ByteBuffer b = ByteBuffer.wrap((byte[]) value);
            if (startsWith(b, PNG)) {
                return ArrayFiles.read(b, shown + ".png", npzKey); // refused in the words of the file readers
            }
            return array(b, shown, npzKey);
        }
        return nested(value, shown);
    }

    private static Tensor array(ByteBuffer b, String shown, String npzKey) throws IOException {
        if (startsWith(b, ZIP)) {
            return Npz.read(b, shown, npzKey);
        }
        if (startsWith(b, NPY)) {
            return Npy.read(b, shown);
        }
        throw new NpyFormatException(shown + ": not the bytes of an .npy, .npz or PNG file (they start with "
                + hex(b) + ")");
    }

    private static boolean startsWith(ByteBuffer b, byte[] magic) {
        if (b.remaining() < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (b.get(b.position() + i) != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(ByteBuffer b) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(6, b.remaining()); i++) {
            s.append(String.format(Locale.ROOT, "%02x", b.get(b.position() + i) & 0xff));
        }
        return s.length() == 0 ? "nothing: no bytes" : "0x" + s;
    }

    /** Nested arrays of one numeric type, rectangular, as a tensor of their shape. */
    static Tensor nested(Object value, String shown) throws IOException {
        List<Long> dims = new ArrayList<>();
        Object v = value;
        while (isArray(v)) {
            List<?> l = list(v);
            dims.add((long) l.size());
            if (l.isEmpty()) {
                break;
            }
            v = l.get(0);
        }
        if (dims.isEmpty()) {
            throw new IOException(shown + ": " + (value == null ? "no value" : "a " + value.getClass().getSimpleName()
                    + ", not the bytes of a file or an array of numbers"));
        }
        long size = 1;
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i);
            size *= shape[i];
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException(shown + ": " + dims + " elements are too many; valid: up to 2^31 - 9");
            }
        }
        List<Object> leaves = new ArrayList<>((int) size);
        flatten(value, 0, shape, shown, leaves, new ArrayList<>());
        Object first = leaves.isEmpty() ? Float.valueOf(0) : leaves.get(0);
        Shape s = Shape.of(shape);
        int n = leaves.size();
        if (first instanceof Float) {
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (Float) same(leaves, i, Float.class, shown);
            }
            return Tensor.ofFloats(s, a);
        }
        if (first instanceof Double) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = (Double) same(leaves, i, Double.class, shown);
            }
            return Tensor.ofDoubles(s, a);
        }
        if (first instanceof Long) {
            long[] a = new long[n];
            for (int i = 0; i < n; i++) {
                a[i] = (Long) same(leaves, i, Long.class, shown);
            }
            return Tensor.ofLongs(s, a);
        }
        if (first instanceof Integer || first instanceof Short || first instanceof Byte) {
            int[] a = new int[n];
            for (int i = 0; i < n; i++) {
                a[i] = ((Number) same(leaves, i, first.getClass(), shown)).intValue();
            }
            return Tensor.ofInts(s, a);
        }
        throw new IOException(shown + ": elements of type " + first.getClass().getSimpleName() + "; valid: float, "
                + "double, int, long, short, byte");
    }

    private static Object same(List<Object> leaves, int i, Class<?> type, String shown) throws IOException {
        Object o = leaves.get(i);
        if (!type.isInstance(o)) {
            throw new IOException(shown + ": element " + i + " is " + (o == null ? "null" : "a "
                    + o.getClass().getSimpleName()) + " among elements of type " + type.getSimpleName());
        }
        return o;
    }

    private static void flatten(Object v, int depth, long[] shape, String shown, List<Object> out,
            List<Integer> at) throws IOException {
        if (depth == shape.length) {
            if (isArray(v)) {
                throw new IOException(shown + ": an array at " + at + " where the first elements hold numbers; "
                        + "arrays must be rectangular");
            }
            if (v == null) {
                throw new IOException(shown + ": null at " + at);
            }
            out.add(v);
            return;
        }
        if (!isArray(v)) {
            throw new IOException(shown + ": " + (v == null ? "null" : "a number") + " at " + at + " where an array of "
                    + shape[depth] + " was expected; arrays must be rectangular");
        }
        List<?> l = list(v);
        if (l.size() != shape[depth]) {
            throw new IOException(shown + ": an array of " + l.size() + " at " + at + " where " + shape[depth]
                    + " were expected; arrays must be rectangular");
        }
        for (int i = 0; i < l.size(); i++) {
            at.add(i);
            flatten(l.get(i), depth + 1, shape, shown, out, at);
            at.remove(at.size() - 1);
        }
    }

    private static boolean isArray(Object v) {
        return v instanceof scala.collection.Seq || v instanceof List;
    }

    private static List<?> list(Object v) {
        if (v instanceof List) {
            return (List<?>) v;
        }
        List<Object> l = new ArrayList<>();
        for (Iterator<?> it = scala.jdk.javaapi.CollectionConverters.asJava(((scala.collection.Seq<?>) v).iterator());
                it.hasNext();) {
            l.add(it.next());
        }
        return l;
    }
}
