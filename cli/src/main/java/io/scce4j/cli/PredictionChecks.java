package io.scce4j.cli;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.util.Locale;
import java.util.Optional;

/**
 * What the api cannot know about a prediction: whether it is laid out channels-first (the loss would then blame
 * {@code y_true}'s shape), and whether values given as probabilities look like probabilities (logits without
 * {@code --from-logits} give a number, just a wrong one).
 */
final class PredictionChecks {
    /** Rows whose sum is further from 1 are not a softmax's; float32 sums of 150 classes stay within 1e-5. */
    static final double ROW_SUM_TOLERANCE = 1e-3;

    private PredictionChecks() {
    }

    /**
     * Refuses a {@code y_pred} that fits {@code y_true} only with its classes moved from axis 1 ({@code [N, C, H,
     * W]}) or 0 ({@code [C, H, W]}) to the end, naming {@code y_pred} and the shape that would fit.
     *
     * @throws InvalidInputException ({@code SHAPE_MISMATCH}) for such a prediction
     */
    static void refuseChannelsFirst(Tensor labels, Tensor pred, String predName) {
        Shape l = labels.shape();
        Shape p = pred.shape();
        if (p.rank() < 3 || l.equals(p.withoutLast()) || l.equals(p.withoutLast().append(1))) {
            return;
        }
        int axis = p.rank() - 3;
        long[] moved = new long[p.rank()];
        for (int k = 0, j = 0; k < p.rank(); k++) {
            if (k != axis) {
                moved[j++] = p.dim(k);
            }
        }
        moved[p.rank() - 1] = p.dim(axis);
        Shape channelsLast = Shape.of(moved);
        if (l.equals(channelsLast.withoutLast()) || l.equals(channelsLast.withoutLast().append(1))) {
            throw InvalidInputException.shapeMismatch(predName + ": y_pred has shape " + p + ", which looks "
                    + "channels-first (" + (axis == 1 ? "[N, C, H, W]" : "[C, H, W]") + "); classes must be on the "
                    + "last axis: " + channelsLast + " would fit y_true " + l + " (NumPy: np.moveaxis(y_pred, "
                    + axis + ", -1))");
        }
    }

    /**
     * A one-line warning when {@code pred}, read as probabilities, has values outside [0, 1] or rows whose sum is
     * not about 1; empty when it looks like probabilities (NaN is left to the loss).
     */
    static Optional<String> probabilityWarning(Tensor pred, String predName) {
        if (pred.rank() == 0 || !pred.dtype().isFloating() || pred.size() == 0) {
            return Optional.empty();
        }
        int classes = (int) pred.shape().dim(-1);
        int rows = classes == 0 ? 0 : pred.size() / classes;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long offRows = 0;
        double firstOffSum = Double.NaN;
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double v = pred.getDouble(r * classes + c);
                if (!Double.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE && !Double.isNaN(sum)) {
                if (offRows++ == 0) {
                    firstOffSum = sum;
                }
            }
        }
        boolean outside = min < 0 || max > 1;
        if (!outside && offRows == 0) {
            return Optional.empty();
        }
        StringBuilder w = new StringBuilder(predName).append(": y_pred does not look like probabilities (");
        if (outside) {
            w.append(String.format(Locale.ROOT, "values from %.4g to %.4g, outside [0, 1]", min, max));
        }
        if (offRows > 0) {
            w.append(outside ? "; " : "").append(String.format(Locale.ROOT, "%d of %d rows do not sum to 1, the "
                    + "first to %.4g", offRows, rows, firstOffSum));
        }
        return Optional.of(w.append("); if it holds logits, add --from-logits").toString());
    }
}
