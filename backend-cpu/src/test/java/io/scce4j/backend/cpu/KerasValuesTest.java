package io.scce4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Numbers Keras documents, at the tolerance Keras's own tests use (5e-4), and special values obtained by running
 * Keras (keras 3.15.1 and tf_keras 2.21.0 on TensorFlow 2.21.0, CPU) ahead of the generated conformance vectors.
 */
class KerasValuesTest {
    private static final CpuBackend CPU = new CpuBackend(1);
    private static final double KERAS_TEST_TOLERANCE = 5e-4;

    // keras/src/losses/losses_test.py, SparseCategoricalCrossentropyTest
    private static final Tensor Y = Tensor.ofInts(Shape.of(3), 0, 1, 2);
    private static final Tensor P = Tensor.ofFloats(Shape.of(3, 3), 0.9f, 0.05f, 0.05f, 0.5f, 0.89f, 0.6f, 0.05f,
            0.01f, 0.94f);
    private static final Tensor Z = Tensor.ofFloats(Shape.of(3, 3), 8, 1, 1, 0, 9, 1, 2, 3, 5);

    @AfterAll
    static void close() {
        CPU.close();
    }

    private static Tensor loss(LossOptions o, Tensor y, Tensor p, Tensor w) {
        return CPU.loss(o).compute(y, p, w);
    }

    private static LossOptions.Builder opts() {
        return LossOptions.builder();
    }

    @Test
    void unweightedMeanMatchesKerasTests() {
        assertEquals(0.3239, loss(opts().build(), Y, P, null).getFloat(0), KERAS_TEST_TOLERANCE);
        assertEquals(0.0573, loss(opts().fromLogits(true).build(), Y, Z, null).getFloat(0), KERAS_TEST_TOLERANCE);
    }

    @Test
    void scalarWeightedMeanMatchesKerasTests() {
        Tensor w = Tensor.scalar(2.3f);
        assertEquals(0.7449, loss(opts().build(), Y, P, w).getFloat(0), KERAS_TEST_TOLERANCE);
        assertEquals(0.1317, loss(opts().fromLogits(true).build(), Y, Z, w).getFloat(0), KERAS_TEST_TOLERANCE);
    }

    @Test
    void noReductionFromLogitsMatchesKerasTests() {
        Tensor none = loss(opts().fromLogits(true).reduction(Reduction.NONE).build(), Y, Z, null);
        assertEquals(0.001822, none.getFloat(0), KERAS_TEST_TOLERANCE);
        assertEquals(0.000459, none.getFloat(1), KERAS_TEST_TOLERANCE);
        assertEquals(0.169846, none.getFloat(2), KERAS_TEST_TOLERANCE);
    }

    // The docstring example of keras.losses.SparseCategoricalCrossentropy.
    @Test
    void docstringExampleMatchesForEveryReduction() {
        Tensor y = Tensor.ofInts(Shape.of(2), 1, 2);
        Tensor p = Tensor.ofFloats(Shape.of(2, 3), 0.05f, 0.95f, 0f, 0.1f, 0.8f, 0.1f);
        assertEquals(1.177, loss(opts().build(), y, p, null).getFloat(0), KERAS_TEST_TOLERANCE);
        assertEquals(0.814, loss(opts().build(), y, p, Tensor.ofFloats(Shape.of(2), 0.3f, 0.7f)).getFloat(0),
                KERAS_TEST_TOLERANCE);
        assertEquals(2.354, loss(opts().reduction(Reduction.SUM).build(), y, p, null).getFloat(0),
                KERAS_TEST_TOLERANCE);
        Tensor none = loss(opts().reduction(Reduction.NONE).build(), y, p, null);
        assertEquals(0.0513, none.getFloat(0), KERAS_TEST_TOLERANCE);
        assertEquals(2.303, none.getFloat(1), KERAS_TEST_TOLERANCE);
    }

    // Run through Keras: one-hot rows, exact and wrong, and an unnormalized row; label 1 everywhere.
    @Test
    void exactZerosAndOnesAreClippedAsKerasClipsThem() {
        Tensor y = Tensor.ofInts(Shape.of(3), 1, 1, 1);
        Tensor none = loss(opts().reduction(Reduction.NONE).build(), y,
                Tensor.ofFloats(Shape.of(3, 2), 0f, 1f, 1f, 0f, 0.3f, 0.3f), null);
        assertEquals(1.1920928244535389e-07, none.getFloat(0), 0.0);
        assertEquals(16.11809539794922, none.getFloat(1), 0.0);
        assertEquals(0.6931471824645996, none.getFloat(2), 0.0);
        Tensor keras2 = loss(opts().profile(LossProfile.KERAS2).reduction(Reduction.NONE).build(), y,
                Tensor.ofDoubles(Shape.of(3, 2), 0, 1, 1, 0, 0.3, 0.3), null);
        assertEquals(1.0000000505039327e-07, keras2.getDouble(0), 0.0);
        assertEquals(16.11809565095832, keras2.getDouble(1), 0.0);
        assertEquals(0.6931471805599453, keras2.getDouble(2), 0.0);
    }

    // Run through Keras: NaN propagates; an infinite probability clips to 1 - 1e-7; an infinite logit gives NaN.
    @Test
    void nanAndInfinityFollowKeras() {
        Tensor y = Tensor.ofInts(Shape.of(4), 1, 0, 1, 2);
        Tensor p = Tensor.ofFloats(Shape.of(4, 3), Float.NaN, 0.5f, 0.5f, 0.2f, Float.NaN, 0.8f,
                Float.POSITIVE_INFINITY, 0.5f, 0.5f, 0.5f, 0.5f, Float.POSITIVE_INFINITY);
        Tensor probs = loss(opts().reduction(Reduction.NONE).build(), y, p, null);
        assertEquals(Float.NaN, probs.getFloat(0));
        assertEquals(Float.NaN, probs.getFloat(1));
        assertEquals(1.3862942f, probs.getFloat(2), 0f);
        assertEquals(0.6931472f, probs.getFloat(3), 0f);
        Tensor logits = loss(opts().fromLogits(true).reduction(Reduction.NONE).build(), y, p, null);
        for (int i = 0; i < 4; i++) {
            assertEquals(Float.NaN, logits.getFloat(i), "element " + i);
        }
    }

    // Run through Keras: ignore_class with every element ignored.
    @Test
    void everyElementIgnoredGivesZeroInKeras3AndNanInKeras2() {
        Tensor y = Tensor.ofInts(Shape.of(2), 1, 1);
        Tensor p = Tensor.ofFloats(Shape.of(2, 2), 0.3f, 0.7f, 0.4f, 0.6f);
        assertEquals(0f, loss(opts().ignoreClass(1).build(), y, p, null).getFloat(0), 0f);
        assertEquals(Float.NaN, loss(opts().ignoreClass(1).profile(LossProfile.KERAS2).build(), y, p, null)
                .getFloat(0));
    }
}
