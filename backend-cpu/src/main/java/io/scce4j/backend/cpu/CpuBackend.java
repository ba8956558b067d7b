package io.scce4j.backend.cpu;

import io.scce4j.api.Backend;
import io.scce4j.api.Capability;
import io.scce4j.api.LossOptions;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tolerance;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The plain-Java backend. Thread-safe; closing it stops its worker threads, after which every call fails.
 * It computes float32 exp and log as TensorFlow's CPU kernels do, so most results equal Keras's bit for bit.
 * With {@code --add-modules jdk.incubator.vector} on the JVM's command line it runs them with SIMD; without, or
 * with the Vector API switched off ({@code BackendSettings.withVector(false)}, {@code -Dscce4j.cpu.vector=false}),
 * one element at a time, with identical results.
 *
 * <pre>{@code
 * try (Backend cpu = new CpuBackend(4)) {
 *     Tensor loss = cpu.loss(LossOptions.defaults()).compute(yTrue, yPred);
 * }
 * }</pre>
 */
public final class CpuBackend implements Backend {
    /** The id of this backend. */
    public static final String ID = "cpu";
    private static final Tolerance TOLERANCE = Tolerance.of(0, 1e-6);

    private final Chunks chunks;
    private final FloatKernel kernel;
    private final MaskPredictor predictor;

    /**
     * @param threads worker threads for large inputs, at least 1; results do not depend on it
     */
    public CpuBackend(int threads) {
        this(threads, true);
    }

    /**
     * @param threads worker threads for large inputs, at least 1; results do not depend on it
     * @param vector whether to use the Vector API when the JVM has it; results do not depend on it
     */
    public CpuBackend(int threads, boolean vector) {
        this.chunks = new Chunks(threads);
        this.kernel = FloatKernel.best(vector);
        this.predictor = new CpuMaskPredictor(chunks);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return CpuBackendProvider.Version.VALUE + " (Java " + Runtime.version() + ")";
    }

    @Override
    public String device() {
        return "CPU, " + chunks.threads() + (chunks.threads() == 1 ? " thread" : " threads") + ", "
                + kernel.description();
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public SparseCategoricalCrossentropy loss(LossOptions options) {
        chunks.checkOpen();
        return new CpuLoss(Objects.requireNonNull(options, "options"), chunks, kernel);
    }

    /** What the conformance kit holds this backend to (the README lists what it measured). */
    @Override
    public Tolerance tolerance() {
        return TOLERANCE;
    }

    @Override
    public MaskPredictor predictor() {
        chunks.checkOpen();
        return predictor;
    }

    @Override
    public void close() {
        chunks.close();
    }
}
