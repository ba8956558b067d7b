package io.scce4j.api;

import java.util.Objects;

/**
 * A loss value and its gradient with respect to {@code y_pred}.
 *
 * <p>The gradient has the shape and dtype of {@code y_pred}.
 */
public final class LossWithGradient {
    private final Tensor value;
    private final Tensor gradient;

    /**
     * @param value the loss, as {@link SparseCategoricalCrossentropy#compute} returns it
     * @param gradient d(value)/d(y_pred)
     */
    public LossWithGradient(Tensor value, Tensor gradient) {
        this.value = Objects.requireNonNull(value, "value");
        this.gradient = Objects.requireNonNull(gradient, "gradient");
    }

    /** The loss value. */
    public Tensor value() {
        return value;
    }

    /** The gradient with respect to {@code y_pred}. */
    public Tensor gradient() {
        return gradient;
    }

    @Override
    public String toString() {
        return "LossWithGradient(value=" + value + ", gradient=" + gradient + ")";
    }
}
