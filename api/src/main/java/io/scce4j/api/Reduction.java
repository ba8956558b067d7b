package io.scce4j.api;

import java.util.Locale;

/**
 * How per-element losses are reduced, with Keras's names.
 *
 * <pre>{@code
 * Reduction r = Reduction.parse("mean");   // SUM_OVER_BATCH_SIZE, as in Keras 3
 * }</pre>
 */
public enum Reduction {
    /** No reduction: one loss per element, shape {@code y_pred.shape[:-1]}. */
    NONE("none"),
    /** The sum of the weighted per-element losses. */
    SUM("sum"),
    /**
     * The sum divided by the number of elements (never by the sum of the weights); with an ignore class, by the
     * number of valid elements. Keras's default; {@code "mean"} is an alias.
     */
    SUM_OVER_BATCH_SIZE("sum_over_batch_size"),
    /** The sum divided by the sum of the sample weights (Keras 3.7 and later only). */
    MEAN_WITH_SAMPLE_WEIGHT("mean_with_sample_weight");

    private final String kerasName;

    Reduction(String kerasName) {
        this.kerasName = kerasName;
    }

    /** The name Keras uses, e.g. {@code "sum_over_batch_size"}. */
    public String kerasName() {
        return kerasName;
    }

    /**
     * Parses a Keras reduction name, case-insensitively: {@code none}, {@code sum}, {@code sum_over_batch_size},
     * {@code mean} (alias of sum_over_batch_size), {@code mean_with_sample_weight}, and Keras 2's {@code auto}
     * (sum_over_batch_size outside distribution strategies).
     *
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for any other name
     */
    public static Reduction parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (n) {
            case "none": return NONE;
            case "sum": return SUM;
            case "sum_over_batch_size":
            case "mean":
            case "auto":
                return SUM_OVER_BATCH_SIZE;
            case "mean_with_sample_weight": return MEAN_WITH_SAMPLE_WEIGHT;
            default:
                throw InvalidInputException.invalidArgument("unknown reduction '" + name
                        + "'; valid: none, sum, sum_over_batch_size (alias mean, auto), mean_with_sample_weight");
        }
    }

    /**
     * Parses a reduction name as the Keras of {@code profile} accepts it: Keras 3 knows {@code mean} but not
     * {@code auto}; Keras 2 ({@code tf_keras}) knows {@code auto} but neither {@code mean} nor
     * {@code mean_with_sample_weight}. A name the profile's Keras rejects fails with the words that Keras uses.
     *
     * <pre>{@code
     * Reduction.parse("auto", LossProfile.KERAS2);   // SUM_OVER_BATCH_SIZE
     * Reduction.parse("auto", LossProfile.KERAS3);   // InvalidInputException, as Keras 3 raises ValueError
     * }</pre>
     *
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for a name unknown to that profile's Keras
     */
    public static Reduction parse(String name, LossProfile profile) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (profile == LossProfile.KERAS3 && n.equals("auto")) {
            throw InvalidInputException.invalidArgument("Invalid value for argument `reduction` in keras3: "
                    + "received reduction=auto ('auto' is Keras 2's); valid: none, sum, sum_over_batch_size, mean, "
                    + "mean_with_sample_weight");
        }
        if (profile.isKeras2() && (n.equals("mean") || n.equals("mean_with_sample_weight"))) {
            throw InvalidInputException.invalidArgument("Invalid Reduction Key: " + n + " (in " + profile
                    + "); valid: auto, none, sum, sum_over_batch_size");
        }
        return parse(name);
    }

    @Override
    public String toString() {
        return kerasName;
    }
}
