package io.scce4j.keras;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;

/**
 * How a profile's Keras lines sample weights up with the per-element losses before multiplying them: first
 * each Keras's rank rule, then NumPy broadcasting.
 * <ul>
 *   <li>Keras 3 ({@code squeeze_or_expand_to_same_rank}): when the ranks differ by one and the longer shape ends
 *       in 1, that 1 is squeezed, except that a rank-1 partner is expanded instead;</li>
 *   <li>Keras 2 ({@code tf_keras} {@code squeeze_or_expand_dimensions}): a weight one rank above the loss loses its
 *       last axis (which must be 1), a weight one rank below gains a trailing 1; a scalar is left alone.</li>
 * </ul>
 * Per-image {@code [N, 1, 1]}, per-row {@code [1, H, 1]}, per-column {@code [W]} weights thus broadcast in both,
 * and {@code [N, H]} under Keras 2 (as {@code [N, H, 1]}). Weights that would broadcast the loss to more elements
 * than it has are refused: Keras would count every loss several times, which no segmentation use wants.
 */
final class WeightLayout {
    final Shape valuesShape;
    final LossCall.WeightKind kind;
    /** The weight of each value element, for {@link LossCall.WeightKind#BROADCAST}; else null. */
    final double[] broadcast;

    private WeightLayout(Shape valuesShape, LossCall.WeightKind kind, double[] broadcast) {
        this.valuesShape = valuesShape;
        this.kind = kind;
        this.broadcast = broadcast;
    }

    static WeightLayout of(LossProfile profile, Shape lossShape, Tensor sampleWeight) {
        if (sampleWeight == null) {
            return new WeightLayout(lossShape, LossCall.WeightKind.NONE, null);
        }
        Shape given = sampleWeight.shape();
        long[] loss = lossShape.toArray();
        long[] weight = given.toArray();
        if (profile == LossProfile.KERAS3) {
            long[][] pair = keras3(loss, weight);
            loss = pair[0];
            weight = pair[1];
        } else {
            weight = keras2(loss, weight, given, lossShape);
        }
        long[] values = broadcast(loss, weight, given, lossShape);
        Shape valuesShape = Shape.of(values);
        if (valuesShape.size() != lossShape.size()) {
            throw InvalidInputException.shapeMismatch("sample_weight of shape " + given + " would broadcast the loss "
                    + lossShape + " to " + valuesShape + ", counting each loss more than once; valid: weights that "
                    + "broadcast to " + lossShape);
        }
        if (given.rank() == 0) {
            return new WeightLayout(valuesShape, LossCall.WeightKind.SCALAR, null);
        }
        if (given.size() == valuesShape.size()) { // the same elements in the same order: no copy
            return new WeightLayout(valuesShape, LossCall.WeightKind.PER_ELEMENT, null);
        }
        return new WeightLayout(valuesShape, LossCall.WeightKind.BROADCAST, spread(sampleWeight, weight, values));
    }

    private static long[][] keras3(long[] x1, long[] x2) {
        int r1 = x1.length;
        int r2 = x2.length;
        if (r1 == r2 + 1 && x1[r1 - 1] == 1) {
            if (r2 == 1) {
                x2 = append(x2);
            } else {
                x1 = withoutLast(x1);
            }
        }
        if (r2 == r1 + 1 && x2[r2 - 1] == 1) {
            if (r1 == 1) {
                x1 = append(x1);
            } else {
                x2 = withoutLast(x2);
            }
        }
        return new long[][] {x1, x2};
    }

    private static long[] keras2(long[] loss, long[] weight, Shape given, Shape lossShape) {
        if (weight.length == 0) {
            return weight;
        }
        if (weight.length == loss.length + 1) {
            if (weight[weight.length - 1] != 1) {
                throw InvalidInputException.shapeMismatch("sample_weight has shape " + given + "; one rank above the "
                        + "loss " + lossShape + " its last axis must be 1 (Keras 2 squeezes it)");
            }
            return withoutLast(weight);
        }
        return loss.length == weight.length + 1 ? append(weight) : weight;
    }

    /** NumPy's broadcast of two shapes, aligned on their last axes. */
    private static long[] broadcast(long[] a, long[] b, Shape given, Shape lossShape) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int k = 1; k <= rank; k++) {
            long x = k <= a.length ? a[a.length - k] : 1;
            long y = k <= b.length ? b[b.length - k] : 1;
            if (x != y && x != 1 && y != 1) {
                throw InvalidInputException.shapeMismatch("sample_weight has shape " + given
                        + ", which does not broadcast to the loss shape " + lossShape + "; valid: [] (scalar), "
                        + lossShape + ", " + lossShape.append(1) + " or a shape that broadcasts to " + lossShape
                        + " (e.g. [N, 1, 1] per image)");
            }
            out[rank - k] = Math.max(x, y);
        }
        return out;
    }

    /** Each value element's weight: the weight tensor read with stride 0 along its broadcast axes. */
    private static double[] spread(Tensor sampleWeight, long[] weight, long[] values) {
        int rank = values.length;
        long[] strides = new long[rank];
        long stride = 1;
        for (int k = 1; k <= weight.length; k++) {
            long dim = weight[weight.length - k];
            strides[rank - k] = dim == 1 ? 0 : stride;
            stride *= dim;
        }
        int n = Shape.of(values).size();
        double[] out = new double[n];
        long[] index = new long[rank];
        long at = 0;
        for (int i = 0; i < n; i++) {
            out[i] = sampleWeight.getDouble((int) at);
            for (int k = rank - 1; k >= 0; k--) { // odometer over the values' shape
                index[k]++;
                at += strides[k];
                if (index[k] < values[k]) {
                    break;
                }
                at -= strides[k] * index[k];
                index[k] = 0;
            }
        }
        return out;
    }

    private static long[] append(long[] dims) {
        long[] out = java.util.Arrays.copyOf(dims, dims.length + 1);
        out[dims.length] = 1;
        return out;
    }

    private static long[] withoutLast(long[] dims) {
        return java.util.Arrays.copyOf(dims, dims.length - 1);
    }
}
