package io.scce4j.eval;

import io.scce4j.api.IgnoreClass;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Shape;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * A label out of range said in the user's terms: the file, the image, row and column (from the api's flat index
 * and the shape of the labels), the valid range, and {@code --ignore-class} when the label looks like a void
 * border's (255, -1, or any value of at least C).
 * <pre>
 * masks/img3.png: image 0, row 0, column 0: label 255 is outside [0, 5); if 255 marks void pixels, add
 * --ignore-class 255
 * </pre>
 * The command and the Spark job say it the same way through this class.
 */
public final class LabelErrors {
    private LabelErrors() {
    }

    /**
     * {@code e} with a message that names {@code file} and the position; {@code e} itself when it is not a label
     * out of range with a flat index.
     *
     * @param labelsShape the labels' shape as the loss saw it: {@code y_pred}'s without the class axis
     */
    public static InvalidInputException locate(InvalidInputException e, String file, Shape labelsShape,
            IgnoreClass ignore) {
        OptionalLong index = e.flatIndex();
        if (e.reason() != InvalidInputException.Reason.LABEL_OUT_OF_RANGE || index.isEmpty()
                || e.label().isEmpty() || e.numClasses().isEmpty()) {
            return e;
        }
        String label = e.label().get();
        long classes = e.numClasses().getAsLong();
        InvalidInputException located = new InvalidInputException(e.reason(), file + ": "
                + position(index.getAsLong(), labelsShape) + ": label " + label + " is outside [0, " + classes + ")"
                + hint(label, classes, ignore));
        located.initCause(e);
        return located;
    }

    /** "image n, row r, column c" for images; "element i" or "index [...]" for other shapes. */
    public static String position(long flat, Shape shape) {
        long[] d = shape.toArray();
        if (d.length == 2 || d.length == 3) {
            long h = d[d.length - 2];
            long w = d[d.length - 1];
            return "image " + flat / (h * w) + ", row " + flat % (h * w) / w + ", column " + flat % w;
        }
        if (d.length <= 1) {
            return "element " + flat;
        }
        long[] at = new long[d.length];
        long rest = flat;
        for (int k = d.length - 1; k >= 0; k--) {
            at[k] = rest % d[k];
            rest /= d[k];
        }
        return "index " + Arrays.toString(at);
    }

    private static String hint(String label, long classes, IgnoreClass ignore) {
        long v;
        try {
            v = Long.parseLong(label);
        } catch (NumberFormatException notAnInteger) {
            return "";
        }
        if (v != -1 && v != 255 && v < classes) {
            return "";
        }
        return ignore.isSet()
                ? "; if " + v + " marks void pixels, use --ignore-class " + v + " (one class can be ignored; it is "
                        + ignore + " now)"
                : "; if " + v + " marks void pixels, add --ignore-class " + v;
    }
}
