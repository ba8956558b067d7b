package io.scce4j.api;

import java.util.Locale;

/**
 * Which Keras the numbers must match. Keras versions differ in dtypes and in the all-ignored case; the loss
 * formula itself is the same.
 *
 * <table>
 *   <caption>What each profile computes in</caption>
 *   <tr><th>profile</th><th>float32 y_pred</th><th>float64 y_pred</th><th>every element ignored</th></tr>
 *   <tr><td>{@link #KERAS3}</td><td>float32</td><td>cast to float32 first</td><td>0</td></tr>
 *   <tr><td>{@link #KERAS2}</td><td>float32</td><td>float64 throughout</td><td>NaN</td></tr>
 *   <tr><td>{@link #KERAS2_LEGACY}</td><td>float32</td><td>float64 loss, rounded to float32 per element,
 *       weighted and reduced in float32, returned as float64</td><td>NaN</td></tr>
 * </table>
 */
public enum LossProfile {
    /** Keras 3 on TensorFlow: today's {@code tf.keras} (TensorFlow 2.16 and later). The default. */
    KERAS3("keras3"),
    /** Keras 2 as {@code tf_keras} ships it (Keras 2.10 to 2.15, and the tf-keras package since). */
    KERAS2("keras2"),
    /**
     * {@code tf.keras} of TensorFlow 2.9 and earlier, whose {@code compute_weighted_loss} cast every per-element
     * loss to float32 (tensorflow/tensorflow#48129). The forum post that started this project used it: this
     * profile reproduces its printed numbers bit for bit.
     */
    KERAS2_LEGACY("keras2-legacy");

    private final String id;

    LossProfile(String id) {
        this.id = id;
    }

    /** The profile's name in files and on the command line, e.g. {@code "keras3"}. */
    public String id() {
        return id;
    }

    /** Whether this is one of the Keras 2 profiles. */
    public boolean isKeras2() {
        return this != KERAS3;
    }

    /**
     * Parses {@code keras3}, {@code keras2} or {@code keras2-legacy} (case-insensitive).
     *
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for any other name
     */
    public static LossProfile parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (LossProfile p : values()) {
            if (p.id.equals(n)) {
                return p;
            }
        }
        throw InvalidInputException.invalidArgument(
                "unknown profile '" + name + "'; valid: keras3, keras2, keras2-legacy");
    }

    @Override
    public String toString() {
        return id;
    }
}
