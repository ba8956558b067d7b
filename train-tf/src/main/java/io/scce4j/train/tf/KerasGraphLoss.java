package io.scce4j.train.tf;

import io.scce4j.api.DType;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.keras.Clip;
import io.scce4j.keras.Precision;
import java.util.Arrays;
import java.util.Objects;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * Keras's {@code SparseCategoricalCrossentropy} as a TensorFlow Java graph loss, to train with: the ops Keras runs,
 * in Keras's order, so that a training step in TensorFlow Java gives Keras's loss and Keras's weights, to the bit.
 *
 * <pre>{@code
 * try (Graph g = new Graph(); Session s = new Session(g)) {
 *     Ops tf = Ops.create(g);
 *     Operand<TFloat32> probabilities = tf.nn.softmax(logits);                  // the model ends in a softmax
 *     Placeholder<TInt32> labels = tf.placeholder(TInt32.class);              // [N, H, W] or [N, H, W, 1]
 *     GraphLoss<TFloat32> loss = KerasGraphLoss.sparseCategoricalCrossentropy(tf, labels, probabilities,
 *             LossOptions.builder().ignoreClass(255).profile(LossProfile.KERAS2).build());
 *     Op train = new GradientDescent(g, 0.1f).minimize(loss.value());        // or g.addGradients(...)
 * }
 * }</pre>
 *
 * <p><b>Keras's logits rule.</b> When the output is a {@code Softmax} op, Keras (3 and tf_keras) reads the
 * softmax's input, the logits, and skips the clip, in {@code fit}, {@code evaluate}, {@code GradientTape} and
 * {@code tf.function}; this loss does the same ({@link LossInput#SOFTMAX_LOGITS}). Otherwise it follows
 * {@code fromLogits}: logits, or probabilities clipped to {@link Clip}'s bounds and logged. Two of Keras 3's own
 * paths hide the softmax, and this loss mirrors them: with {@code ignore_class}, Keras 3 zeroes ignored rows with
 * {@code where} before the loss sees them, and a float64 output is cast to float32 first; both then take the
 * clipped path. tf_keras reads the logits in both cases.
 *
 * <p><b>Shapes.</b> The output is {@code [..., C]} with a known {@code C}; labels are {@code [...]} or
 * {@code [..., 1]} (squeezed), of any integer or float type (truncated toward zero), and under the Keras 2
 * profiles of any shape with the same number of elements (tf_keras flattens them). The kernel accepts rank 2
 * only, so both are flattened to {@code [P, C]} and {@code [P]}, which changes no bit; the per-element losses are
 * reshaped back to {@code y_pred.shape[:-1]}. Sample weights follow the profile's rank rule, then broadcast
 * (per pixel {@code [N, H, W]}, per image {@code [N, 1, 1]}, a scalar). Precision follows {@link Precision}.
 *
 * <p><b>Gradient.</b> TensorFlow Java's gradient registry has none for {@code SparseSoftmaxCrossEntropyWithLogits};
 * the first call registers Python's, once per process ({@code Graph.addGradients}, every TensorFlow Java
 * optimizer). TensorFlow Java cannot register gradients on Windows: there the loss builds and evaluates, and
 * taking its gradient fails with TensorFlow's "No gradient defined" error.
 *
 * <p>Labels out of {@code [0, C)} (ignored ones aside) fail when the graph runs, with TensorFlow's
 * {@code Received a label value of 5 which is outside the valid range of [0, 5)}.
 */
public final class KerasGraphLoss {
    private KerasGraphLoss() {
    }

    /**
     * Keras's loss of a float32 output (the usual model): a float32 value under every profile.
     *
     * @param tf the graph's ops (names go under {@code sparse_categorical_crossentropy})
     * @param labels integer class ids, {@code [...]} or {@code [..., 1]}
     * @param output the model's output {@code [..., C]}: a softmax (its logits are used), probabilities or logits
     * @param options from_logits, reduction, ignore_class and profile, as Keras's loss object has them
     * @throws InvalidInputException for shapes Keras would refuse, or options this loss does not support
     */
    public static GraphLoss<TFloat32> sparseCategoricalCrossentropy(Ops tf, Operand<? extends TNumber> labels,
            Operand<TFloat32> output, LossOptions options) {
        return sparseCategoricalCrossentropy(tf, labels, output, null, options);
    }

    /**
     * Keras's loss of a float32 output with {@code sample_weight} as {@code fit(..., sample_weight=w)} passes it.
     *
     * @param sampleWeight the weights (any number type, cast as Keras casts them), or null
     * @see #sparseCategoricalCrossentropy(Ops, Operand, Operand, LossOptions)
     */
    @SuppressWarnings("unchecked")
    public static GraphLoss<TFloat32> sparseCategoricalCrossentropy(Ops tf, Operand<? extends TNumber> labels,
            Operand<TFloat32> output, Operand<? extends TNumber> sampleWeight, LossOptions options) {
        return (GraphLoss<TFloat32>) ofAnyFloat(tf, labels, output, sampleWeight, options); // float32 in, float32 out
    }

    /**
     * Keras's loss of a float32 or float64 output. The value is float32 under {@code keras3} (Keras 3 casts
     * {@code y_pred} first) and the output's type under the Keras 2 profiles ({@link Precision#valueType()}).
     *
     * @param sampleWeight the weights, or null
     * @see #sparseCategoricalCrossentropy(Ops, Operand, Operand, LossOptions)
     */
    public static GraphLoss<? extends TFloating> ofAnyFloat(Ops tf, Operand<? extends TNumber> labels,
            Operand<? extends TFloating> output, Operand<? extends TNumber> sampleWeight, LossOptions options) {
        Objects.requireNonNull(tf, "tf");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(options, "options");
        XentGradient.ensureRegistered();
        return new Builder(tf.withSubScope("sparse_categorical_crossentropy"), options).build(labels, output,
                sampleWeight);
    }

    /** Whether the xent gradient is registered in this process (false only where TensorFlow Java refuses). */
    public static boolean gradientAvailable() {
        XentGradient.ensureRegistered();
        return XentGradient.failure() == null;
    }

    /** One loss under construction: raw types, because the loss's float type is chosen at run time. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class Builder {
        private final Ops tf;
        private final LossOptions options;
        private final LossProfile profile;
        private final boolean ignore;

        Builder(Ops tf, LossOptions options) {
            this.tf = tf;
            this.options = options;
            this.profile = options.profile();
            this.ignore = options.ignoreClass().isSet();
        }

        GraphLoss<?> build(Operand<? extends TNumber> labels, Operand<? extends TFloating> output,
                Operand<? extends TNumber> sampleWeight) {
            DType outputType = floatType(output);
            if (profile == LossProfile.KERAS2_LEGACY && ignore) {
                throw InvalidInputException.invalidArgument("ignore_class does not exist in keras2-legacy (it came "
                        + "with Keras 2.10); use keras2 or keras3");
            }
            Precision precision = Precision.of(profile, outputType);
            Class lossType = type(precision.lossType());
            Shape outShape = output.shape();
            int rank = outShape.isUnknown() ? -1 : outShape.numDimensions();
            if (rank < 1 || outShape.size(rank - 1) < 0) {
                throw InvalidInputException.shapeMismatch("y_pred must have a known rank of at least 1 and a known "
                        + "number of classes (its last axis); got shape " + outShape);
            }
            long classes = outShape.size(rank - 1);
            // y_pred.shape[:-1], as a StridedSlice of its Shape: TensorFlow's shape inference reads that, so the
            // per-element losses keep a static shape (and every known dimension) for the weights' rank rules.
            Operand lossShape = tf.stridedSlice(tf.shape(output, TInt64.class), tf.constant(new long[] {0}),
                    tf.constant(new long[] {rank - 1}), tf.constant(new long[] {1}));

            // Keras 3's Loss.__call__ converts y_pred and y_true to the loss dtype (float32): a Cast, which hides a
            // softmax from the logits rule; tf_keras leaves y_pred as it is and casts labels to int64.
            Operand yPred = output;
            Operand softmaxInput = softmaxInput(output);
            if (profile == LossProfile.KERAS3 && outputType != precision.lossType()) {
                yPred = tf.dtypes.cast(output, lossType);
                softmaxInput = null;
            }
            Operand yTrue = profile == LossProfile.KERAS3 ? tf.dtypes.cast(labels, lossType) : labels;
            yTrue = alignLabels(yTrue, labels.shape(), outShape, lossShape);

            Operand valid = null; // in the per-element loss's shape
            if (ignore && profile == LossProfile.KERAS3) {
                // ops.where on y_true and on y_pred's rows: y_pred is no longer the softmax's output.
                valid = tf.math.notEqual(yTrue, scalar(lossType, options.ignoreClass().label()));
                yTrue = tf.select(valid, yTrue, scalar(lossType, 0));
                yPred = tf.select(tf.expandDims(valid, tf.constant(-1)), yPred, scalar(lossType, 0));
                softmaxInput = null;
            }
            LossInput input = softmaxInput != null ? LossInput.SOFTMAX_LOGITS
                    : options.fromLogits() ? LossInput.LOGITS : LossInput.CLIPPED_PROBABILITIES;
            Operand read = softmaxInput != null ? softmaxInput : yPred;
            Operand logits = read;
            if (input == LossInput.CLIPPED_PROBABILITIES) { // tf.clip_by_value is Minimum, then Maximum
                Operand hi = scalar(lossType, Clip.hi(precision.lossType()));
                Operand lo = scalar(lossType, Clip.lo(precision.lossType()));
                logits = tf.math.log(tf.math.maximum(tf.math.minimum(read, hi), lo));
            }
            Operand target = tf.dtypes.cast(yTrue, TInt64.class);
            if (ignore && profile != LossProfile.KERAS3) {
                // tf_keras gathers the valid rows (boolean_mask) and scatters their losses back; zeroing the
                // others instead gives the same values and gradients for every valid row.
                valid = tf.math.notEqual(target, tf.constant(options.ignoreClass().label()));
                target = tf.select(valid, target, tf.constant(0L));
                logits = tf.select(tf.expandDims(valid, tf.constant(-1)), logits, scalar(lossType, 0));
            }
            // The kernel takes rank 2, as Python's wrapper feeds it: [P, C] and [P].
            SparseSoftmaxCrossEntropyWithLogits xent = tf.nn.sparseSoftmaxCrossEntropyWithLogits(
                    tf.reshape(logits, tf.constant(new long[] {-1, classes})),
                    tf.reshape(target, tf.constant(new long[] {-1})));
            Operand res = tf.reshape(xent.loss(), lossShape);
            if (ignore) {
                res = tf.select(valid, res, scalar(lossType, 0));
            }
            Operand value = profile == LossProfile.KERAS3 ? keras3(res, valid, sampleWeight, lossType)
                    : keras2(res, valid, sampleWeight, precision);
            return new GraphLoss(tf.withName("value").identity(value), input, read);
        }

        /** Keras 3's squeeze of labels {@code [..., 1]}, and its rank check; tf_keras flattens other ranks. */
        private Operand alignLabels(Operand yTrue, Shape labelShape, Shape outShape, Operand lossShape) {
            int outRank = outShape.numDimensions();
            if (labelShape.isUnknown()) {
                throw InvalidInputException.shapeMismatch("labels must have a known rank; got shape " + labelShape);
            }
            long[] want = Arrays.copyOf(outShape.asArray(), outRank - 1);
            long[] got = labelShape.asArray();
            if (got.length == outRank && got[outRank - 1] == 1) {
                yTrue = tf.squeeze(yTrue, Squeeze.axis(-1L));
                got = Arrays.copyOf(got, outRank - 1);
            }
            if (got.length == want.length) {
                for (int i = 0; i < got.length; i++) {
                    if (got[i] >= 0 && want[i] >= 0 && got[i] != want[i]) {
                        throw InvalidInputException.shapeMismatch("Arguments `target` and `output` must have the "
                                + "same shape up until the last dimension: target.shape=" + labelShape
                                + ", output.shape=" + outShape);
                    }
                }
                return yTrue;
            }
            if (profile == LossProfile.KERAS3) {
                throw InvalidInputException.shapeMismatch("Argument `output` must have rank (ndim) `target.ndim - 1`. "
                        + "Received: target.shape=" + labelShape + ", output.shape=" + outShape
                        + " (keras3 does not flatten labels; keras2 does)");
            }
            long labelsSize = size(got);
            long outSize = size(want);
            if (labelsSize >= 0 && outSize >= 0 && labelsSize != outSize) {
                throw InvalidInputException.shapeMismatch("labels of shape " + labelShape + " have " + labelsSize
                        + " elements; y_pred " + outShape + " has " + outSize + " rows");
            }
            // tf_keras flattens labels and predictions alike; the labels in y_pred's leading shape are the same rows.
            return tf.reshape(yTrue, lossShape);
        }

        /**
         * Keras 3's {@code reduce_weighted_values}: {@code apply_mask} (valid elements weigh total / valid under
         * sum_over_batch_size), the weights' rank rule, the product, then the reduction.
         */
        private Operand keras3(Operand res, Operand valid, Operand<? extends TNumber> sampleWeight, Class type) {
            Reduction reduction = options.reduction();
            Operand sw = sampleWeight == null ? null : tf.dtypes.cast(sampleWeight, type);
            if (valid != null) {
                Operand mask = tf.dtypes.cast(valid, type);
                if (reduction == Reduction.SUM_OVER_BATCH_SIZE) {
                    Operand total = tf.dtypes.cast(tf.size(mask, TInt32.class), type);
                    mask = tf.math.mul(mask, tf.math.divNoNan(total, sumAll(mask)));
                }
                if (sw == null) {
                    sw = mask;
                } else {
                    Operand[] pair = WeightRanks.keras3(tf, mask, sw);
                    WeightRanks.checkBroadcast(pair[1].shape(), pair[0].shape(), sampleWeight);
                    sw = tf.math.mul(pair[1], pair[0]); // sample_weight *= mask
                }
            }
            Operand values = res;
            if (sw != null) {
                Operand[] pair = WeightRanks.keras3(tf, res, sw);
                WeightRanks.checkBroadcast(pair[1].shape(), pair[0].shape(), sampleWeight);
                values = tf.math.mul(pair[0], pair[1]);
                sw = pair[1];
            }
            if (reduction == Reduction.NONE) {
                return values;
            }
            Operand sum = sumAll(values);
            switch (reduction) {
                case SUM:
                    return sum;
                case MEAN_WITH_SAMPLE_WEIGHT:
                    return tf.math.divNoNan(sum, sw != null ? sumAll(sw) : count(values, type));
                default:
                    return tf.math.divNoNan(sum, count(values, type));
            }
        }

        /**
         * tf_keras's {@code apply_valid_mask} and {@code compute_weighted_loss}: weights default to 1.0, the rank
         * rule, the product, the reduction; keras2-legacy rounds the losses to float32 first.
         */
        private Operand keras2(Operand res, Operand valid, Operand<? extends TNumber> sampleWeight,
                Precision precision) {
            Reduction reduction = options.reduction();
            if (reduction == Reduction.MEAN_WITH_SAMPLE_WEIGHT) { // LossOptions refuses it; belt and braces
                throw InvalidInputException.invalidArgument("reduction mean_with_sample_weight does not exist in "
                        + profile);
            }
            Class type = type(precision.reductionType());
            boolean legacy = precision == Precision.FLOAT64_REDUCED_IN_FLOAT32;
            Operand losses = legacy ? tf.dtypes.cast(res, TFloat32.class) : res;
            Operand sw = sampleWeight == null ? null : tf.dtypes.cast(sampleWeight, type);
            if (valid != null) {
                Operand mask = tf.dtypes.cast(valid, type);
                if (reduction == Reduction.SUM_OVER_BATCH_SIZE) {
                    Operand total = tf.dtypes.cast(tf.size(mask, TInt32.class), type);
                    mask = tf.math.mul(mask, tf.math.realDiv(total, sumAll(mask)));
                }
                if (sw == null) {
                    sw = mask;
                } else {
                    sw = WeightRanks.keras2(tf, mask, sw);
                    WeightRanks.checkBroadcast(sw.shape(), mask.shape(), sampleWeight);
                    sw = tf.math.mul(sw, mask); // sample_weight *= mask
                }
            }
            if (sw == null) {
                sw = scalar(type, 1.0); // compute_weighted_loss: sample_weight = 1.0
            }
            sw = WeightRanks.keras2(tf, losses, sw);
            WeightRanks.checkBroadcast(sw.shape(), losses.shape(), sampleWeight);
            Operand values = tf.math.mul(losses, sw);
            Operand value = values;
            if (reduction != Reduction.NONE) {
                Operand sum = sumAll(values);
                value = reduction == Reduction.SUM ? sum : tf.math.divNoNan(sum, count(values, type)); // _safe_mean
            }
            return legacy ? tf.dtypes.cast(value, TFloat64.class) : value;
        }

        /** tf.reduce_sum over every axis: flattened first, which changes no bit (TensorFlow reduces it flat). */
        private Operand sumAll(Operand x) {
            return tf.sum(tf.reshape(x, tf.constant(new long[] {-1})), tf.constant(0));
        }

        private Operand count(Operand x, Class type) {
            return tf.dtypes.cast(tf.size(x, TInt32.class), type);
        }

        private Operand scalar(Class type, double v) {
            return type == TFloat64.class ? tf.constant(v) : tf.constant((float) v);
        }
    }

    /** The softmax's input when {@code output} is a graph {@code Softmax} op (Keras's {@code op.type} rule). */
    private static Operand<?> softmaxInput(Operand<?> output) {
        if (output.op() instanceof GraphOperation) {
            GraphOperation op = (GraphOperation) output.op();
            if ("Softmax".equals(op.type()) && op.numInputs() == 1) {
                return op.input(0);
            }
        }
        return null;
    }

    private static DType floatType(Operand<?> output) {
        if (output.type() == TFloat32.class) {
            return DType.FLOAT32;
        }
        if (output.type() == TFloat64.class) {
            return DType.FLOAT64;
        }
        throw InvalidInputException.invalidArgument("y_pred must be float32 or float64; got "
                + output.type().getSimpleName() + " (cast it first; a cast before the loss hides a softmax from "
                + "Keras's logits rule, as it does in Keras)");
    }

    private static Class<? extends TFloating> type(DType t) {
        return t == DType.FLOAT64 ? TFloat64.class : TFloat32.class;
    }

    private static long size(long[] dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                return -1;
            }
            n *= d;
        }
        return n;
    }
}
