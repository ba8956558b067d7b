package io.scce4j.train.tf;

import java.util.Objects;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Keras's loss as added to a graph: its value, which Keras path it took, and the tensor it read.
 *
 * <pre>{@code
 * GraphLoss<TFloat32> loss = KerasGraphLoss.sparseCategoricalCrossentropy(tf, labels, probabilities, options);
 * Op step = new GradientDescent(graph, 0.1f).minimize(loss.value());
 * }</pre>
 *
 * @param value the loss: a scalar, or the per-element losses {@code y_pred.shape[:-1]} for {@code none}; float32
 *     under {@code keras3}, the output's type under the Keras 2 profiles
 * @param input which path Keras's rules chose
 * @param read the tensor the loss read: the softmax's input for {@link LossInput#SOFTMAX_LOGITS}, else the output
 *     as given (cast to float32 and with ignored rows zeroed where Keras 3 does that)
 * @param <T> the value's type
 */
public record GraphLoss<T extends TFloating>(Operand<T> value, LossInput input, Operand<?> read) {
    /** All parts are required. */
    public GraphLoss {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(read, "read");
    }
}
