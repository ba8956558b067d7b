package io.scce4j.keras;

import io.scce4j.api.DType;

/**
 * Keras clips probabilities to {@code [epsilon, 1 - epsilon]} with {@code epsilon = 1e-7} in the dtype of
 * {@code y_pred} before taking their log ({@code tf.clip_by_value}: a minimum, then a maximum, so NaN stays NaN).
 * The bounds are the only place these constants live.
 *
 * <pre>{@code
 * float p = Clip.clip(yPred[i]);                 // in [Clip.FLOAT32_LO, Clip.FLOAT32_HI], or NaN
 * double lo = Clip.lo(DType.FLOAT64);            // 1e-7
 * }</pre>
 */
public final class Clip {
    /** Keras's epsilon in float32, {@code float32(1e-7)}: bits 0x33D6BF95. */
    public static final float FLOAT32_LO = (float) 1e-7;
    /** {@code float32(1 - 1e-7)} = 0.99999988: bits 0x3F7FFFFE, whichever way Keras derives it. */
    public static final float FLOAT32_HI = (float) (1.0 - 1e-7);
    /** Keras's epsilon in float64. */
    public static final double FLOAT64_LO = 1e-7;
    /** {@code 1 - 1e-7} in float64. */
    public static final double FLOAT64_HI = 1.0 - 1e-7;

    private Clip() {
    }

    /** The lower bound in {@code type} (float32 or float64), as a double. */
    public static double lo(DType type) {
        return type == DType.FLOAT64 ? FLOAT64_LO : FLOAT32_LO;
    }

    /** The upper bound in {@code type} (float32 or float64), as a double. */
    public static double hi(DType type) {
        return type == DType.FLOAT64 ? FLOAT64_HI : FLOAT32_HI;
    }

    /** A float32 probability clipped; NaN stays NaN. */
    public static float clip(float p) {
        return Math.max(Math.min(p, FLOAT32_HI), FLOAT32_LO);
    }

    /** A float64 probability clipped; NaN stays NaN. */
    public static double clip(double p) {
        return Math.max(Math.min(p, FLOAT64_HI), FLOAT64_LO);
    }

    /**
     * Whether the clip passes a float32 probability through, so its gradient flows (TensorFlow's clip gradient:
     * both bounds inclusive, NaN excluded).
     */
    public static boolean passes(float p) {
        return p <= FLOAT32_HI && p >= FLOAT32_LO;
    }

    /** {@link #passes(float)} for float64. */
    public static boolean passes(double p) {
        return p <= FLOAT64_HI && p >= FLOAT64_LO;
    }
}
