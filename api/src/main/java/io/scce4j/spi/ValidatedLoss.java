package io.scce4j.spi;

import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import java.util.Objects;

/**
 * A loss that validates every call with {@link LossInputs} before the backend sees it, so a backend implements
 * only the computation and raises the same errors as every other backend.
 *
 * <pre>{@code
 * final class AcmeLoss extends ValidatedLoss {
 *     AcmeLoss(LossOptions options) { super(options); }
 *     protected Tensor value(LossInputs in) { ... }
 *     protected LossWithGradient valueAndGradient(LossInputs in) { ... }
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
        return value(LossInputs.validate(options, yTrue, yPred, sampleWeight));
    }

    @Override
    public final LossWithGradient computeWithGradient(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        return valueAndGradient(LossInputs.validate(options, yTrue, yPred, sampleWeight));
    }

    /** The value of validated inputs. */
    protected abstract Tensor value(LossInputs in);

    /** The value and gradient of validated inputs. */
    protected abstract LossWithGradient valueAndGradient(LossInputs in);
}
