package io.scce4j.train.tf;

/**
 * What Keras's loss read from the model's output, decided by Keras's own rules (see {@link KerasGraphLoss}).
 *
 * <pre>{@code
 * GraphLoss<TFloat32> loss = KerasGraphLoss.sparseCategoricalCrossentropy(tf, labels, softmaxOutput, options);
 * assert loss.input() == LossInput.SOFTMAX_LOGITS;   // Keras trains on the softmax's input, unclipped
 * }</pre>
 */
public enum LossInput {
    /**
     * The output is a {@code Softmax} op: the loss reads its input, the logits, and does not clip (Keras's
     * {@code _get_logits}, in {@code fit}, {@code evaluate}, {@code GradientTape} and {@code tf.function} alike).
     */
    SOFTMAX_LOGITS,
    /** {@code from_logits=true} on an output that is not a softmax: the output is read as logits. */
    LOGITS,
    /**
     * Probabilities: clipped to {@code [1e-7, 1 - 1e-7]} and logged first. Keras takes this path for an output that
     * is not a {@code Softmax} op, and under {@code keras3} also for a softmax when {@code ignore_class} is set
     * (Keras 3 zeroes ignored rows with {@code where} first, which hides the softmax) or when a float64 output is
     * cast to float32.
     */
    CLIPPED_PROBABILITIES
}
