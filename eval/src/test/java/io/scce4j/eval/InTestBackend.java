package io.scce4j.eval;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Shape;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import java.util.Arrays;

/**
 * A small loss and predictor for the tests, so that eval's tests need no backend: the loss sums
 * {@code -log(max(p, 1e-7))} of the labelled class over the pixels not ignored, in float64 (so that per-image sums
 * have all 53 bits and their naive sum depends on its order); the predictor is the argmax, ties to the smaller
 * class.
 */
final class InTestBackend {
    private InTestBackend() {
    }

    static SparseCategoricalCrossentropy loss(LossOptions options) {
        return new SparseCategoricalCrossentropy() {
            @Override
            public LossOptions options() {
                return options;
            }

            @Override
            public Tensor compute(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
                int classes = (int) yPred.shape().dim(-1);
                double sum = 0;
                for (int i = 0; i < yTrue.size(); i++) {
                    long label = (long) yTrue.getDouble(i);
                    if (options.ignoreClass().ignores(label)) {
                        continue;
                    }
                    if (label < 0 || label >= classes) {
                        throw InvalidInputException.labelOutOfRange(Long.toString(label), i, classes);
                    }
                    sum -= Math.log(Math.max(yPred.getDouble(i * classes + (int) label), 1e-7));
                }
                return Tensor.scalar(sum); // Reduction.SUM, which the Evaluator requires
            }

            @Override
            public LossWithGradient computeWithGradient(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
                throw new UnsupportedOperationException("not needed by an evaluation");
            }
        };
    }

    static MaskPredictor predictor() {
        return yPred -> {
            long[] dims = yPred.shape().toArray();
            int classes = (int) dims[dims.length - 1];
            int[] mask = new int[yPred.size() / classes];
            for (int i = 0; i < mask.length; i++) {
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (yPred.getDouble(i * classes + c) > yPred.getDouble(i * classes + best)) {
                        best = c;
                    }
                }
                mask[i] = best;
            }
            return Tensor.ofInts(Shape.of(Arrays.copyOf(dims, dims.length - 1)), mask);
        };
    }
}
