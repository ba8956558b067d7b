package io.scce4j.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Reduction;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import io.scce4j.conformance.CaseKind;
import io.scce4j.conformance.CaseLoader;
import io.scce4j.conformance.TestCase;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J loss on the conformance kit's vectors it can take: reduced losses and their gradients of float32
 * predictions (as rows [P, C] with the identity activation, so the given tensor is read as Keras reads it), labels
 * of any shape, per-element or scalar weights as DL4J's mask, every profile rule for ignore_class. Values as DL4J
 * reports them (the row sum divided by the rows), gradients divided by the rows as DL4J's updater does.
 */
class KerasLossVectorsDl4jTest {
    /** Float32 in Java's exp and log against TensorFlow's polynomials. */
    private static final Tolerance VALUE = Tolerance.of(1e-6, 2e-6);

    static Stream<TestCase> cases() {
        return CaseLoader.bundled().stream()
                .filter(c -> c.kind() != CaseKind.PREDICT && c.optionsError().isEmpty())
                .filter(c -> c.options().reduction() != Reduction.NONE)
                .filter(c -> c.yPred().dtype() == io.scce4j.api.DType.FLOAT32)
                // DL4J's mask is one weight per row: per-element weights, or a scalar spread over the rows (not
                // under mean_with_sample_weight, where Keras 3 divides by the scalar itself, not by its spread)
                .filter(c -> c.sampleWeight() == null || c.sampleWeight().size() == c.yTrue().size()
                        || c.sampleWeight().size() == 1 && c.options().reduction() != Reduction.MEAN_WITH_SAMPLE_WEIGHT)
                // Keras 3's refusal of flattened labels is about y_pred's shape, which rows no longer have
                .filter(c -> !(c.flags().contains("FlatLabels") && c.profile() == io.scce4j.api.LossProfile.KERAS3))
                .filter(c -> c.yTrue().size() * c.yPred().shape().dim(-1) == c.yPred().size()
                        || c.expectedError().isPresent());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theLossGivesKerasValueGradientOrError(TestCase c) {
        long classes = c.yPred().shape().dim(-1);
        int rows = (int) (c.yPred().size() / classes);
        KerasSparseCategoricalCrossentropy loss = new KerasSparseCategoricalCrossentropy(c.options());
        try (INDArray z = Nd4j.create(c.yPred().toFloatArray(), new long[] {rows, classes}, 'c');
                INDArray y = Nd4j.create(floats(c.yTrue()), new long[] {c.yTrue().size(), 1}, 'c');
                INDArray w = mask(c, rows)) {
            Tensor want = c.expected().orElse(null);
            double value;
            INDArray grad;
            try {
                value = loss.computeScore(y, z, new ActivationIdentity(), w, true);
                grad = loss.computeGradient(y, z, new ActivationIdentity(), w);
            } catch (InvalidInputException e) {
                assertTrue(c.expectedError().isPresent(), c.id() + ": refused, Keras computed: " + e.getMessage());
                assertEquals(c.expectedError().get(), e.reason(), c.id() + ": " + e.getMessage());
                return;
            }
            if (want == null) {
                fail(c.id() + ": Keras raised " + c.kerasError() + ", the loss gave " + value);
            }
            if (c.kind() == CaseKind.LOSS) {
                assertTrue(VALUE.allows(value, want.getDouble(0)), c.id() + ": " + value + " vs Keras "
                        + want.getDouble(0));
            } else {
                float[] g = grad.dup('c').data().asFloat();
                for (int i = 0; i < g.length; i++) {
                    double got = g[i] / (double) rows; // DL4J's updater divides by the minibatch's rows
                    assertTrue(VALUE.allows(got, want.getDouble(i)), c.id() + " [" + i + "]: " + got + " vs Keras "
                            + want.getDouble(i));
                }
            }
        }
    }

    @Test
    void theSelectionKeepsVectorsOfEveryKind() { // the parameterized test above must not be vacuous
        assertTrue(cases().filter(c -> c.kind() == CaseKind.LOSS && c.expected().isPresent()).count() > 150);
        assertTrue(cases().filter(c -> c.kind() == CaseKind.GRADIENT).count() > 20);
        assertTrue(cases().anyMatch(c -> c.options().ignoreClass().isSet()));
        assertTrue(cases().anyMatch(c -> c.expectedError().isPresent()));
    }

    private static INDArray mask(TestCase c, int rows) {
        Tensor sw = c.sampleWeight();
        if (sw == null) {
            return null;
        }
        float[] v = new float[rows];
        for (int i = 0; i < rows; i++) {
            v[i] = sw.size() == 1 ? sw.getFloat(0) : sw.getFloat(i);
        }
        return Nd4j.create(v, new long[] {rows, 1}, 'c');
    }

    private static float[] floats(Tensor t) {
        float[] v = new float[t.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) t.getDouble(i);
        }
        return v;
    }
}
