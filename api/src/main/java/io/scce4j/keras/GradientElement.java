package io.scce4j.keras;

/**
 * One element of d(loss)/d(y_pred), as TensorFlow's autodiff computes it through
 * {@code SparseSoftmaxCrossEntropyWithLogits}, {@code Log} and the clip: {@code g * (softmax - onehot)}, where
 * the float32 softmax {@code e / s} is flushed to zero below the normal range (TensorFlow's CPU kernels run with
 * FTZ); then, for probabilities, {@code * (1 / p)} where the clip passes {@code p} and 0 elsewhere.
 *
 * <pre>{@code
 * grad[k] = GradientElement.of(e[k], sum, k == label, upstream, fromLogits, p[k]);
 * }</pre>
 */
public final class GradientElement {
    private GradientElement() {
    }

    /**
     * The float32 element.
     *
     * @param e {@code exp(z_k - max z)} of the element's class
     * @param sum the row's sum of those
     * @param isLabel whether the element's class is the row's label
     * @param g the upstream gradient of the row's loss ({@link Weighting#upstream})
     * @param fromLogits whether {@code y_pred} holds logits
     * @param p the element of {@code y_pred} as given (used for probabilities only)
     */
    public static float of(float e, float sum, boolean isLabel, float g, boolean fromLogits, float p) {
        float dz = g * (flushToZero(e / sum) - (isLabel ? 1f : 0f));
        if (fromLogits) {
            return dz;
        }
        return Clip.passes(p) ? dz * (1f / p) : 0f;
    }

    /** The float64 element (no flush: TensorFlow's double kernels keep subnormals). */
    public static double of(double e, double sum, boolean isLabel, double g, boolean fromLogits, double p) {
        double dz = g * (e / sum - (isLabel ? 1.0 : 0.0));
        if (fromLogits) {
            return dz;
        }
        return Clip.passes(p) ? dz * (1.0 / p) : 0.0;
    }

    /** A float32 result below the normal range as TensorFlow's FTZ mode gives it: a zero of the same sign. */
    public static float flushToZero(float v) {
        return Math.abs(v) < Float.MIN_NORMAL ? Math.copySign(0f, v) : v;
    }
}
