package io.scce4j.train.dl4j;

import io.scce4j.api.LossOptions;
import io.scce4j.api.Tensor;
import io.scce4j.conformance.training.NamedTensor;
import io.scce4j.conformance.training.TrainingCase;
import io.scce4j.conformance.training.TrainingRun;
import io.scce4j.conformance.training.TrainingVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Trains the oracle's tf_keras .h5, imported and prepared, on a training case, as Keras's fit did. */
final class Dl4jTrainer {
    private Dl4jTrainer() {
    }

    static ComputationGraph prepared(TrainingVectors keras2, Path dir, LossOptions options) throws Exception {
        return KerasSegmentationImport.importForTraining(keras2.copyModelTo(dir), options);
    }

    /** Steps of one batch; each step's score is the loss DL4J computed before that step's update. */
    static TrainingRun train(ComputationGraph net, TrainingCase c, int steps) {
        try (INDArray x = array(c.x());
                INDArray labels = array(c.y());
                INDArray y = KerasSegmentationImport.rows(labels);
                INDArray weights = c.sampleWeight() == null ? null : array(c.sampleWeight());
                INDArray w = weights == null ? null : KerasSegmentationImport.rows(weights)) {
            MultiDataSet batch = new MultiDataSet(new INDArray[] {x}, new INDArray[] {y}, null,
                    w == null ? null : new INDArray[] {w});
            List<Double> losses = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                net.fit(batch);
                losses.add(net.score());
            }
            return new TrainingRun(losses, kerasWeights(net));
        }
    }

    /** The weights under Keras's names and in its layout: DL4J's kernels are [out, in, kh, kw]. */
    static List<NamedTensor> kerasWeights(ComputationGraph net) {
        List<NamedTensor> out = new ArrayList<>();
        for (String layer : List.of("features", "classes")) {
            INDArray kernel = net.getParam(layer + "_W").permute(2, 3, 1, 0).dup('c');
            out.add(new NamedTensor(layer + "/kernel", tensor(kernel)));
            out.add(new NamedTensor(layer + "/bias", tensor(net.getParam(layer + "_b").dup('c'))));
        }
        return out;
    }

    static INDArray array(Tensor t) {
        long[] shape = t.shape().toArray();
        if (t.dtype().isFloating()) {
            return Nd4j.create(t.toFloatArray(), shape, 'c');
        }
        long[] v = t.toLongArray();
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = v[i]; // DL4J's labels are numbers: class ids as floats
        }
        return Nd4j.create(f, shape, 'c');
    }

    static Tensor tensor(INDArray a) {
        return Tensor.ofFloats(io.scce4j.api.Shape.of(a.shape()), a.castTo(DataType.FLOAT).dup('c').data().asFloat());
    }
}
