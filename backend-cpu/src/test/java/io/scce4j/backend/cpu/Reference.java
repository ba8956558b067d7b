package io.scce4j.backend.cpu;

import io.scce4j.api.LossOptions;
import io.scce4j.api.Reduction;

/**
 * The loss as a formula, in float64, written plainly for tests: per element
 * {@code log(sum_j clip(p_j)) - log(clip(p_y))} (probabilities) or {@code logsumexp(z) - z_y} (logits), weighted
 * by the sample weight, ignored elements left out, then reduced. Only for comparing against the backend at a
 * tolerance; Keras's exact bits come from Keras.
 */
final class Reference {
    private Reference() {
    }

    static double element(double[] row, int label, boolean fromLogits) {
        double[] z = new double[row.length];
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < row.length; c++) {
            z[c] = fromLogits ? row[c] : Math.log(Math.min(Math.max(row[c], 1e-7), 1 - 1e-7));
            m = Math.max(m, z[c]);
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - m);
        }
        return Math.log(s) + m - z[label];
    }

    /**
     * @param pred flat [elements * classes]
     * @param weights per element, or null
     * @return per-element weighted losses for NONE, else a one-element array
     */
    static double[] loss(LossOptions o, int[] labels, double[] pred, int classes, double[] weights) {
        int n = labels.length;
        double[] values = new double[n];
        double sum = 0;
        double weightSum = 0;
        int valid = 0;
        for (int i = 0; i < n; i++) {
            if (o.ignoreClass().ignores(labels[i])) {
                continue;
            }
            valid++;
            double[] row = new double[classes];
            System.arraycopy(pred, i * classes, row, 0, classes);
            double w = weights == null ? 1 : weights[i];
            values[i] = w * element(row, labels[i], o.fromLogits());
            sum += values[i];
            weightSum += w;
        }
        switch (o.reduction()) {
            case NONE:
                return values;
            case SUM:
                return new double[] {sum};
            case SUM_OVER_BATCH_SIZE: {
                int divisor = o.ignoreClass().isSet() ? valid : n;
                return new double[] {divisor == 0 ? 0 : sum / divisor};
            }
            default:
                return new double[] {weightSum == 0 ? 0 : sum / (weights == null && !o.ignoreClass().isSet()
                        ? n : weightSum)};
        }
    }

    static boolean isReduced(LossOptions o) {
        return o.reduction() != Reduction.NONE;
    }
}
