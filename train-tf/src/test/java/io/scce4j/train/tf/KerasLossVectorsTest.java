package io.scce4j.train.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import io.scce4j.api.Ulps;
import io.scce4j.conformance.CaseKind;
import io.scce4j.conformance.CaseLoader;
import io.scce4j.conformance.TestCase;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TNumber;

/**
 * The graph loss on every loss and gradient vector of the conformance kit (both profiles: every reduction,
 * ignore_class, sample-weight form, label shape, dtype, special value and the errors Keras raised), fed as plain
 * tensors, so the clipped path for probabilities. Values must be Keras's to the bit; gradients, taken by
 * {@code Graph.addGradients} through the registered xent gradient, within the tolerance the tf backend claims
 * (TensorFlow Java's native reciprocal, in the gradient of Log, can differ from the Python wheel's in the last
 * bits; see the README).
 */
class KerasLossVectorsTest {
    private static final Tolerance GRADIENT = Tolerance.of(0, 4e-7);

    static Stream<TestCase> cases() {
        return CaseLoader.bundled().stream().filter(c -> c.kind() != CaseKind.PREDICT && c.optionsError().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theGraphLossGivesKerasValueOrError(TestCase c) {
        Tensor got;
        try {
            got = run(c);
        } catch (InvalidInputException e) {
            assertTrue(c.expectedError().isPresent(), c.id() + ": refused, Keras computed: " + e.getMessage());
            assertEquals(c.expectedError().get(), e.reason(), c.id() + ": " + e.getMessage());
            return;
        } catch (TensorFlowException | IllegalArgumentException e) { // TFInvalidArgumentException is the latter
            // Only labels are checked when the graph runs, by the kernel, in Keras's words; shapes fail earlier.
            assertEquals(InvalidInputException.Reason.LABEL_OUT_OF_RANGE, c.expectedError().orElse(null),
                    c.id() + ": " + e.getMessage());
            assertTrue(e.getMessage().contains("Received a label value of"), c.id() + ": " + e.getMessage());
            return;
        }
        if (c.expectedError().isPresent()) {
            fail(c.id() + ": Keras raised " + c.kerasError() + ", the graph loss gave " + got);
        }
        Tensor want = c.expected().orElseThrow();
        assertEquals(want.size(), got.size(), c.id() + ": " + want.shape() + " vs " + got.shape());
        Tolerance t = c.kind() == CaseKind.GRADIENT ? GRADIENT : Tolerance.EXACT;
        boolean single = got.dtype() == io.scce4j.api.DType.FLOAT32;
        for (int i = 0; i < want.size(); i++) {
            double g = got.getDouble(i);
            double w = want.getDouble(i);
            assertTrue(t.allows(g, w), c.id() + " [" + i + "]: " + g + " vs Keras " + w + " ("
                    + Ulps.text(Ulps.between(g, w, single)) + " ulp)");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Tensor run(TestCase c) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Placeholder yPred = tf.placeholder((Class) TfArrays.type(c.yPred()),
                    Placeholder.shape(TfArrays.shape(c.yPred())));
            Placeholder yTrue = tf.placeholder((Class) TfArrays.type(c.yTrue()),
                    Placeholder.shape(TfArrays.shape(c.yTrue())));
            Placeholder sw = c.sampleWeight() == null ? null : tf.placeholder((Class) TfArrays.type(c.sampleWeight()),
                    Placeholder.shape(TfArrays.shape(c.sampleWeight())));
            GraphLoss<? extends TFloating> loss = KerasGraphLoss.ofAnyFloat(tf, (Operand<? extends TNumber>) yTrue,
                    (Operand<? extends TFloating>) yPred, (Operand<? extends TNumber>) sw, c.options());
            Operand<?> fetch = loss.value();
            if (c.kind() == CaseKind.GRADIENT) {
                fetch = g.addGradients(loss.value().asOutput(), new Output<?>[] {yPred.asOutput()})[0];
            }
            List<org.tensorflow.Tensor> fed = new ArrayList<>();
            try (Session s = new Session(g)) {
                fed.add(TfArrays.tf(c.yPred()));
                fed.add(TfArrays.tf(c.yTrue()));
                Session.Runner r = s.runner().feed(yPred, fed.get(0)).feed(yTrue, fed.get(1));
                if (sw != null) {
                    fed.add(TfArrays.tf(c.sampleWeight()));
                    r.feed(sw, fed.get(2));
                }
                try (Result result = r.fetch(fetch).run()) {
                    return TfArrays.api(result.get(0));
                }
            } finally {
                fed.forEach(org.tensorflow.Tensor::close);
            }
        }
    }

    @Test
    void theKitHasVectorsOfBothKinds() { // the parameterized test above must not be vacuous
        assertTrue(cases().filter(c -> c.kind() == CaseKind.LOSS).count() > 500);
        assertTrue(cases().filter(c -> c.kind() == CaseKind.GRADIENT).count() > 50);
    }
}
