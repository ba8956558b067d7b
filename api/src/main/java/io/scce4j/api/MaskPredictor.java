package io.scce4j.api;

/**
 * The predicted mask of a segmentation model: the argmax over the class axis, as the TensorFlow segmentation
 * tutorial's {@code create_mask} computes it with {@code tf.argmax(pred, axis=-1)}. Thread-safe.
 *
 * <p>Ties go to the smallest class index. NaN is treated as TensorFlow's CPU kernel treats it: it never wins a
 * comparison, so it is skipped, and a row of NaN (or of values no larger than {@code -Float.MAX_VALUE}) gives 0.
 * {@code -0.0} and {@code 0.0} tie. Predict from logits when you have them: softmax can round distinct logits to
 * equal probabilities.
 * <pre>{@code
 * Tensor mask = backend.predictor().predict(yPred);   // [N, H, W, C] float -> [N, H, W] int32
 * }</pre>
 */
public interface MaskPredictor {

    /**
     * The int32 mask of shape {@code y_pred.shape[:-1]}.
     *
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for a rank-0 or non-floating {@code y_pred}, or
     *     {@code C == 0} with elements to predict
     */
    Tensor predict(Tensor yPred);
}
