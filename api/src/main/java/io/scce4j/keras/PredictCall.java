package io.scce4j.keras;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;

/**
 * One mask prediction, validated as every backend validates it ({@link io.scce4j.spi.ValidatedPredictor} does
 * it for a backend). Immutable.
 *
 * <pre>{@code
 * PredictCall call = PredictCall.resolve(yPred);   // throws InvalidInputException
 * int[] mask = new int[call.numElements()];
 * }</pre>
 */
public final class PredictCall {
    private final Tensor yPred;
    private final Shape maskShape;
    private final int numClasses;

    private PredictCall(Tensor yPred) {
        this.yPred = yPred;
        this.maskShape = yPred.shape().withoutLast();
        this.numClasses = (int) yPred.shape().dim(-1);
    }

    /**
     * @throws InvalidInputException for a null, non-floating or rank-0 {@code y_pred}, or one with no classes
     *     but elements to predict
     */
    public static PredictCall resolve(Tensor yPred) {
        if (yPred == null) {
            throw InvalidInputException.invalidArgument("y_pred is null");
        }
        if (!yPred.dtype().isFloating()) {
            throw InvalidInputException.invalidArgument(
                    "y_pred has dtype " + yPred.dtype() + "; valid: float32, float64");
        }
        if (yPred.rank() < 1) {
            throw InvalidInputException.shapeMismatch(
                    "y_pred must have rank >= 1 (classes on the last axis); got shape " + yPred.shape());
        }
        PredictCall call = new PredictCall(yPred);
        if (call.numClasses == 0 && call.numElements() > 0) {
            throw InvalidInputException.invalidArgument(
                    "y_pred has 0 classes on its last axis; argmax needs at least 1");
        }
        return call;
    }

    /** The predictions. */
    public Tensor yPred() {
        return yPred;
    }

    /** The mask's shape: {@code y_pred.shape[:-1]}. */
    public Shape maskShape() {
        return maskShape;
    }

    /** C. */
    public int numClasses() {
        return numClasses;
    }

    /** The number of mask elements. */
    public int numElements() {
        return maskShape.size();
    }
}
