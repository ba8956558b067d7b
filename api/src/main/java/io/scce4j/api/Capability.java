package io.scce4j.api;

/** Optional features a {@link Backend} may offer; see {@link Backend#capabilities()}. */
public enum Capability {
    /** {@link SparseCategoricalCrossentropy#computeWithGradient} works. */
    GRADIENT,
    /** float64 {@code y_pred} is computed in float64 where the profile asks for it (Keras 2). */
    FLOAT64,
    /** The {@link LossProfile#KERAS2} and {@link LossProfile#KERAS2_LEGACY} profiles are supported. */
    KERAS2_PROFILES
}
