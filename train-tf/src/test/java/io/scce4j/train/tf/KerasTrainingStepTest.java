package io.scce4j.train.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.LossProfile;
import io.scce4j.api.Tolerance;
import io.scce4j.conformance.training.TrainingCase;
import io.scce4j.conformance.training.TrainingComparison;
import io.scce4j.conformance.training.TrainingRun;
import io.scce4j.conformance.training.TrainingVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keras's training step, reproduced in TensorFlow Java: the oracle's segmenter, three SGD steps of one batch, from
 * the oracle's initial weights; every step loss and every final weight against what Keras 3's and tf_keras's
 * {@code model.fit} logged and left (conformance-tests/keras-oracle/cases.py, {@code training()}).
 */
class KerasTrainingStepTest {
    private static final List<TrainingVectors> VECTORS = List.of(TrainingVectors.bundled(LossProfile.KERAS3),
            TrainingVectors.bundled(LossProfile.KERAS2));

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (TrainingVectors v : VECTORS) {
            for (TrainingCase c : v.cases()) {
                all.add(Arguments.of(v, c));
            }
        }
        return all.stream();
    }

    /** Keras's path for this case: the logits, except Keras 3 with ignore_class (its where hides the softmax). */
    static LossInput kerasPath(TrainingVectors v, TrainingCase c) {
        boolean hidden = v.profile() == LossProfile.KERAS3 && c.options().ignoreClass().isSet();
        return hidden ? LossInput.CLIPPED_PROBABILITIES : LossInput.SOFTMAX_LOGITS;
    }

    /**
     * On the logits path every bit is Keras's. On the clipped path (Keras 3 with ignore_class) the losses are, and
     * the weights within one float32 ulp of 1.0: the gradient of Log is {@code grad * Reciprocal(x)}, and
     * TensorFlow Java's native 2.18 computes that reciprocal with other last bits than the Python 2.21 wheel.
     */
    static final Tolerance CLIPPED_PATH_WEIGHTS = Tolerance.of(Math.ulp(1f), 0);

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void theStepLossesAndFinalWeightsAreKeras(TrainingVectors v, TrainingCase c) {
        try (Segmenter model = new Segmenter(v, c, Segmenter.Route.MINIMIZE, false)) {
            assertEquals(kerasPath(v, c), model.loss.input(), c.id());
            TrainingRun run = model.train(v.steps());
            TrainingComparison cmp = TrainingComparison.of(c, run);
            System.out.println(cmp.summary()); // the report quotes these lines
            assertEquals(0, cmp.lossUlps(), cmp.summary());
            boolean logits = model.loss.input() == LossInput.SOFTMAX_LOGITS;
            assertTrue(cmp.within(logits ? Tolerance.EXACT : CLIPPED_PATH_WEIGHTS), cmp.summary());
        }
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void addGradientsAndApplyGradientDescentGiveTheSameBitsAsMinimize(TrainingVectors v, TrainingCase c) {
        TrainingRun viaMinimize;
        TrainingRun viaAddGradients;
        try (Segmenter model = new Segmenter(v, c, Segmenter.Route.MINIMIZE, false)) {
            viaMinimize = model.train(v.steps());
        }
        try (Segmenter model = new Segmenter(v, c, Segmenter.Route.ADD_GRADIENTS, false)) {
            viaAddGradients = model.train(v.steps());
        }
        assertEquals(viaMinimize.losses(), viaAddGradients.losses(), c.id());
        for (int i = 0; i < viaMinimize.weights().size(); i++) {
            assertEquals(viaMinimize.weights().get(i), viaAddGradients.weights().get(i), c.id());
        }
    }

    /**
     * The same model with its softmax hidden behind an Identity, as a loss object applied to model.predict sees
     * it: the clipped path, giving the oracle's loss_of_predict, which on a saturated batch is far from what
     * Keras trains on.
     */
    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void behindAnIdentityTheLossIsThatOfThePredictedProbabilities(TrainingVectors v, TrainingCase c) {
        try (Segmenter model = new Segmenter(v, c, Segmenter.Route.MINIMIZE, true)) {
            assertEquals(LossInput.CLIPPED_PROBABILITIES, model.loss.input());
            float got = model.initialLoss();
            assertEquals((float) c.lossOfPredict(), got, c.id());
            if (c.has("Saturated") && kerasPath(v, c) == LossInput.SOFTMAX_LOGITS) {
                assertTrue(c.expectedLosses().get(0) - got > 5, c.id() + ": Keras trained on " + c.expectedLosses()
                        .get(0) + ", the clipped path says " + got);
            }
        }
    }

    @Test
    void theVectorsCoverWhatTheIssueAsksFor() {
        for (TrainingVectors v : VECTORS) {
            assertEquals(3, v.steps());
            for (String flag : List.of("Ordinary", "Saturated", "IgnoreClass", "SampleWeight", "TrailingOne")) {
                assertTrue(v.cases().stream().anyMatch(c -> c.has(flag)), v.profile() + " lacks " + flag);
            }
            for (TrainingCase c : v.cases()) { // the steps moved the weights: a test that could not fail otherwise
                assertNotEquals(v.initialWeight("classes/kernel").value(),
                        c.expectedWeight("classes/kernel").value(), c.id());
            }
        }
    }
}
