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
    private static final Tolerance TOLERANCE = Tolerance.of(0, 4e-6);

    private final Chunks chunks;
    private final MaskPredictor predictor;

    /**
     * @param threads worker threads for large inputs, at least 1; results do not depend on it
     */
    public CpuBackend(int threads) {
        this.chunks = new Chunks(threads);
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
        return "CPU, " + chunks.threads() + (chunks.threads() == 1 ? " thread" : " threads");
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public SparseCategoricalCrossentropy loss(LossOptions options) {
        chunks.checkOpen();
        return new CpuLoss(Objects.requireNonNull(options, "options"), chunks);
    }

    /**
     * Measured against the Keras vectors: the largest deviation is 34 float32 ulp (a gradient element of a
     * 150-class probability case), about 2e-6 relative.
     */
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
