package io.scce4j.cli;

import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;

/**
 * The embedded example batch, from a Keras forum post: a 3 x 3 image, 2 classes, probabilities as a
 * float64 NumPy array. Keras of that time printed the per-element losses 2.30258512 ... 0.01005034 and the mean
 * 0.6446548700332642.
 */
final class EmbeddedExample {
    static final Shape PRED_SHAPE = Shape.of(3, 3, 2);
    private static final double[] Y_PRED = {
        0.1, 0.9, 0.4, 0.6, 0.55, 0.45,
        0.3, 0.7, 0.2, 0.8, 0.05, 0.95,
        0.15, 0.85, 0.25, 0.75, 0.01, 0.99,
    };
    private static final int[] Y_TRUE = {0, 1, 1, 1, 1, 1, 1, 0, 1};

    private EmbeddedExample() {
    }

    static Tensor yTrue() {
        return Tensor.ofInts(PRED_SHAPE.withoutLast(), Y_TRUE);
    }

    static Tensor yPredFloat64() {
        return Tensor.ofDoubles(PRED_SHAPE, Y_PRED);
    }

    static Tensor yPredFloat32() {
        float[] f = new float[Y_PRED.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Y_PRED[i];
        }
        return Tensor.ofFloats(PRED_SHAPE, f);
    }
}
