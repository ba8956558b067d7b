package io.scce4j.backend.tf;

import io.scce4j.api.DType;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.keras.Clip;
import io.scce4j.keras.LossCall;
import io.scce4j.keras.Precision;
import java.util.Objects;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TNumber;

/**
 * One loss configuration as a TensorFlow graph, built from the ops Keras runs, in Keras's order:
 * {@code Minimum}/{@code Maximum} (tf.clip_by_value), {@code Log}, {@code SparseSoftmaxCrossEntropyWithLogits},
 * {@code Select} for ignored elements, Keras 3's {@code apply_mask}/{@code reduce_values} or Keras 2's
 * {@code apply_valid_mask}/{@code compute_weighted_loss}. The gradient is written out as TensorFlow's autodiff
 * writes it (the xent op's own backprop output, {@code Reciprocal} for the log, masks for the clip), because
 * TensorFlow Java registers no gradient for the xent op.
 *
 * <p>Inputs are flattened: predictions {@code [P, C]}, labels {@code [P]}, weights {@code [P]} or a scalar.
 * TensorFlow reduces over all axes in one flat pass, so flattening changes no bit.
 */
final class LossGraph implements AutoCloseable {
    static final String Y_PRED = "y_pred";
    static final String LABELS = "labels";
    static final String VALID = "valid";
    static final String WEIGHTS = "weights";
    /** The sample weights as given, before broadcasting: what Keras 3 sums for mean_with_sample_weight. */
    static final String GIVEN_WEIGHTS = "given_weights";
    static final String VALUE = "value";
    static final String GRADIENT = "gradient";

    /** What a graph depends on; one graph per distinct key. */
    static final class Key {
        final LossProfile profile;
        final boolean fromLogits;
        final Reduction reduction;
        final boolean ignore;
        final LossCall.WeightKind weights;
        final Precision precision;
        final DType lossType;
        final boolean reduced;
        final boolean gradient;

        Key(LossCall in, boolean gradient) {
            this.profile = in.options().profile();
            this.fromLogits = in.options().fromLogits();
            this.reduction = in.options().reduction();
            this.ignore = in.options().ignoreClass().isSet();
            this.weights = in.weightKind();
            this.precision = in.precision();
            this.lossType = precision.lossType();
            this.reduced = in.isReduced();
            this.gradient = gradient;
        }

        /** Keras 3 divides mean_with_sample_weight by the sum of an unmasked weight tensor before it broadcasts. */
        boolean needsGivenWeights() {
            return profile == LossProfile.KERAS3 && reduction == Reduction.MEAN_WITH_SAMPLE_WEIGHT && !ignore
                    && weights == LossCall.WeightKind.BROADCAST;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return profile == k.profile && fromLogits == k.fromLogits && reduction == k.reduction
                    && ignore == k.ignore && weights == k.weights && precision == k.precision && reduced == k.reduced
                    && gradient == k.gradient;
        }

        @Override
        public int hashCode() {
            return Objects.hash(profile, fromLogits, reduction, ignore, weights, precision, reduced, gradient);
        }
    }

    final Key key;
    private final Graph graph;
    final Session session;

    LossGraph(Key key, ConfigProto config) {
        this.key = key;
        this.graph = new Graph();
        try {
            build(Ops.create(graph), key);
            this.session = new Session(graph, config);
        } catch (RuntimeException e) {
            graph.close();
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends TNumber> Class<T> type(DType t) {
        return (Class<T>) (t == DType.FLOAT64 ? TFloat64.class : TFloat32.class);
    }

    private static <T extends TNumber> void build(Ops tf, Key key) {
        Class<T> lossType = type(key.lossType);
        Placeholder<T> yPred = tf.withName(Y_PRED).placeholder(lossType);
        Placeholder<TInt64> labels = tf.withName(LABELS).placeholder(TInt64.class);
        Placeholder<TBool> valid = key.ignore ? tf.withName(VALID).placeholder(TBool.class) : null;

        // Forward: tf.clip_by_value is Minimum then Maximum, between Keras's bounds in the loss's dtype.
        Operand<T> lo = constant(tf, key.lossType, Clip.lo(key.lossType));
        Operand<T> hi = constant(tf, key.lossType, Clip.hi(key.lossType));
        Operand<T> clippedMin = key.fromLogits ? null : tf.math.minimum(yPred, hi);
        Operand<T> clipped = key.fromLogits ? null : tf.math.maximum(clippedMin, lo);
        Operand<T> logits = key.fromLogits ? yPred : tf.math.log(clipped);
        SparseSoftmaxCrossEntropyWithLogits<T> xent = tf.nn.sparseSoftmaxCrossEntropyWithLogits(logits, labels);
        Operand<T> res = xent.loss();
        if (key.ignore) {
            res = tf.select(valid, res, tf.zerosLike(res)); // ops.where(valid_mask, res, 0.0)
        }

        // Weighting and reduction, in the reduction's dtype.
        Weighting<?> w = key.profile == LossProfile.KERAS3 ? keras3(tf, key, res, valid)
                : keras2(tf, key, res, valid);
        tf.withName(VALUE).identity(w.value);

        if (key.gradient) {
            Operand<T> upstream = w.upstream(tf, lossType);
            if (key.ignore) {
                upstream = tf.select(valid, upstream, tf.zerosLike(upstream));
            }
            Operand<T> dLogits = tf.math.mul(tf.expandDims(upstream, tf.constant(-1)), xent.backprop());
            Operand<T> dPred = dLogits;
            if (!key.fromLogits) {
                // Log's gradient: grad * reciprocal(x). Eigen's vectorized reciprocal is an approximation refined
                // by a Newton step, and it differs between this native build and the Python wheel Keras runs:
                // the one place where tf's bits can differ from Keras's (see the README).
                Operand<T> dClipped = tf.math.mul(dLogits, tf.math.reciprocal(clipped));
                Operand<T> zeros = tf.zerosLike(dClipped);
                Operand<T> dMin = tf.select(tf.math.greaterEqual(clippedMin, lo), dClipped, zeros);
                dPred = tf.select(tf.math.lessEqual(yPred, hi), dMin, zeros);
            }
            if (key.ignore) { // ops.where on ignored rows of y_pred (Keras 3), boolean_mask (Keras 2): no gradient
                Operand<TBool> rows = tf.broadcastTo(tf.expandDims(valid, tf.constant(-1)), tf.shape(dPred));
                dPred = tf.select(rows, dPred, tf.zerosLike(dPred));
            }
            tf.withName(GRADIENT).identity(dPred);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends TNumber> Operand<T> constant(Ops tf, DType type, double v) {
        return (Operand<T>) (type == DType.FLOAT64 ? tf.constant(v) : tf.constant((float) v));
    }

    /** The value, and what the upstream gradient of each per-element loss is made of. */
    private static final class Weighting<R extends TNumber> {
        Operand<R> value;
        Operand<R> weights;       // multiplies the per-element losses, or null
        Operand<R> scale;         // d value / d sum(values): scalar, or null for 1
        Operand<?> losses;        // the per-element losses as weighted (for the shape)
        boolean castBack;         // keras2-legacy: values in float32, losses in float64

        <T extends TNumber> Operand<T> upstream(Ops tf, Class<T> lossType) {
            Operand<R> ones = tf.onesLike(castFromLosses());
            Operand<R> g = scale == null ? ones : tf.math.mul(ones, scale); // Sum's gradient broadcasts the scale
            if (weights != null) {
                g = tf.math.mul(g, weights); // Mul's gradient: grad * y
            }
            return castBack ? tf.dtypes.cast(g, lossType) : (Operand<T>) (Operand<?>) g;
        }

        @SuppressWarnings("unchecked")
        private Operand<R> castFromLosses() {
            return (Operand<R>) losses;
        }
    }

    private static <T extends TNumber> Weighting<T> keras3(Ops tf, Key key, Operand<T> res, Operand<TBool> valid) {
        Class<T> type = type(key.lossType);
        Weighting<T> w = new Weighting<>();
        Operand<T> sw = key.weights == LossCall.WeightKind.NONE ? null
                : tf.withName(WEIGHTS).placeholder(type);
        if (key.ignore) { // apply_mask
            Operand<T> mask = tf.dtypes.cast(valid, type);
            if (key.reduction == Reduction.SUM_OVER_BATCH_SIZE) {
                Operand<T> total = tf.dtypes.cast(tf.size(mask, TInt32.class), type);
                Operand<T> count = tf.sum(mask, tf.constant(new int[] {0}));
                mask = tf.math.mul(mask, tf.math.divNoNan(total, count));
            }
            sw = sw == null ? mask : tf.math.mul(sw, mask);
        }
        Operand<T> values = sw == null ? res : tf.math.mul(res, sw);
        w.weights = sw;
        w.losses = res;
        if (!key.reduced) {
            w.value = values;
            return w;
        }
        Operand<T> sum = tf.sum(values, tf.constant(new int[] {0}));
        switch (key.reduction) {
            case SUM:
                w.value = sum;
                break;
            case MEAN_WITH_SAMPLE_WEIGHT: {
                Operand<T> divisor = key.needsGivenWeights() ? sumAll(tf, tf.withName(GIVEN_WEIGHTS).placeholder(type))
                        : sw != null ? sumAll(tf, sw) : tf.dtypes.cast(tf.size(values, TInt32.class), type);
                w.value = tf.math.divNoNan(sum, divisor);
                w.scale = tf.math.divNoNan(tf.onesLike(sum), divisor);
                break;
            }
            default: {
                Operand<T> n = tf.dtypes.cast(tf.size(values, TInt32.class), type);
                w.value = tf.math.divNoNan(sum, n); // loss / num_elements; 0 for no elements
                w.scale = tf.math.divNoNan(tf.onesLike(sum), n);
            }
        }
        return w;
    }

    private static <T extends TNumber> Operand<T> sumAll(Ops tf, Operand<T> x) {
        return tf.sum(tf.reshape(x, tf.constant(new int[] {-1})), tf.constant(new int[] {0}));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T extends TNumber> Weighting<?> keras2(Ops tf, Key key, Operand<T> res64, Operand<TBool> valid) {
        boolean legacy = key.precision == Precision.FLOAT64_REDUCED_IN_FLOAT32;
        Class reduceType = type(key.precision.reductionType());
        Weighting w = new Weighting<>();
        w.castBack = legacy;
        Operand res = legacy ? tf.dtypes.cast(res64, TFloat32.class) : res64; // compute_weighted_loss's cast
        Operand sw = key.weights == LossCall.WeightKind.NONE ? null : tf.withName(WEIGHTS).placeholder(reduceType);
        if (key.ignore) { // apply_valid_mask, then apply_mask
            Operand mask = tf.dtypes.cast(valid, reduceType);
            if (key.reduction == Reduction.SUM_OVER_BATCH_SIZE) {
                Operand total = tf.dtypes.cast(tf.size(mask, TInt32.class), reduceType);
                Operand count = tf.sum(mask, tf.constant(new int[] {0}));
                mask = tf.math.mul(mask, tf.math.realDiv(total, count));
            }
            sw = sw == null ? mask : tf.math.mul(sw, mask);
        }
        if (sw == null) {
            sw = tf.dtypes.cast(tf.constant(1.0f), reduceType); // compute_weighted_loss: sample_weight = 1.0
        }
        Operand values = tf.math.mul(res, sw);
        w.weights = sw;
        w.losses = res;
        Operand value;
        if (!key.reduced) {
            value = values;
        } else {
            Operand sum = tf.sum(values, tf.constant(new int[] {0}));
            if (key.reduction == Reduction.SUM) {
                value = sum;
            } else {
                Operand n = tf.dtypes.cast(tf.size(values, TInt32.class), reduceType);
                value = tf.math.divNoNan(sum, n); // _safe_mean
                w.scale = tf.math.divNoNan(tf.onesLike(sum), n);
            }
        }
        w.value = legacy ? tf.dtypes.cast(value, TFloat64.class) : value;
        return w;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
