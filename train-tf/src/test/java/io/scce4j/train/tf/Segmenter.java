package io.scce4j.train.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scce4j.conformance.training.ModelLayer;
import io.scce4j.conformance.training.NamedTensor;
import io.scce4j.conformance.training.TrainingCase;
import io.scce4j.conformance.training.TrainingRun;
import io.scce4j.conformance.training.TrainingVectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * The oracle's segmenter rebuilt in TensorFlow Java from the ops Keras's layers run (Conv2D, BiasAdd, Relu,
 * Conv2D, BiasAdd, Softmax; the kernels keep Keras's [kh, kw, in, out] layout), trained as Keras's fit trains it:
 * one SGD step per run, logging the step's loss before its update.
 */
final class Segmenter implements AutoCloseable {
    /** How the step is taken: TensorFlow Java's optimizer, or Graph.addGradients and ApplyGradientDescent. */
    enum Route { MINIMIZE, ADD_GRADIENTS }

    private static final List<Long> STRIDES = List.of(1L, 1L, 1L, 1L);
    // One thread, as the oracle runs Keras: reductions then add in one fixed order.
    private static final ConfigProto ONE_THREAD = ConfigProto.newBuilder().setIntraOpParallelismThreads(1)
            .setInterOpParallelismThreads(1).build();

    final Graph graph = new Graph();
    final GraphLoss<TFloat32> loss;
    final Operand<TFloat32> probabilities;
    private final Placeholder<TFloat32> x;
    private final Placeholder<?> y;
    private final Placeholder<?> sampleWeight;
    private final Map<String, Variable<TFloat32>> weights = new LinkedHashMap<>();
    private final Op step;
    private final TrainingCase trainingCase;

    @SuppressWarnings({"unchecked", "rawtypes"})
    Segmenter(TrainingVectors v, TrainingCase c, Route route, boolean probabilitiesOnly) {
        this.trainingCase = c;
        try {
            List<ModelLayer> layers = v.layers();
            assertEquals(List.of("Conv2D relu same", "Conv2D softmax valid"), layers.stream()
                    .map(l -> l.type() + " " + l.activation() + " " + l.padding()).toList(), "the oracle's model");
            Ops tf = Ops.create(graph);
            x = tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(TfArrays.shape(c.x())));
            y = tf.withName("y").placeholder((Class) TfArrays.type(c.y()), Placeholder.shape(TfArrays.shape(c.y())));
            sampleWeight = c.sampleWeight() == null ? null : tf.withName("sample_weight").placeholder(
                    (Class) TfArrays.type(c.sampleWeight()), Placeholder.shape(TfArrays.shape(c.sampleWeight())));
            for (NamedTensor w : v.initialWeights()) {
                try (TFloat32 init = (TFloat32) TfArrays.tf(w.value())) {
                    weights.put(w.name(), tf.withName(w.name().replace('/', '_')).variable(tf.constant(init)));
                }
            }
            Operand<TFloat32> h = tf.nn.relu(tf.nn.biasAdd(tf.nn.conv2d(x, weights.get("features/kernel"), STRIDES,
                    "SAME"), weights.get("features/bias")));
            Operand<TFloat32> logits = tf.nn.biasAdd(tf.nn.conv2d(h, weights.get("classes/kernel"), STRIDES, "VALID"),
                    weights.get("classes/bias"));
            Operand<TFloat32> softmax = tf.nn.softmax(logits);
            // An Identity hides the softmax: what a loss object applied to model.predict's output sees.
            probabilities = probabilitiesOnly ? tf.identity(softmax) : softmax;
            loss = KerasGraphLoss.sparseCategoricalCrossentropy(tf, (Operand<? extends TNumber>) y, probabilities,
                    (Operand<? extends TNumber>) sampleWeight, c.options());
            step = route == Route.MINIMIZE ? new GradientDescent(graph, v.learningRate()).minimize(loss.value())
                    : addGradients(tf, v.learningRate());
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    private Op addGradients(Ops tf, float learningRate) {
        List<Variable<TFloat32>> vars = new ArrayList<>(weights.values());
        Output<?>[] grads = graph.addGradients(loss.value().asOutput(),
                vars.stream().map(Variable::asOutput).toArray(Output[]::new));
        Ops after = tf.withControlDependencies(List.of(grads)); // every gradient before any update, as Keras
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            @SuppressWarnings("unchecked")
            Output<TFloat32> g = (Output<TFloat32>) grads[i];
            updates.add(after.train.applyGradientDescent(vars.get(i), after.constant(learningRate), g));
        }
        return tf.withControlDependencies(updates).noOp();
    }

    /** Trains {@code steps} steps from the initial weights. */
    TrainingRun train(int steps) {
        try (Session s = new Session(graph, ONE_THREAD)) {
            s.initialize();
            List<Double> losses = new ArrayList<>();
            for (int i = 0; i < steps; i++) {
                try (Result r = feed(s.runner()).addTarget(step).fetch(loss.value()).run()) {
                    losses.add((double) ((TFloat32) r.get(0)).getFloat());
                }
            }
            List<NamedTensor> out = new ArrayList<>();
            for (Map.Entry<String, Variable<TFloat32>> w : weights.entrySet()) {
                try (Result r = s.runner().fetch(w.getValue()).run()) {
                    out.add(new NamedTensor(w.getKey(), TfArrays.api(r.get(0))));
                }
            }
            return new TrainingRun(losses, out);
        }
    }

    /** The loss at the initial weights, without a step. */
    float initialLoss() {
        try (Session s = new Session(graph, ONE_THREAD)) {
            s.initialize();
            try (Result r = feed(s.runner()).fetch(loss.value()).run()) {
                return ((TFloat32) r.get(0)).getFloat();
            }
        }
    }

    /** The batch, fed to every run; made once, closed with the graph. */
    private final List<org.tensorflow.Tensor> batch = new ArrayList<>();

    private Session.Runner feed(Session.Runner runner) {
        if (batch.isEmpty()) {
            batch.add(TfArrays.tf(trainingCase.x()));
            batch.add(TfArrays.tf(trainingCase.y()));
            if (sampleWeight != null) {
                batch.add(TfArrays.tf(trainingCase.sampleWeight()));
            }
        }
        runner.feed(x, batch.get(0)).feed(y, batch.get(1));
        return sampleWeight == null ? runner : runner.feed(sampleWeight, batch.get(2));
    }

    @Override
    public void close() {
        batch.forEach(org.tensorflow.Tensor::close);
        graph.close();
    }
}
