package io.scce4j.train.dl4j;

import io.scce4j.api.LossOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.ReshapeVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Imports a Keras segmentation model (a tf_keras {@code .h5}: channels last, ending in a softmax over the classes)
 * into DL4J and prepares it to train with Keras's loss on sparse labels, working around what DL4J 1.0.0-M2.1
 * cannot do on its own:
 * <ol>
 *   <li>its {@code CnnLossLayer} refuses sparse labels, so the output becomes {@code ReshapeVertex('c', -1, C)} and
 *       a {@code LossLayer} with {@link KerasSparseCategoricalCrossentropy}: one row per pixel, labels
 *       {@code [N*H*W, 1]} ({@link #rows(INDArray)}), and DL4J's mean over rows is Keras's mean over pixels;</li>
 *   <li>the softmax moves from the last layer into the loss layer, so the loss reads the logits, as Keras does
 *       (DL4J's convolution softmax backprop in NHWC runs over the wrong axis);</li>
 *   <li>the {@code Dropout(1.0)} (keep everything) the importer puts on every layer goes: in NHWC its backprop
 *       fails with a shape error.</li>
 * </ol>
 *
 * <pre>{@code
 * LossOptions options = LossOptions.builder().profile(LossProfile.KERAS2).ignoreClass(255).build();
 * ComputationGraph net = KerasSegmentationImport.importForTraining(Path.of("segmenter.h5"), options);
 * INDArray images = ...;                                        // [N, H, W, channels], float32
 * INDArray labels = KerasSegmentationImport.rows(masks);        // [N, H, W] or [N, H, W, 1] -> [N*H*W, 1]
 * net.fit(new MultiDataSet(new INDArray[] {images}, new INDArray[] {labels}));
 * double loss = net.score();                                     // Keras's loss of that step, before its update
 * }</pre>
 *
 * <p>DL4J imports Keras 1 and 2 {@code .h5} files only: a Keras 3 file (also {@code tf.keras} since TensorFlow
 * 2.16) is refused with {@link UnsupportedKerasConfigurationException} saying so; save the model with
 * {@code tf_keras} instead, or train it with TensorFlow Java ({@code scce4j-train-tf}).
 */
public final class KerasSegmentationImport {
    /** The names the prepared graph's new vertices get. */
    public static final String ROWS = "scce4j_rows";
    /** The loss layer's name: the prepared graph's output. */
    public static final String LOSS = "scce4j_loss";

    private KerasSegmentationImport() {
    }

    /**
     * Imports a tf_keras {@code .h5} with its optimizer (which must be one DL4J maps: the legacy optimizers,
     * {@code tf_keras.optimizers.legacy.SGD} and the like) and prepares it.
     *
     * @throws UnsupportedKerasConfigurationException for a Keras 3 file, or a configuration DL4J cannot import
     * @throws InvalidKerasConfigurationException for a file DL4J cannot read as a Keras model
     * @throws IOException when the file cannot be read
     */
    public static ComputationGraph importForTraining(Path h5, LossOptions options)
            throws IOException, InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        refuseKeras3(h5);
        try {
            return prepareForTraining(KerasModelImport.importKerasModelAndWeights(h5.toString(), true), options);
        } catch (UnsupportedKerasConfigurationException e) {
            if (String.valueOf(e.getMessage()).contains("Optimizer")) {
                throw new UnsupportedKerasConfigurationException(h5 + ": DL4J cannot map the model's optimizer ("
                        + e.getMessage().trim() + "); save it with a tf_keras.optimizers.legacy optimizer, or pass "
                        + "an updater to importForTraining(path, options, updater)");
            }
            throw e;
        }
    }

    /**
     * Imports a tf_keras {@code .h5} without its training configuration and prepares it to train with
     * {@code updater} (e.g. {@code new Sgd(0.1)}).
     *
     * @throws UnsupportedKerasConfigurationException for a Keras 3 file, or a model DL4J cannot import
     * @throws InvalidKerasConfigurationException for a file DL4J cannot read as a Keras model
     * @throws IOException when the file cannot be read
     */
    public static ComputationGraph importForTraining(Path h5, LossOptions options, IUpdater updater)
            throws IOException, InvalidKerasConfigurationException, UnsupportedKerasConfigurationException {
        refuseKeras3(h5);
        ComputationGraph imported = KerasModelImport.importKerasModelAndWeights(h5.toString(), false);
        return prepare(imported, options, updater);
    }

    /**
     * Prepares an imported segmentation graph for Keras's loss on sparse labels (see the class comment); the graph
     * given is left as it was. Its single output must be a {@code CnnLossLayer} after the last convolution (an
     * import with the training configuration), or that convolution itself, optionally followed by a softmax
     * {@code ActivationLayer}.
     *
     * @throws IllegalArgumentException for a graph of another form, or channels-first convolutions
     */
    public static ComputationGraph prepareForTraining(ComputationGraph imported, LossOptions options) {
        return prepare(imported, options, null);
    }

    private static ComputationGraph prepare(ComputationGraph imported, LossOptions options, IUpdater updater) {
        ComputationGraph graph = imported.clone(); // the changes below edit configurations in place
        ComputationGraphConfiguration conf = graph.getConfiguration();
        if (conf.getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("a segmentation model has one output; this one has "
                    + conf.getNetworkOutputs());
        }
        String output = conf.getNetworkOutputs().get(0);
        List<String> removed = new ArrayList<>();
        String last = output;
        if (layer(conf, output) instanceof CnnLossLayer) {
            removed.add(output);
            last = single(conf, output);
        }
        boolean softmax = false;
        if (layer(conf, last) instanceof ActivationLayer
                && ((ActivationLayer) layer(conf, last)).getActivationFn() instanceof ActivationSoftmax) {
            removed.add(last);
            last = single(conf, last);
            softmax = true;
        }
        if (!(layer(conf, last) instanceof ConvolutionLayer)) {
            throw new IllegalArgumentException("expected a convolution to the classes before the output, found '"
                    + last + "' (" + (layer(conf, last) == null ? "not a layer" : layer(conf, last).getClass()
                            .getSimpleName()) + ")");
        }
        ConvolutionLayer classes = (ConvolutionLayer) layer(conf, last);
        if (classes.getCnn2dDataFormat() != CNN2DFormat.NHWC) {
            throw new IllegalArgumentException("'" + last + "' is channels-first (" + classes.getCnn2dDataFormat()
                    + "); one row per pixel needs channels last (NHWC), as Keras's default");
        }
        if (classes.getActivationFn() instanceof ActivationSoftmax) {
            classes.setActivationFn(new ActivationIdentity()); // the loss layer applies it, on the logits
            softmax = true;
        }
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex) {
                Layer l = ((LayerVertex) v).getLayerConf().getLayer();
                if (l.getIDropout() instanceof Dropout && ((Dropout) l.getIDropout()).getP() == 1.0) {
                    l.setIDropout(null); // keep-probability 1: no dropout, only a failing NHWC backprop
                }
            }
        }
        // The builder copies the configuration: only now, after the edits above.
        TransferLearning.GraphBuilder edit = new TransferLearning.GraphBuilder(graph);
        if (updater != null) {
            edit.fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(updater).build());
        }
        removed.forEach(edit::removeVertexAndConnections);
        int numClasses = (int) classes.getNOut();
        LossLayer loss = new LossLayer.Builder(new KerasSparseCategoricalCrossentropy(options))
                .activation(softmax ? Activation.SOFTMAX : Activation.IDENTITY).build();
        edit.addVertex(ROWS, new ReshapeVertex('c', new int[] {-1, numClasses}, null), last)
                .addLayer(LOSS, loss, ROWS)
                .setOutputs(LOSS);
        return edit.build();
    }

    /**
     * Labels (or per-pixel weights) {@code [N, H, W]} or {@code [N, H, W, 1]} as the rows the prepared graph's
     * loss reads: {@code [N*H*W, 1]}, float32, in Keras's order.
     */
    public static INDArray rows(INDArray perPixel) {
        INDArray floats = perPixel.dataType() == DataType.FLOAT ? perPixel : perPixel.castTo(DataType.FLOAT);
        INDArray rows = floats.dup('c').reshape('c', perPixel.length(), 1);
        if (floats != perPixel && floats.closeable()) {
            floats.close(); // the cast's copy; rows has its own
        }
        return rows;
    }

    /**
     * Refuses a Keras 3 {@code .h5} before DL4J's importer fails on it with a {@code ClassCastException} (Keras 3
     * writes a model's {@code input_layers} as one triple, where Keras 2 wrote a list of them).
     */
    static void refuseKeras3(Path h5) throws IOException, UnsupportedKerasConfigurationException {
        if (!Files.isReadable(h5)) {
            throw new IOException(h5 + ": not a readable file");
        }
        String version;
        try (Hdf5Archive archive = new Hdf5Archive(h5.toString())) {
            version = archive.hasAttribute("keras_version") ? archive.readAttributeAsString("keras_version") : null;
        }
        if (version != null && version.startsWith("3.")) {
            throw new UnsupportedKerasConfigurationException(h5 + " was written by Keras " + version
                    + ", which DL4J 1.0.0-M2.1 cannot import (it reads Keras 1 and 2 .h5 files only); save the model "
                    + "with tf_keras (pip install tf_keras; import tf_keras as keras), or train it with TensorFlow "
                    + "Java (scce4j-train-tf)");
        }
    }

    private static Layer layer(ComputationGraphConfiguration conf, String vertex) {
        GraphVertex v = conf.getVertices().get(vertex);
        return v instanceof LayerVertex ? ((LayerVertex) v).getLayerConf().getLayer() : null;
    }

    private static String single(ComputationGraphConfiguration conf, String vertex) {
        List<String> inputs = conf.getVertexInputs().get(vertex);
        if (inputs == null || inputs.size() != 1) {
            throw new IllegalArgumentException("'" + vertex + "' must have one input; it has " + inputs);
        }
        return inputs.get(0);
    }
}
