package io.scce4j.keras;

import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;

/**
 * Keras's weighting and reduction of the per-element losses of one {@link LossCall}: each element's multiplier
 * is its sample weight times the ignore mask, where a valid element of a mean weighs {@code T / V} (T elements,
 * V valid) and an ignored one 0 (Keras 3 {@code apply_mask}, Keras 2 {@code apply_valid_mask}); the divisor of
 * the reduction; and the upstream gradient of each element's loss. Every product rounds to the call's
 * {@link Precision#reductionType()}, as TensorFlow's ops do.
 *
 * <pre>{@code
 * Weighting w = call.weighting();
 * float[] weighted = new float[n];
 * for (int i = 0; i < n; i++) weighted[i] = (float) (loss[i] * w.multiplier(i));
 * float value = (float) w.reduce(PacketTreeSum.sum(weighted, 0, n));
 * }</pre>
 */
public final class Weighting {
    private final LossCall call;
    private final boolean single;
    private final boolean masked;
    private final double validWeight;
    private final double divisor;

    Weighting(LossCall call) {
        this.call = call;
        this.single = call.precision().reducesInFloat32();
        Reduction r = call.reduction();
        boolean keras3 = call.options().profile() == LossProfile.KERAS3;
        int total = call.numElements();
        int valid = call.numValid();
        this.masked = call.hasIgnoredClass();
        if (masked && r == Reduction.SUM_OVER_BATCH_SIZE) {
            // Keras 3 uses divide_no_nan (0 when all are ignored); Keras 2 divides (inf, and 0 * inf = NaN).
            if (keras3 && valid == 0) {
                this.validWeight = 0.0;
            } else {
                this.validWeight = single ? (float) total / (float) valid : (double) total / valid;
            }
        } else {
            this.validWeight = 1.0;
        }
        this.divisor = divisor(r, total);
    }

    private double round(double v) {
        return single ? (float) v : v;
    }

    /** The multiplier of element {@code i}'s loss: {@code sample_weight * mask}. */
    public double multiplier(int i) {
        double sw = round(call.weight(i));
        if (!masked) {
            return sw;
        }
        double mask = (call.isIgnored(i) ? 0.0 : 1.0) * validWeight;
        return round(sw * mask);
    }

    /** What the sum of the weighted losses is divided by; 1 for sum and none. 0 means the result is 0. */
    public double divisor() {
        return divisor;
    }

    private double divisor(Reduction r, int total) {
        switch (r) {
            case SUM_OVER_BATCH_SIZE:
                return round(total);
            case MEAN_WITH_SAMPLE_WEIGHT:
                return round(mergedWeightSum(total));
            default:
                return 1.0;
        }
    }

    // Keras 3 divides by the sum of the merged weight tensor as it is: a scalar weight without a mask is one
    // element, a weight that broadcasts is summed before broadcasting; without any weight it divides by the
    // element count. Only Keras 3 has this reduction, and Keras 3 sums in float32.
    private double mergedWeightSum(int total) {
        LossCall.WeightKind kind = call.weightKind();
        if (!masked && kind == LossCall.WeightKind.NONE) {
            return total;
        }
        if (!masked && kind == LossCall.WeightKind.SCALAR) {
            return round(call.weight(0));
        }
        if (!masked && kind == LossCall.WeightKind.BROADCAST) { // the weight tensor as given, not broadcast
            float[] given = new float[call.sampleWeight().size()];
            for (int i = 0; i < given.length; i++) {
                given[i] = (float) call.sampleWeight().getDouble(i);
            }
            return PacketTreeSum.sum(given, 0, given.length);
        }
        if (single) { // tf.reduce_sum of the float32 weights
            float[] w = new float[total];
            for (int i = 0; i < total; i++) {
                w[i] = (float) multiplier(i);
            }
            return PacketTreeSum.sum(w, 0, total);
        }
        double sum = 0.0;
        for (int i = 0; i < total; i++) {
            sum += multiplier(i);
        }
        return sum;
    }

    /** The reduced value from the sum of the weighted losses. */
    public double reduce(double sum) {
        double s = round(sum);
        if (divisor == 1.0) {
            return s;
        }
        return divisor == 0.0 ? 0.0 : round(s / divisor); // divide_no_nan
    }

    /** d(reduced value)/d(loss_i): the multiplier times d(value)/d(sum). */
    public double upstream(int i) {
        double scale = divisor == 1.0 ? 1.0 : divisor == 0.0 ? 0.0 : round(1.0 / divisor);
        return round(scale * multiplier(i));
    }
}
