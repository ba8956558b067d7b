package io.scce4j.conformance.training;

import io.scce4j.api.Tensor;
import java.util.Objects;

/**
 * A weight of the model under its Keras name, {@code layer/kernel} or {@code layer/bias}, in Keras's layout
 * (a convolution kernel is {@code [kh, kw, in, out]}).
 *
 * @param name the Keras variable path, e.g. {@code features/kernel}
 * @param value the values
 */
public record NamedTensor(String name, Tensor value) {
    /** Both parts are required. */
    public NamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
