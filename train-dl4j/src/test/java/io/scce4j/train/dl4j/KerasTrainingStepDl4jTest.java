package io.scce4j.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.LossProfile;
import io.scce4j.api.Tolerance;
import io.scce4j.conformance.training.NamedTensor;
import io.scce4j.conformance.training.TrainingCase;
import io.scce4j.conformance.training.TrainingComparison;
import io.scce4j.conformance.training.TrainingRun;
import io.scce4j.conformance.training.TrainingVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle's tf_keras .h5 imported into DL4J, prepared, and trained three steps on sparse labels: every step loss
 * and final weight against Keras's {@code model.fit}. The tf_keras file serves the Keras 3 cases too (the same model
 * and initial weights; Keras 3's own .h5 does not import), with the keras3 profile's rules.
 */
class KerasTrainingStepDl4jTest {
    /** DL4J's float32 kernels sum in other orders than TensorFlow's: within 1e-6, relative above 1. */
    static final Tolerance DL4J = Tolerance.of(1e-6, 1e-6);
    private static final TrainingVectors KERAS2 = TrainingVectors.bundled(LossProfile.KERAS2);
    private static final TrainingVectors KERAS3 = TrainingVectors.bundled(LossProfile.KERAS3);

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (TrainingVectors v : List.of(KERAS2, KERAS3)) {
            v.cases().forEach(c -> all.add(Arguments.of(v, c)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("cases")
    void threeStepsOnSparseLabelsMatchKerasFit(TrainingVectors v, TrainingCase c) throws Exception {
        ComputationGraph net = Dl4jTrainer.prepared(KERAS2, dir, c.options());
        TrainingRun run = Dl4jTrainer.train(net, c, v.steps());
        TrainingComparison cmp = TrainingComparison.of(c, run);
        System.out.println(cmp.summary()); // the report quotes these lines
        assertTrue(cmp.within(DL4J), cmp.summary());
    }

    @Test
    void theImportedWeightsAreTheOraclesInitialWeights() throws Exception {
        assertEquals(KERAS2.initialWeights(), KERAS3.initialWeights(), "one model serves both profiles");
        ComputationGraph net = Dl4jTrainer.prepared(KERAS2, dir, KERAS2.cases().get(0).options());
        for (NamedTensor w : Dl4jTrainer.kerasWeights(net)) {
            assertEquals(KERAS2.initialWeight(w.name()).value(), w.value(), w.name());
        }
    }
}
