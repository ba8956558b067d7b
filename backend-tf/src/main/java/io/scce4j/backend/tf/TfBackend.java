package io.scce4j.backend.tf;

import io.scce4j.api.Backend;
import io.scce4j.api.Capability;
import io.scce4j.api.LossOptions;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tolerance;
import io.scce4j.keras.PredictCall;
import io.scce4j.spi.CloseGuard;
import io.scce4j.spi.ValidatedPredictor;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;

/**
 * The TensorFlow backend: each loss configuration is one TensorFlow graph, built once from the ops Keras uses and
 * run in its own session; inputs are fed, every tensor and result is closed after the call. Thread-safe.
 * {@link #close()} closes every graph and session; calls after it fail.
 */
public final class TfBackend implements Backend {
    /** The id of this backend. */
    public static final String ID = "tf";
    private static final Tolerance TOLERANCE = Tolerance.of(0, 4e-7);

    private final ConfigProto config;
    private final int threads;
    private final ConcurrentHashMap<LossGraph.Key, LossGraph> losses = new ConcurrentHashMap<>();
    private final ArgmaxGraph argmax;
    private final CloseGuard guard = new CloseGuard(ID);
    private final MaskPredictor predictor = new ValidatedPredictor() {
        @Override
        protected io.scce4j.api.Tensor mask(PredictCall call) {
            return withOpen(() -> argmax.predict(call));
        }
    };

    /**
     * @param threads TensorFlow's intra-op threads; 1 reproduces the Keras oracle's reductions bit for bit
     */
    public TfBackend(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + "; valid: >= 1");
        }
        this.threads = threads;
        // Grappler would rewrite the graph (x * reciprocal(y) into x / y, say) and change bits; Keras runs these
        // ops eagerly, unoptimized.
        this.config = ConfigProto.newBuilder().setIntraOpParallelismThreads(threads)
                .setInterOpParallelismThreads(1)
                .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(
                        RewriterConfig.newBuilder().setDisableMetaOptimizer(true)))
                .build();
        this.argmax = new ArgmaxGraph(config);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return TfBackendProvider.Versions.OWN + " (TensorFlow Java " + TfBackendProvider.Versions.TENSORFLOW_JAVA
                + ", TensorFlow " + TfBackendProvider.NativeLibrary.TENSORFLOW + ")";
    }

    @Override
    public String device() {
        return "CPU (TensorFlow), " + threads + (threads == 1 ? " intra-op thread" : " intra-op threads");
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    /**
     * Gradients from probabilities may differ from Keras's in their last float32 bits: TensorFlow's vectorized
     * reciprocal differs between this native build and Keras's (see {@link LossGraph}).
     */
    @Override
    public Tolerance tolerance() {
        return TOLERANCE;
    }

    @Override
    public SparseCategoricalCrossentropy loss(LossOptions options) {
        Objects.requireNonNull(options, "options");
        return withOpen(() -> new TfLoss(options, this));
    }

    @Override
    public MaskPredictor predictor() {
        guard.checkOpen();
        return predictor;
    }

    /** The graph of a configuration, built on first use. */
    LossGraph graph(LossGraph.Key key) {
        return losses.computeIfAbsent(key, k -> new LossGraph(k, config));
    }

    /** Runs {@code body} unless the backend is closed; {@link #close()} waits for running calls. */
    <T> T withOpen(Supplier<T> body) {
        return guard.call(body);
    }

    @Override
    public void close() {
        guard.close(() -> {
            losses.values().forEach(LossGraph::close);
            losses.clear();
            argmax.close();
        });
    }
}
