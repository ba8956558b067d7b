package io.scce4j.keras;

import io.scce4j.api.DType;
import io.scce4j.api.LossProfile;

/**
 * Which float type each step of a loss call uses: the per-element losses, their weighting and reduction, and the
 * value returned. The profile and the dtype of {@code y_pred} decide it, here and nowhere else.
 *
 * <pre>{@code
 * Precision p = Precision.of(LossProfile.KERAS3, DType.FLOAT64);   // FLOAT32: Keras 3 casts y_pred first
 * }</pre>
 */
public enum Precision {
    /** float32 throughout (Keras 3 always; Keras 2 on float32 predictions). */
    FLOAT32(DType.FLOAT32, DType.FLOAT32, DType.FLOAT32),
    /** float64 throughout (Keras 2 on float64 predictions). */
    FLOAT64(DType.FLOAT64, DType.FLOAT64, DType.FLOAT64),
    /**
     * keras2-legacy on float64 predictions: float64 per-element losses, rounded to float32, weighted and reduced
     * in float32, returned as float64 (TensorFlow 2.9's {@code compute_weighted_loss}).
     */
    FLOAT64_REDUCED_IN_FLOAT32(DType.FLOAT64, DType.FLOAT32, DType.FLOAT64);

    private final DType loss;
    private final DType reduction;
    private final DType value;

    Precision(DType loss, DType reduction, DType value) {
        this.loss = loss;
        this.reduction = reduction;
        this.value = value;
    }

    /** The precision of a call under {@code profile} with predictions of {@code yPred}'s float type. */
    public static Precision of(LossProfile profile, DType yPred) {
        if (profile == LossProfile.KERAS3 || yPred != DType.FLOAT64) {
            return FLOAT32;
        }
        return profile == LossProfile.KERAS2_LEGACY ? FLOAT64_REDUCED_IN_FLOAT32 : FLOAT64;
    }

    /** The type the per-element losses (and {@code y_pred} before them) are computed in. */
    public DType lossType() {
        return loss;
    }

    /** The type the losses are weighted and reduced in. */
    public DType reductionType() {
        return reduction;
    }

    /** Whether weighting and reduction round to float32. */
    public boolean reducesInFloat32() {
        return reduction == DType.FLOAT32;
    }

    /** The type of the value returned. */
    public DType valueType() {
        return value;
    }
}
