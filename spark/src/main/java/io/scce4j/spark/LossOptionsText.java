package io.scce4j.spark;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import java.util.Locale;

/**
 * Loss options as text, in the words of {@link LossOptions#toString()}: comma-separated {@code key=value} pairs of
 * {@code from_logits} ({@code true}, {@code false}), {@code reduction} (Keras's names, as the profile's Keras
 * accepts them), {@code ignore_class} (a label or {@code none}) and {@code profile} ({@code keras3},
 * {@code keras2}, {@code keras2-legacy}); what is left out keeps Keras's default. Empty or null text is Keras's
 * defaults.
 * <pre>{@code
 * LossOptionsText.parse("ignore_class=255, from_logits=true");
 * }</pre>
 */
final class LossOptionsText {
    private LossOptionsText() {
    }

    /**
     * The options {@code text} describes.
     *
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for an unknown key or a value that is not valid,
     *     in one line naming it
     */
    static LossOptions parse(String text) {
        LossOptions.Builder b = LossOptions.builder();
        if (text == null || text.isBlank()) {
            return b.build();
        }
        String reduction = null;
        LossProfile profile = LossProfile.KERAS3;
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw InvalidInputException.invalidArgument("loss option '" + part.trim() + "' has no value; write "
                        + "key=value, e.g. ignore_class=255");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            switch (key) {
                case "from_logits":
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw InvalidInputException.invalidArgument("from_logits='" + value + "'; valid: true, false");
                    }
                    b.fromLogits(Boolean.parseBoolean(value));
                    break;
                case "reduction":
                    reduction = value;
                    break;
                case "ignore_class":
                    if (!value.equalsIgnoreCase("none")) {
                        try {
                            b.ignoreClass(Long.parseLong(value));
                        } catch (NumberFormatException e) {
                            throw InvalidInputException.invalidArgument("ignore_class='" + value + "'; valid: a label "
                                    + "(an integer) or none");
                        }
                    }
                    break;
                case "profile":
                    profile = LossProfile.parse(value);
                    b.profile(profile);
                    break;
                default:
                    throw InvalidInputException.invalidArgument("unknown loss option '" + key + "'; valid: from_logits, "
                            + "reduction, ignore_class, profile");
            }
        }
        if (reduction != null) {
            b.reduction(Reduction.parse(reduction, profile));
        }
        return b.build();
    }
}
