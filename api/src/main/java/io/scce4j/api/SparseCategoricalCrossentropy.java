package io.scce4j.api;

/**
 * Keras's {@code SparseCategoricalCrossentropy}: integer labels against per-class probabilities or logits on
 * the last axis. Instances are thread-safe: one may serve many threads at once.
 *
 * <p>Shapes: {@code y_pred} is {@code [..., C]}; {@code y_true} is {@code y_pred.shape[:-1]} or that plus a
 * trailing 1 (a {@code N x H x W x 1} mask); {@code sample_weight} is a scalar, the per-element loss shape
 * {@code y_pred.shape[:-1]}, or that plus a trailing 1. The value has the per-element loss shape for
 * {@link Reduction#NONE} and is a scalar otherwise.
 * <pre>{@code
 * try (Backend backend = Backends.load()) {
 *     SparseCategoricalCrossentropy scce = backend.loss(LossOptions.defaults());
 *     Tensor loss = scce.compute(yTrue, yPred);                      // scalar float32
 *     LossWithGradient lg = scce.computeWithGradient(yTrue, yPred, null);
 *     Tensor dLossDyPred = lg.gradient();                            // shape of y_pred
 * }
 * }</pre>
 *
 * @see LossOptions
 */
public interface SparseCategoricalCrossentropy {

    /** The options this loss was made with. */
    LossOptions options();

    /**
     * The loss value.
     *
     * @param yTrue labels, integer or floating (truncated toward zero, as Keras casts them)
     * @param yPred probabilities or logits, float32 or float64
     * @param sampleWeight per-element weights, or {@code null}
     * @throws InvalidInputException for labels out of range, shapes that do not fit, or unsupported dtypes
     */
    Tensor compute(Tensor yTrue, Tensor yPred, Tensor sampleWeight);

    /** The loss value without sample weights. */
    default Tensor compute(Tensor yTrue, Tensor yPred) {
        return compute(yTrue, yPred, null);
    }

    /**
     * The loss value and its gradient with respect to {@code y_pred}, as {@code tf.GradientTape} gives it: for
     * {@link Reduction#NONE}, the gradient of the sum of the per-element (weighted) losses.
     *
     * @throws UnsupportedOperationException if the backend lacks {@link Capability#GRADIENT}
     * @throws InvalidInputException as {@link #compute(Tensor, Tensor, Tensor)}
     */
    LossWithGradient computeWithGradient(Tensor yTrue, Tensor yPred, Tensor sampleWeight);

    /** The value and gradient without sample weights. */
    default LossWithGradient computeWithGradient(Tensor yTrue, Tensor yPred) {
        return computeWithGradient(yTrue, yPred, null);
    }
}
