package io.scce4j.api;

import java.util.Objects;

/**
 * The configuration of a {@link SparseCategoricalCrossentropy}, with Keras's defaults: probabilities (not
 * logits), {@code sum_over_batch_size}, no ignored class, profile {@code keras3}. Immutable.
 *
 * <pre>{@code
 * LossOptions opts = LossOptions.builder()
 *         .fromLogits(true)
 *         .reduction(Reduction.SUM)
 *         .ignoreClass(IgnoreClass.of(255))
 *         .build();
 * }</pre>
 */
public final class LossOptions {
    private static final LossOptions DEFAULTS = builder().build();

    private final boolean fromLogits;
    private final Reduction reduction;
    private final IgnoreClass ignoreClass;
    private final LossProfile profile;

    private LossOptions(Builder b) {
        this.fromLogits = b.fromLogits;
        this.reduction = b.reduction;
        this.ignoreClass = b.ignoreClass;
        this.profile = b.profile;
    }

    /** Keras's defaults. */
    public static LossOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from Keras's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder().fromLogits(fromLogits).reduction(reduction).ignoreClass(ignoreClass).profile(profile);
    }

    /** Whether {@code y_pred} holds logits (true) or probabilities (false, the default). */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** The reduction. */
    public Reduction reduction() {
        return reduction;
    }

    /** The ignored class, if any. */
    public IgnoreClass ignoreClass() {
        return ignoreClass;
    }

    /** The Keras profile. */
    public LossProfile profile() {
        return profile;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LossOptions)) {
            return false;
        }
        LossOptions x = (LossOptions) o;
        return fromLogits == x.fromLogits && reduction == x.reduction && ignoreClass.equals(x.ignoreClass)
                && profile == x.profile;
    }

    @Override
    public int hashCode() {
        return Objects.hash(fromLogits, reduction, ignoreClass, profile);
    }

    /** Keras-style: {@code from_logits=false, reduction=sum_over_batch_size, ignore_class=none, profile=keras3}. */
    @Override
    public String toString() {
        return "from_logits=" + fromLogits + ", reduction=" + reduction + ", ignore_class=" + ignoreClass
                + ", profile=" + profile;
    }

    /** Builds {@link LossOptions}; validates the combination in {@link #build()}. */
    public static final class Builder {
        private boolean fromLogits;
        private Reduction reduction = Reduction.SUM_OVER_BATCH_SIZE;
        private IgnoreClass ignoreClass = IgnoreClass.none();
        private LossProfile profile = LossProfile.KERAS3;

        private Builder() {
        }

        /** Whether {@code y_pred} holds logits. Default false. */
        public Builder fromLogits(boolean value) {
            this.fromLogits = value;
            return this;
        }

        /** The reduction. Default {@link Reduction#SUM_OVER_BATCH_SIZE}. */
        public Builder reduction(Reduction value) {
            this.reduction = Objects.requireNonNull(value, "reduction");
            return this;
        }

        /** The ignored class. Default none. */
        public Builder ignoreClass(IgnoreClass value) {
            this.ignoreClass = Objects.requireNonNull(value, "ignoreClass");
            return this;
        }

        /** Shorthand for {@code ignoreClass(IgnoreClass.of(label))}. */
        public Builder ignoreClass(long label) {
            return ignoreClass(IgnoreClass.of(label));
        }

        /** The Keras profile. Default {@link LossProfile#KERAS3}. */
        public Builder profile(LossProfile value) {
            this.profile = Objects.requireNonNull(value, "profile");
            return this;
        }

        /**
         * The options.
         *
         * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for {@code mean_with_sample_weight} with a
         *     Keras 2 profile, which Keras 2 does not have
         */
        public LossOptions build() {
            if (reduction == Reduction.MEAN_WITH_SAMPLE_WEIGHT && profile.isKeras2()) {
                throw InvalidInputException.invalidArgument("reduction mean_with_sample_weight does not exist in "
                        + profile + "; valid there: none, sum, sum_over_batch_size");
            }
            return new LossOptions(this);
        }
    }
}
