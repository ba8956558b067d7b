package io.scce4j.eval;

import io.scce4j.api.InvalidInputException;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Pixel counts by true and predicted class with Keras {@code MeanIoU} semantics (rows: true class, columns:
 * predicted; ignored pixels are left out before they get here), and what follows from them: pixel accuracy, IoU
 * per class, mean IoU. The counts are longs, so adding and {@linkplain #combine combining} are exact and every
 * split of a data set gives the same matrix and the same metrics, bit for bit. Not thread-safe.
 * <pre>{@code
 * ConfusionMatrix m = new ConfusionMatrix(4);
 * m.add(trueClass, predictedClass);
 * m.combine(matrixOfAnotherPart);
 * double miou = m.meanIou();
 * }</pre>
 */
public final class ConfusionMatrix implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int classes;
    private final long[][] counts;

    /** An empty matrix of {@code classes} x {@code classes}. */
    public ConfusionMatrix(int classes) {
        if (classes < 0) {
            throw new IllegalArgumentException("classes must be at least 0; got " + classes);
        }
        this.classes = classes;
        this.counts = new long[classes][classes];
    }

    /** The number of classes (rows and columns). */
    public int classes() {
        return classes;
    }

    /** Counts one pixel of class {@code trueClass} predicted as {@code predicted}. */
    public void add(int trueClass, int predicted) {
        counts[trueClass][predicted]++;
    }

    /**
     * Adds the counts of {@code other} to these.
     *
     * @return this matrix
     * @throws InvalidInputException ({@code SHAPE_MISMATCH}) when the numbers of classes differ
     */
    public ConfusionMatrix combine(ConfusionMatrix other) {
        if (other.classes != classes) {
            throw InvalidInputException.shapeMismatch("cannot combine a confusion matrix of " + classes
                    + " classes with one of " + other.classes);
        }
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                counts[t][p] += other.counts[t][p];
            }
        }
        return this;
    }

    /** The count of pixels of class {@code trueClass} predicted as {@code predicted}. */
    public long count(int trueClass, int predicted) {
        return counts[trueClass][predicted];
    }

    /** A copy of the counts, {@code [true class][predicted class]}. */
    public long[][] counts() {
        long[][] copy = new long[classes][];
        for (int t = 0; t < classes; t++) {
            copy[t] = counts[t].clone();
        }
        return copy;
    }

    /** The share of counted pixels predicted right; 0 when none was counted. */
    public double pixelAccuracy() {
        long correct = 0;
        long all = 0;
        for (int c = 0; c < classes; c++) {
            correct += counts[c][c];
            for (int p = 0; p < classes; p++) {
                all += counts[c][p];
            }
        }
        return all == 0 ? 0 : (double) correct / all;
    }

    /** IoU of each class: TP / (TP + FP + FN); NaN where the class appears nowhere. */
    public double[] iou() {
        double[] iou = new double[classes];
        for (int c = 0; c < classes; c++) {
            long tp = counts[c][c];
            long row = 0;
            long col = 0;
            for (int k = 0; k < classes; k++) {
                row += counts[c][k];
                col += counts[k][c];
            }
            long denominator = row + col - tp;
            iou[c] = denominator == 0 ? Double.NaN : (double) tp / denominator;
        }
        return iou;
    }

    /** Keras MeanIoU: the mean over the classes whose denominator is not 0; 0 when there is none. */
    public double meanIou() {
        double sum = 0;
        int n = 0;
        for (double v : iou()) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix && ((ConfusionMatrix) o).classes == classes
                && Arrays.deepEquals(((ConfusionMatrix) o).counts, counts);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(counts);
    }

    /** The counts, row by row. */
    @Override
    public String toString() {
        return Arrays.deepToString(counts);
    }
}
