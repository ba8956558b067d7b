package io.scce4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scce4j.api.DType;
import io.scce4j.api.Tensor;
import java.util.Locale;

/** Text and JSON renderings of tensors and numbers. */
final class Output {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int MAX_PRINTED = 200;

    private Output() {
    }

    /** A value as Python's repr prints it: float32 results widened to float64, as NumPy's .numpy() shows. */
    static String number(Tensor t, int i) {
        if (!t.dtype().isFloating()) {
            return Long.toString(t.getLong(i));
        }
        return t.dtype() == DType.FLOAT32 ? Float.toString(t.getFloat(i)) : Double.toString(t.getDouble(i));
    }

    /** A NumPy-style nested array with 8 decimals, or a one-line summary when large. */
    static String array(Tensor t) {
        return array(t, null);
    }

    /**
     * A NumPy-style nested array with 8 decimals, or a one-line summary when large that points to
     * {@code saveOption} (null when the values are being written already, or cannot be).
     */
    static String array(Tensor t, String saveOption) {
        if (t.rank() == 0) {
            return number(t, 0);
        }
        if (t.size() > MAX_PRINTED) {
            return "(" + t.size() + " values, " + t.dtype() + " " + t.shape()
                    + (saveOption == null ? ")" : "; use " + saveOption + " to save them)");
        }
        StringBuilder b = new StringBuilder();
        long[] dims = t.shape().toArray();
        appendLevel(b, t, dims, 0, 0, 0);
        return b.toString();
    }

    private static int appendLevel(StringBuilder b, Tensor t, long[] dims, int axis, int offset, int indent) {
        b.append('[');
        int index = offset;
        for (int k = 0; k < dims[axis]; k++) {
            if (axis == dims.length - 1) {
                if (k > 0) {
                    b.append(' ');
                }
                b.append(element(t, index++));
            } else {
                if (k > 0) {
                    b.append("\n").append(" ".repeat(axis + 1));
                }
                index = appendLevel(b, t, dims, axis + 1, index, indent + 1);
            }
        }
        b.append(']');
        return index;
    }

    private static String element(Tensor t, int i) {
        if (!t.dtype().isFloating()) {
            return Long.toString(t.getLong(i));
        }
        double v = t.getDouble(i);
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.8f", v) : Double.toString(v);
    }

    /** {"dtype": ..., "shape": [...], "data": [...]} with NaN and infinities as strings. */
    static ObjectNode tensor(Tensor t) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("dtype", t.dtype().numpyName());
        ArrayNode shape = n.putArray("shape");
        for (long d : t.shape().toArray()) {
            shape.add(d);
        }
        ArrayNode data = n.putArray("data");
        for (int i = 0; i < t.size(); i++) {
            if (!t.dtype().isFloating()) {
                data.add(t.getLong(i));
            } else {
                addNumber(data, t.dtype() == DType.FLOAT32 ? (double) t.getFloat(i) : t.getDouble(i));
            }
        }
        return n;
    }

    static void addNumber(ArrayNode array, double v) {
        if (Double.isNaN(v)) {
            array.add("NaN");
        } else if (Double.isInfinite(v)) {
            array.add(v > 0 ? "Infinity" : "-Infinity");
        } else {
            array.add(v);
        }
    }

    static void putNumber(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) {
            node.put(field, v);
        } else {
            node.put(field, Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity");
        }
    }
}
