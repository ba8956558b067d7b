package io.scce4j.conformance.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scce4j.api.DType;
import io.scce4j.api.IgnoreClass;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One {@code scce4j-training/1} file: Keras's training step for one profile, written by
 * {@code conformance-tests/keras-oracle/cases.py} ({@code training()}). The model, its initial weights and the
 * optimizer are shared by the cases; each case trains a fresh copy from the initial weights.
 *
 * <pre>{@code
 * TrainingVectors v = TrainingVectors.bundled(LossProfile.KERAS2);
 * Path h5 = v.copyModelTo(tempDir);                       // tf_keras's legacy .h5 of the initial model
 * float lr = v.learningRate();                            // plain SGD, momentum 0
 * }</pre>
 *
 * @param profile the Keras that trained: {@code keras3} (Keras 3) or {@code keras2} (tf_keras)
 * @param keras its version
 * @param modelName the Keras model's name
 * @param h5 the file name of the model saved as a legacy .h5 before training, beside this file
 * @param inputShape {@code [H, W, C]}
 * @param layers the layers after the input, in order
 * @param learningRate SGD's learning rate, a float32 value
 * @param steps how many steps each case trained (one batch per step)
 * @param initialWeights the weights every case starts from
 * @param cases the runs
 */
public record TrainingVectors(LossProfile profile, String keras, String modelName, String h5, List<Integer> inputShape,
        List<ModelLayer> layers, float learningRate, int steps, List<NamedTensor> initialWeights,
        List<TrainingCase> cases) {
    /** The format this class reads. */
    public static final String FORMAT = "scce4j-training/1";
    private static final String BUNDLED = "/io/scce4j/conformance/training/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the lists. */
    public TrainingVectors {
        inputShape = List.copyOf(inputShape);
        layers = List.copyOf(layers);
        initialWeights = List.copyOf(initialWeights);
        cases = List.copyOf(cases);
    }

    /**
     * The vectors bundled in this jar for {@code keras3} or {@code keras2}.
     *
     * @throws IllegalArgumentException for {@code keras2-legacy}, whose Keras (TensorFlow 2.9) the oracle cannot run
     */
    public static TrainingVectors bundled(LossProfile profile) {
        if (profile == LossProfile.KERAS2_LEGACY) {
            throw new IllegalArgumentException("no training vectors for keras2-legacy: its TensorFlow (2.9) does not "
                    + "install beside the oracle's; use keras3 or keras2");
        }
        String name = profile.id() + "-training.json";
        try (InputStream in = TrainingVectors.class.getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new IllegalStateException("bundled training vectors " + BUNDLED + name + " are missing");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("bundled training vectors " + name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads a {@code scce4j-training/1} document.
     *
     * @throws IOException when it cannot be read
     * @throws IllegalArgumentException when it is not that format
     */
    public static TrainingVectors read(InputStream in) throws IOException {
        JsonNode doc = JSON.readTree(in);
        if (!FORMAT.equals(doc.path("format").asText())) {
            throw new IllegalArgumentException("not a " + FORMAT + " document: format '" + doc.path("format").asText()
                    + "'");
        }
        LossProfile profile = LossProfile.parse(doc.path("profile").asText());
        JsonNode model = doc.path("model");
        List<Integer> inputShape = new ArrayList<>();
        model.path("input_shape").forEach(d -> inputShape.add(d.asInt()));
        List<ModelLayer> layers = new ArrayList<>();
        for (JsonNode l : model.path("layers")) {
            layers.add(new ModelLayer(l.path("name").asText(), l.path("type").asText(), l.path("filters").asInt(),
                    l.path("kernel_size").get(0).asInt(), l.path("kernel_size").get(1).asInt(),
                    l.path("padding").asText(), l.path("activation").asText()));
        }
        List<TrainingCase> cases = new ArrayList<>();
        for (JsonNode c : doc.path("cases")) {
            cases.add(parseCase(c, profile));
        }
        return new TrainingVectors(profile, doc.path("generator").path("keras").asText(), model.path("name").asText(),
                model.path("h5").asText(), inputShape, layers,
                (float) doc.path("optimizer").path("learning_rate").asDouble(), doc.path("fit").path("epochs").asInt(),
                named(doc.path("initial_weights")), cases);
    }

    /** The initial weight of this name. */
    public NamedTensor initialWeight(String name) {
        return initialWeights.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(profile + " has no weight '" + name + "'"));
    }

    /** The case of this id. */
    public TrainingCase testCase(String id) {
        return cases.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no training case '" + id + "'"));
    }

    /** The bundled legacy .h5 of the initial model, as a stream (the caller closes it). */
    public InputStream openModel() {
        InputStream in = TrainingVectors.class.getResourceAsStream(BUNDLED + h5);
        if (in == null) {
            throw new IllegalStateException("bundled model " + BUNDLED + h5 + " is missing");
        }
        return in;
    }

    /** Copies the bundled .h5 into {@code dir} (importers read files, not streams) and returns its path. */
    public Path copyModelTo(Path dir) throws IOException {
        Path target = dir.resolve(h5);
        try (InputStream in = openModel()) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static TrainingCase parseCase(JsonNode c, LossProfile profile) {
        JsonNode o = c.path("options");
        LossOptions.Builder options = LossOptions.builder().profile(profile)
                .fromLogits(o.path("from_logits").asBoolean())
                .reduction(Reduction.parse(o.path("reduction").asText(), profile));
        if (!o.path("ignore_class").isNull() && !o.path("ignore_class").isMissingNode()) {
            options.ignoreClass(IgnoreClass.of(o.path("ignore_class").asLong()));
        }
        Set<String> flags = new HashSet<>();
        c.path("flags").forEach(f -> flags.add(f.asText()));
        List<Double> losses = new ArrayList<>();
        c.path("expected").path("losses").forEach(v -> losses.add(v.asDouble()));
        return new TrainingCase(c.path("id").asText(), c.path("comment").asText(), flags, options.build(),
                tensor(c.get("x")), tensor(c.get("y")), tensor(c.get("sample_weight")),
                c.path("loss_of_predict").asDouble(), losses, named(c.path("expected").path("weights")));
    }

    private static List<NamedTensor> named(JsonNode list) {
        List<NamedTensor> out = new ArrayList<>();
        for (JsonNode w : list) {
            out.add(new NamedTensor(w.path("name").asText(), tensor(w)));
        }
        return out;
    }

    /** The oracle's array encoding (as in {@code scce4j-cases/1}): a list of numbers, or base64 little-endian bytes. */
    private static Tensor tensor(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        long[] dims = new long[n.path("shape").size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = n.get("shape").get(i).asLong();
        }
        Shape shape = Shape.of(dims);
        DType type = DType.fromNumpyName(n.path("dtype").asText());
        ByteBuffer bytes;
        if (n.has("base64")) {
            bytes = ByteBuffer.wrap(Base64.getDecoder().decode(n.get("base64").asText())).order(ByteOrder.LITTLE_ENDIAN);
            if (bytes.capacity() != (long) shape.size() * type.byteSize()) {
                throw new IllegalArgumentException("base64 holds " + bytes.capacity() + " bytes for " + type + " "
                        + shape);
            }
        } else {
            JsonNode data = n.path("data");
            if (data.size() != shape.size()) {
                throw new IllegalArgumentException("data has " + data.size() + " values for shape " + shape);
            }
            bytes = ByteBuffer.allocate(shape.size() * type.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
            for (JsonNode v : data) {
                switch (type) {
                    case FLOAT32: bytes.putFloat((float) v.asDouble()); break; // exact: a float32 written as double
                    case FLOAT64: bytes.putDouble(v.asDouble()); break;
                    case INT32: bytes.putInt(v.asInt()); break;
                    default: bytes.putLong(v.asLong());
                }
            }
            bytes.flip();
        }
        switch (type) {
            case FLOAT32: {
                float[] v = new float[shape.size()];
                bytes.asFloatBuffer().get(v);
                return Tensor.ofFloats(shape, v);
            }
            case FLOAT64: {
                double[] v = new double[shape.size()];
                bytes.asDoubleBuffer().get(v);
                return Tensor.ofDoubles(shape, v);
            }
            case INT32: {
                int[] v = new int[shape.size()];
                bytes.asIntBuffer().get(v);
                return Tensor.ofInts(shape, v);
            }
            default: {
                long[] v = new long[shape.size()];
                bytes.asLongBuffer().get(v);
                return Tensor.ofLongs(shape, v);
            }
        }
    }
}
