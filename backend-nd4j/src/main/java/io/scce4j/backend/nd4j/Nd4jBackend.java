package io.scce4j.backend.nd4j;

import io.scce4j.api.Backend;
import io.scce4j.api.Capability;
import io.scce4j.api.LossOptions;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tolerance;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend. ND4J computes the elementwise work (clip, log, exp, row max and sums, softmax) inside a
 * workspace, so steady-state calls allocate no new native buffers; labels, weights and the reduction follow
 * Keras in Java, summing in double so that results never depend on ND4J's thread count. Thread-safe
 * (workspaces are per thread).
 */
public final class Nd4jBackend implements Backend {
    /** The id of this backend. */
    public static final String ID = "nd4j";
    private static final Tolerance TOLERANCE = Tolerance.of(0, 4e-6);

    private final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return Nd4jBackendProvider.Versions.OWN + " (ND4J " + Nd4jBackendProvider.Versions.ND4J + ")";
    }

    @Override
    public String device() {
        return "ND4J " + Nd4j.getBackend().getClass().getSimpleName() + ", "
                + Nd4j.getEnvironment().maxThreads() + " threads";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    /** Measured against the Keras vectors (see the README's conformance table). */
    @Override
    public Tolerance tolerance() {
        return TOLERANCE;
    }

    @Override
    public SparseCategoricalCrossentropy loss(LossOptions options) {
        checkOpen();
        return new Nd4jLoss(Objects.requireNonNull(options, "options"), this);
    }

    @Override
    public MaskPredictor predictor() {
        checkOpen();
        return yPred -> {
            checkOpen();
            return Nd4jArgmax.predict(yPred);
        };
    }

    void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("backend 'nd4j' is closed; create a new one");
        }
    }

    /** Marks the backend closed and frees this thread's workspaces. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        }
    }
}
