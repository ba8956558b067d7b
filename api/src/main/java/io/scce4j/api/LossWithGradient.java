package io.scce4j.api;

import java.util.Objects;

/**
 * A loss value and its gradient with respect to {@code y_pred}.
 *
 * <p>The gradient has the shape and dtype of {@code y_pred}.
 *
 * @param value the loss, as {@link SparseCategoricalCrossentropy#compute} returns it
 * @param gradient d(value)/d(y_pred)
 */
public record LossWithGradient(Tensor value, Tensor gradient) {

    /** Both parts are required. */
    public LossWithGradient {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(gradient, "gradient");
    }

    @Override
    public String toString() {
        return "LossWithGradient(value=" + value + ", gradient=" + gradient + ")";
    }
}
