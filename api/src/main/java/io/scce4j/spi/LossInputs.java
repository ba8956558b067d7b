package io.scce4j.spi;

import io.scce4j.api.DType;
import io.scce4j.api.IgnoreClass;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.util.Objects;

/**
 * The inputs of one loss call, validated the way Keras validates them, and what follows from them: the number
 * of classes and elements, which elements are ignored, the shapes and dtypes of the result. Every backend of
 * this project validates through this class, so that the same bad input gives the same error everywhere;
 * third-party backends should too.
 *
 * <pre>{@code
 * LossInputs in = LossInputs.validate(options, yTrue, yPred, sampleWeight);  // throws InvalidInputException
 * for (int i = 0; i < in.numElements(); i++) {
 *     if (in.isIgnored(i)) continue;
 *     int label = in.label(i);   // in [0, numClasses())
 * }
 * }</pre>
 */
public final class LossInputs {

    /** The form of the sample weights. */
    public enum WeightKind {
        /** No sample weights. */
        NONE,
        /** One weight for every element. */
        SCALAR,
        /** One weight per element (the loss shape, possibly with a trailing 1). */
        PER_ELEMENT
    }

    private final LossOptions options;
    private final Tensor yTrue;
    private final Tensor yPred;
    private final Tensor sampleWeight;
    private final WeightKind weightKind;
    private final int numClasses;
    private final int numElements;
    private final int numValid;
    private final Shape valueShape;
    private final boolean reduced;

    private LossInputs(LossOptions options, Tensor yTrue, Tensor yPred, Tensor sampleWeight, WeightKind weightKind,
            int numValid, Shape valueShape, boolean reduced) {
        this.options = options;
        this.yTrue = yTrue;
        this.yPred = yPred;
        this.sampleWeight = sampleWeight;
        this.weightKind = weightKind;
        this.numClasses = (int) yPred.shape().dim(-1);
        this.numElements = yTrue.size();
        this.numValid = numValid;
        this.valueShape = valueShape;
        this.reduced = reduced;
    }

    /**
     * Validates one call's inputs before any computation.
     *
     * @param sampleWeight may be null
     * @throws InvalidInputException {@code SHAPE_MISMATCH} when shapes do not fit, {@code INVALID_ARGUMENT} for
     *     dtypes or options, {@code LABEL_OUT_OF_RANGE} for a label outside {@code [0, C)} (or NaN) that is not
     *     the ignored class
     */
    public static LossInputs validate(LossOptions options, Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
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
        Tensor labels = squeezeLabels(yTrue, lossShape, predShape);
        WeightKind kind = weightKind(sampleWeight, lossShape);
        int valid = checkLabels(labels, options, (int) predShape.dim(-1));

        boolean keras3 = options.profile() == LossProfile.KERAS3;
        // Keras 3 expands a rank-1 loss to [N, 1] to meet a [N, 1] weight (squeeze_or_expand_to_same_rank).
        Shape valuesShape = keras3 && kind == WeightKind.PER_ELEMENT && lossShape.rank() == 1
                && sampleWeight.rank() == 2 ? sampleWeight.shape() : lossShape;
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
        return new LossInputs(options, labels, yPred, sampleWeight, kind, valid, valueShape, reduced);
    }

    private static Tensor squeezeLabels(Tensor yTrue, Shape lossShape, Shape predShape) {
        Shape s = yTrue.shape();
        if (s.equals(lossShape)) {
            return yTrue;
        }
        if (s.equals(lossShape.append(1))) {
            return yTrue.reshape(lossShape);
        }
        throw InvalidInputException.shapeMismatch("y_true has shape " + s + " but y_pred has shape " + predShape
                + "; y_true must be " + lossShape + " or " + lossShape.append(1));
    }

    private static WeightKind weightKind(Tensor sampleWeight, Shape lossShape) {
        if (sampleWeight == null) {
            return WeightKind.NONE;
        }
        Shape s = sampleWeight.shape();
        if (s.rank() == 0) {
            return WeightKind.SCALAR;
        }
        if (s.equals(lossShape) || s.equals(lossShape.append(1))) {
            return WeightKind.PER_ELEMENT;
        }
        throw InvalidInputException.shapeMismatch("sample_weight has shape " + s
                + "; valid: [] (scalar), " + lossShape + " or " + lossShape.append(1));
    }

    private static int checkLabels(Tensor labels, LossOptions options, int numClasses) {
        IgnoreClass ignore = options.ignoreClass();
        boolean floating = labels.dtype().isFloating();
        boolean keras3 = options.profile() == LossProfile.KERAS3;
        int valid = 0;
        for (int i = 0, n = labels.size(); i < n; i++) {
            if (floating) {
                double v = labels.getDouble(i);
                if (ignored(v, ignore, keras3)) {
                    continue;
                }
                if (!(v > -1.0 && v < numClasses)) { // truncation toward zero maps (-1, 0) to 0; NaN fails
                    throw InvalidInputException.labelOutOfRange(formatLabel(v), i, numClasses);
                }
            } else {
                long v = labels.getLong(i);
                if (ignore.ignores(v)) {
                    continue;
                }
                if (v < 0 || v >= numClasses) {
                    throw InvalidInputException.labelOutOfRange(Long.toString(v), i, numClasses);
                }
            }
            valid++;
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

    /** The labels, with a trailing 1 squeezed away: shape {@code y_pred.shape[:-1]}. */
    public Tensor yTrue() {
        return yTrue;
    }

    /** The predictions as given. */
    public Tensor yPred() {
        return yPred;
    }

    /** The sample weights as given, or null. */
    public Tensor sampleWeight() {
        return sampleWeight;
    }

    /** The form of the sample weights. */
    public WeightKind weightKind() {
        return weightKind;
    }

    /** The weight of element {@code i} as given (1 without weights). */
    public double weight(int i) {
        switch (weightKind) {
            case NONE: return 1.0;
            case SCALAR: return sampleWeight.getDouble(0);
            default: return sampleWeight.getDouble(i);
        }
    }

    /** C, the size of the class axis. */
    public int numClasses() {
        return numClasses;
    }

    /** The number of elements (pixels): the product of {@code y_pred.shape[:-1]}. */
    public int numElements() {
        return numElements;
    }

    /** The number of elements that are not ignored. */
    public int numValid() {
        return numValid;
    }

    /** Whether element {@code i} carries the ignored class. */
    public boolean isIgnored(int i) {
        IgnoreClass ignore = options.ignoreClass();
        if (!ignore.isSet()) {
            return false;
        }
        return yTrue.dtype().isFloating()
                ? ignored(yTrue.getDouble(i), ignore, options.profile() == LossProfile.KERAS3)
                : ignore.ignores(yTrue.getLong(i));
    }

    /** The label of a non-ignored element, in {@code [0, C)} (float labels truncated toward zero, as Keras). */
    public int label(int i) {
        return yTrue.dtype().isFloating() ? (int) yTrue.getDouble(i) : (int) yTrue.getLong(i);
    }

    /** The dtype the per-element losses are computed in: float32 for Keras 3, the input's for Keras 2. */
    public DType computeDType() {
        return options.profile() == LossProfile.KERAS3 ? DType.FLOAT32 : yPred.dtype();
    }

    /** The dtype of the value: float32 for Keras 3, the input's for Keras 2. */
    public DType valueDType() {
        return computeDType();
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
