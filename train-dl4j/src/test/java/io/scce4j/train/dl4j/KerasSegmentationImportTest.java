package io.scce4j.train.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.LossProfile;
import io.scce4j.conformance.training.TrainingCase;
import io.scce4j.conformance.training.TrainingComparison;
import io.scce4j.conformance.training.TrainingRun;
import io.scce4j.conformance.training.TrainingVectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.learning.config.Sgd;

/** What the preparation does to an imported model, and what it refuses. */
class KerasSegmentationImportTest {
    private static final TrainingVectors KERAS2 = TrainingVectors.bundled(LossProfile.KERAS2);
    private static final TrainingVectors KERAS3 = TrainingVectors.bundled(LossProfile.KERAS3);

    @TempDir
    Path dir;

    @Test
    void aKeras3FileIsRefusedWithAnErrorThatSaysSo() throws Exception {
        Path h5 = KERAS3.copyModelTo(dir);
        UnsupportedKerasConfigurationException e = assertThrows(UnsupportedKerasConfigurationException.class,
                () -> KerasSegmentationImport.importForTraining(h5, KERAS3.cases().get(0).options()));
        assertTrue(e.getMessage().contains("was written by Keras " + KERAS3.keras() + ", which DL4J 1.0.0-M2.1 "
                + "cannot import"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
        // What DL4J itself says, for the record: an exception that names neither Keras 3 nor the file.
        assertThrows(ClassCastException.class, () -> KerasModelImport.importKerasModelAndWeights(h5.toString(), true));
    }

    @Test
    void theOutputBecomesRowsAndALossLayerThatReadsTheLogits() throws Exception {
        ComputationGraph imported = KerasModelImport.importKerasModelAndWeights(KERAS2.copyModelTo(dir).toString(),
                true);
        ComputationGraph net = KerasSegmentationImport.prepareForTraining(imported,
                KERAS2.cases().get(0).options());
        ComputationGraphConfiguration conf = net.getConfiguration();
        assertEquals(java.util.List.of(KerasSegmentationImport.LOSS), conf.getNetworkOutputs());
        LossLayer loss = (LossLayer) ((LayerVertex) conf.getVertices().get(KerasSegmentationImport.LOSS))
                .getLayerConf().getLayer();
        assertInstanceOf(ActivationSoftmax.class, loss.getActivationFn());
        assertTrue(((KerasSparseCategoricalCrossentropy) loss.getLossFn()).readsLogitsOf(loss.getActivationFn()));
        org.deeplearning4j.nn.conf.layers.Layer classes = ((LayerVertex) conf.getVertices().get("classes"))
                .getLayerConf().getLayer();
        assertInstanceOf(ActivationIdentity.class, ((org.deeplearning4j.nn.conf.layers.BaseLayer) classes)
                .getActivationFn());
        assertNull(classes.getIDropout(), "Dropout(1.0) removed");
        // The imported graph is left as it was.
        assertInstanceOf(CnnLossLayer.class, ((LayerVertex) imported.getConfiguration().getVertices()
                .get("classes_loss")).getLayerConf().getLayer());
        // DL4J's configurations round-trip through JSON with the loss in them.
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }

    @Test
    void anExplicitUpdaterTrainsAsTheFilesOptimizer() throws Exception {
        TrainingCase c = KERAS2.cases().get(1);
        Path h5 = KERAS2.copyModelTo(dir);
        TrainingRun viaFile = Dl4jTrainer.train(KerasSegmentationImport.importForTraining(h5, c.options()), c, 3);
        TrainingRun viaSgd = Dl4jTrainer.train(KerasSegmentationImport.importForTraining(h5, c.options(),
                new Sgd(KERAS2.learningRate())), c, 3);
        assertTrue(TrainingComparison.of(c, viaSgd).within(KerasTrainingStepDl4jTest.DL4J));
        assertEquals(viaFile.losses(), viaSgd.losses());
    }

    @Test
    void theLossSerializesAsDl4jConfigurationsDo() throws Exception {
        KerasSparseCategoricalCrossentropy loss = new KerasSparseCategoricalCrossentropy(
                KERAS2.cases().get(2).options());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(loss);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            KerasSparseCategoricalCrossentropy back = (KerasSparseCategoricalCrossentropy) in.readObject();
            assertEquals(loss, back);
            assertEquals(loss.options(), back.options());
        }
    }
}
