package io.scce4j.spi;

import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.keras.LossCall;
import java.util.Objects;

/**
 * A loss that resolves every call with {@link LossCall} before the backend sees it, so a backend implements
 * only the computation and raises the same errors as every other backend.
 *
 * <pre>{@code
 * final class AcmeLoss extends ValidatedLoss {
 *     AcmeLoss(LossOptions options) { super(options); }
 *     protected Tensor value(LossCall call) { ... }
 *     protected LossWithGradient valueAndGradient(LossCall call) { ... }
 * }
 * }</pre>
 */
public abstract class ValidatedLoss implements SparseCategoricalCrossentropy {
    private final LossOptions options;

    /** @param options the loss's options */
    protected ValidatedLoss(LossOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public final LossOptions options() {
        return options;
    }

    @Override
    public final Tensor compute(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        return value(LossCall.resolve(options, yTrue, yPred, sampleWeight));
    }

    @Override
    public final LossWithGradient computeWithGradient(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        return valueAndGradient(LossCall.resolve(options, yTrue, yPred, sampleWeight));
    }

    /** The value of a resolved call. */
    protected abstract Tensor value(LossCall call);

    /** The value and gradient of a resolved call. */
    protected abstract LossWithGradient valueAndGradient(LossCall call);
}
