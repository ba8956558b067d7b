package io.scce4j.spi;

import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Tensor;
import io.scce4j.keras.PredictCall;

/**
 * A predictor that validates every call with {@link PredictCall} before the backend sees it, so that a bad
 * {@code y_pred} gives the same error on every backend.
 *
 * <pre>{@code
 * final class AcmePredictor extends ValidatedPredictor {
 *     protected Tensor mask(PredictCall call) { ... Argmax.of(row, 0, call.numClasses()) ... }
 * }
 * }</pre>
 */
public abstract class ValidatedPredictor implements MaskPredictor {

    @Override
    public final Tensor predict(Tensor yPred) {
        return mask(PredictCall.resolve(yPred));
    }

    /** The int32 mask of a validated call, of shape {@link PredictCall#maskShape()}. */
    protected abstract Tensor mask(PredictCall call);
}
