package io.scce4j.keras;

import io.scce4j.api.DType;
import io.scce4j.api.IgnoreClass;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * One loss call, validated the way Keras validates it and resolved once: the labels as a primitive array with the
 * ignored elements marked, the form of the sample weights and their {@link Weighting}, the {@link Precision}, the
 * shape of the value and whether it is reduced. Every backend of this project consumes it, so that the same bad
 * input gives the same error everywhere and no backend re-derives a rule; third-party backends should too
 * ({@link io.scce4j.spi.ValidatedLoss} resolves it for them). Immutable.
 *
 * <pre>{@code
 * LossCall call = LossCall.resolve(options, yTrue, yPred, sampleWeight);   // throws InvalidInputException
 * Weighting w = call.weighting();
 * float sum = 0;
 * for (int i = 0; i < call.numElements(); i++) {
 *     float loss = call.isIgnored(i) ? 0f : myLoss(i, call.label(i));
 *     sum += (float) (loss * w.multiplier(i));
 * }
 * float value = (float) w.reduce(sum);
 * }</pre>
 */
public final class LossCall {

    /** The form of the sample weights. */
    public enum WeightKind {
        /** No sample weights. */
        NONE,
        /** One weight for every element. */
        SCALAR,
        /** One weight per element, in the elements' order (the loss shape, possibly with a trailing 1). */
        PER_ELEMENT,
        /**
         * A weight tensor that broadcasts to the loss shape (per image {@code [N, 1, 1]}, per column {@code [W]},
         * ...): {@link #weight(int)} reads each element's weight from it.
         */
        BROADCAST
    }

    /** The mark of an ignored element in {@link #labels}. */
    private static final int IGNORED = -1;

    private final LossOptions options;
    private final Tensor yPred;
    private final Tensor sampleWeight;
    private final WeightKind weightKind;
    private final double[] broadcastWeights;
    private final int[] labels;
    private final int numClasses;
    private final int numValid;
    private final Precision precision;
    private final Shape valueShape;
    private final boolean reduced;
    private final Weighting weighting;

    private LossCall(LossOptions options, Tensor yPred, Tensor sampleWeight, WeightLayout weights, int[] labels,
            int numValid, Shape valueShape, boolean reduced) {
        this.options = options;
        this.yPred = yPred;
        this.sampleWeight = sampleWeight;
        this.weightKind = weights.kind;
        this.broadcastWeights = weights.broadcast;
        this.labels = labels;
        this.numClasses = (int) yPred.shape().dim(-1);
        this.numValid = numValid;
        this.precision = Precision.of(options.profile(), yPred.dtype());
        this.valueShape = valueShape;
        this.reduced = reduced;
        this.weighting = new Weighting(this);
    }

    /**
     * Validates one call's inputs and resolves them, before any computation.
     *
     * @param sampleWeight may be null
     * @throws InvalidInputException {@code SHAPE_MISMATCH} when shapes do not fit, {@code INVALID_ARGUMENT} for
     *     dtypes or options, {@code LABEL_OUT_OF_RANGE} for a label outside {@code [0, C)} (or NaN) that is not
     *     the ignored class
     */
    public static LossCall resolve(LossOptions options, Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        Objects.requireNonNull(options, "options");
        if (yTrue == null || yPred == null) {
            throw InvalidInputException.invalidArgument((yTrue == null ? "y_true" : "y_pred") + " is null");
        }
        if (!yPred.dtype().isFloating()) {
            throw InvalidInputException.invalidArgument(
                    "y_pred has dtype " + yPred.dtype() + "; valid: float32, float64");
        }
        if (options.profile() == LossProfile.KERAS2_LEGACY && options.ignoreClass().isSet()) {
            throw InvalidInputException.invalidArgument(
                    "ignore_class does not exist in keras2-legacy (it came with Keras 2.10); use keras2 or keras3");
        }
        Shape predShape = yPred.shape();
        if (predShape.rank() < 1) {
            throw InvalidInputException.shapeMismatch("y_pred must have rank >= 1 (classes on the last axis); got "
                    + "shape " + predShape);
        }
        Shape lossShape = predShape.withoutLast();
        Tensor squeezed = squeezeLabels(yTrue, lossShape, predShape, options.profile());
        WeightLayout weights = WeightLayout.of(options.profile(), lossShape, sampleWeight);
        int[] labels = new int[squeezed.size()];
        int valid = resolveLabels(squeezed, options, (int) predShape.dim(-1), labels);

        boolean keras3 = options.profile() == LossProfile.KERAS3;
        Shape valuesShape = weights.valuesShape;
        boolean reduced;
        Shape valueShape;
        if (options.reduction() == Reduction.NONE) {
            reduced = false;
            valueShape = valuesShape;
        } else if (keras3 && (valuesShape.rank() == 0 || (valuesShape.rank() == 1 && valuesShape.dim(0) == 0))) {
            // Keras 3 returns a scalar or an empty rank-1 loss as it is, whatever the reduction.
            reduced = false;
            valueShape = valuesShape;
        } else {
            reduced = true;
            valueShape = Shape.scalar();
        }
        return new LossCall(options, yPred, sampleWeight, weights, labels, valid, valueShape, reduced);
    }

    /**
     * Labels of the loss shape, or with a trailing 1. Keras 2 also flattens labels of any other rank holding one
     * label per element ({@code [N*H*W]} for {@code y_pred [N, H, W, C]}); Keras 3 refuses them.
     */
    private static Tensor squeezeLabels(Tensor yTrue, Shape lossShape, Shape predShape, LossProfile profile) {
        Shape s = yTrue.shape();
        if (s.equals(lossShape)) {
            return yTrue;
        }
        if (s.equals(lossShape.append(1))
                || profile.isKeras2() && s.rank() != lossShape.rank() && s.size() == lossShape.size()) {
            return yTrue.reshape(lossShape);
        }
        throw InvalidInputException.shapeMismatch("y_true has shape " + s + " but y_pred has shape " + predShape
                + "; y_true must be " + lossShape + " or " + lossShape.append(1)
                + (profile.isKeras2() ? " (or, in " + profile + ", any other rank with " + lossShape.size()
                        + " labels)" : ""));
    }

    /** Fills {@code out} with each element's class or {@link #IGNORED}; returns how many are not ignored. */
    private static int resolveLabels(Tensor labels, LossOptions options, int numClasses, int[] out) {
        IgnoreClass ignore = options.ignoreClass();
        boolean keras3 = options.profile() == LossProfile.KERAS3;
        int valid = 0;
        if (labels.dtype().isFloating()) {
            for (int i = 0; i < out.length; i++) {
                double v = labels.getDouble(i);
                if (ignored(v, ignore, keras3)) {
                    out[i] = IGNORED;
                    continue;
                }
                if (!(v > -1.0 && v < numClasses)) { // truncation toward zero maps (-1, 0) to 0; NaN fails
                    throw InvalidInputException.labelOutOfRange(formatLabel(v), i, numClasses);
                }
                out[i] = (int) v; // Keras casts float labels to int64: toward zero
                valid++;
            }
        } else if (labels.dtype() == DType.INT32) { // the common case, read in bulk
            labels.intBuffer().get(0, out);
            for (int i = 0; i < out.length; i++) {
                int v = out[i];
                if (ignore.ignores(v)) {
                    out[i] = IGNORED;
                    continue;
                }
                if (v < 0 || v >= numClasses) {
                    throw InvalidInputException.labelOutOfRange(Integer.toString(v), i, numClasses);
                }
                valid++;
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                long v = labels.getLong(i);
                if (ignore.ignores(v)) {
                    out[i] = IGNORED;
                    continue;
                }
                if (v < 0 || v >= numClasses) {
                    throw InvalidInputException.labelOutOfRange(Long.toString(v), i, numClasses);
                }
                out[i] = (int) v;
                valid++;
            }
        }
        return valid;
    }

    private static boolean ignored(double v, IgnoreClass ignore, boolean keras3) {
        if (!ignore.isSet()) {
            return false;
        }
        // Keras 3 compares the float32 labels with float32(ignore_class); Keras 2 compares after the int64 cast.
        return keras3 ? (float) v == (float) ignore.label() : !Double.isNaN(v) && (long) v == ignore.label();
    }

    private static String formatLabel(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** The options of the call. */
    public LossOptions options() {
        return options;
    }

    /** The reduction of the call's options. */
    public Reduction reduction() {
        return options.reduction();
    }

    /** The predictions as given. */
    public Tensor yPred() {
        return yPred;
    }

    /**
     * The predictions in float32, as Keras computes a float32 loss from them: the tensor's own buffer for float32,
     * a rounded copy for float64 (Keras 3 casts {@code y_pred} to float32 before anything else).
     */
    public FloatBuffer floatPredictions() {
        if (yPred.dtype() == DType.FLOAT32) {
            return yPred.floatBuffer();
        }
        DoubleBuffer d = yPred.doubleBuffer();
        float[] f = new float[d.remaining()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) d.get(i);
        }
        return FloatBuffer.wrap(f).asReadOnlyBuffer();
    }

    /** The sample weights as given, or null. */
    public Tensor sampleWeight() {
        return sampleWeight;
    }

    /** The form of the sample weights. */
    public WeightKind weightKind() {
        return weightKind;
    }

    /** The sample weight of element {@code i}, broadcast as Keras broadcasts it (1 without weights). */
    public double weight(int i) {
        switch (weightKind) {
            case NONE: return 1.0;
            case SCALAR: return sampleWeight.getDouble(0);
            case BROADCAST: return broadcastWeights[i];
            default: return sampleWeight.getDouble(i);
        }
    }

    /** How each element's loss is weighted and how the weighted losses reduce to the value. */
    public Weighting weighting() {
        return weighting;
    }

    /** C, the size of the class axis. */
    public int numClasses() {
        return numClasses;
    }

    /** The number of elements (pixels): the product of {@code y_pred.shape[:-1]}. */
    public int numElements() {
        return labels.length;
    }

    /** The number of elements that are not ignored. */
    public int numValid() {
        return numValid;
    }

    /** Whether {@code ignore_class} is set at all. */
    public boolean hasIgnoredClass() {
        return options.ignoreClass().isSet();
    }

    /** Whether element {@code i} carries the ignored class. */
    public boolean isIgnored(int i) {
        return labels[i] == IGNORED;
    }

    /**
     * The class of element {@code i}, in {@code [0, C)} (float labels truncated toward zero, as Keras casts them);
     * 0 for an ignored element, as Keras feeds it to the kernel before zeroing its loss and gradient.
     */
    public int label(int i) {
        int y = labels[i];
        return y == IGNORED ? 0 : y;
    }

    /** The precision of each step, from the profile and the dtype of {@code y_pred}. */
    public Precision precision() {
        return precision;
    }

    /** The shape of the value: the per-element loss shape when not reduced, else a scalar. */
    public Shape valueShape() {
        return valueShape;
    }

    /**
     * Whether the value is reduced to a scalar. False for {@link Reduction#NONE}, and in Keras 3 also for a
     * rank-0 or empty rank-1 loss, which Keras 3 returns as it is.
     */
    public boolean isReduced() {
        return reduced;
    }
}
