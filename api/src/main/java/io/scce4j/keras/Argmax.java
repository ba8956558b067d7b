package io.scce4j.keras;

/**
 * The argmax of one row as TensorFlow's CPU kernel takes it: it starts from (index 0, the lowest finite value)
 * and takes a value only when it is strictly greater, so NaN never wins, ties keep the smaller index,
 * {@code -0.0} and {@code 0.0} tie, and a row of NaN or of values no larger than the lowest finite value gives 0.
 *
 * <pre>{@code
 * mask[i] = Argmax.of(rows, i * classes, classes);
 * }</pre>
 */
public final class Argmax {
    private Argmax() {
    }

    /** The class of {@code v[from .. from + n)}. */
    public static int of(float[] v, int from, int n) {
        float best = -Float.MAX_VALUE;
        int arg = 0;
        for (int c = 0; c < n; c++) {
            float x = v[from + c];
            if (x > best) {
                best = x;
                arg = c;
            }
        }
        return arg;
    }

    /** The class of {@code v[from .. from + n)} in float64. */
    public static int of(double[] v, int from, int n) {
        double best = -Double.MAX_VALUE;
        int arg = 0;
        for (int c = 0; c < n; c++) {
            double x = v[from + c];
            if (x > best) {
                best = x;
                arg = c;
            }
        }
        return arg;
    }
}
