package io.scce4j.cli;

/**
 * Accumulates what {@code eval} reports over a whole set: the loss as Keras computes it on the set as one batch
 * (sum over all valid pixels / their count, not a mean of per-image means), pixel accuracy, and the confusion
 * matrix with Keras {@code MeanIoU} semantics (rows: true class, columns: predicted; ignored pixels left out).
 */
final class EvalMetrics {
    final int classes;
    final long[][] confusion;
    double lossSum;
    long valid;

    EvalMetrics(int classes) {
        this.classes = classes;
        this.confusion = new long[classes][classes];
    }

    void add(int trueClass, int predicted) {
        confusion[trueClass][predicted]++;
    }

    double meanLoss() {
        return valid == 0 ? 0 : lossSum / valid;
    }

    double pixelAccuracy() {
        long correct = 0;
        long all = 0;
        for (int c = 0; c < classes; c++) {
            correct += confusion[c][c];
            for (int p = 0; p < classes; p++) {
                all += confusion[c][p];
            }
        }
        return all == 0 ? 0 : (double) correct / all;
    }

    /** IoU of each class: TP / (TP + FP + FN); NaN where the class appears nowhere. */
    double[] iou() {
        double[] iou = new double[classes];
        for (int c = 0; c < classes; c++) {
            long tp = confusion[c][c];
            long row = 0;
            long col = 0;
            for (int k = 0; k < classes; k++) {
                row += confusion[c][k];
                col += confusion[k][c];
            }
            long denominator = row + col - tp;
            iou[c] = denominator == 0 ? Double.NaN : (double) tp / denominator;
        }
        return iou;
    }

    /** Keras MeanIoU: the mean over the classes whose denominator is not 0. */
    double meanIou() {
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
}
