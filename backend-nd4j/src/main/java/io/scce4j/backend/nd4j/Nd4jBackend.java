package io.scce4j.backend.nd4j;

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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J backend. ND4J computes the elementwise work (clip, log, exp, row max and sums, softmax) inside a
 * workspace, so steady-state calls allocate no new native buffers; labels, weights and the reduction follow
 * Keras in Java, summing in double so that results never depend on ND4J's thread count. Thread-safe
 * (workspaces are per thread and per backend); {@link #close()} frees every thread's workspace.
 */
public final class Nd4jBackend implements Backend {
    /** The id of this backend. */
    public static final String ID = "nd4j";
    /**
     * ND4J adds a row's exps in another order than TensorFlow, so the sum s may differ by an ulp; log(s) then
     * differs by up to one float32 ulp of 1.0 (1.2e-7) however small the loss, which no relative bound covers:
     * hence the absolute part, twice what the Keras vectors measure.
     */
    private static final Tolerance TOLERANCE = Tolerance.of(2.4e-7, 4e-6);

    private static final AtomicLong INSTANCES = new AtomicLong();

    /** This backend's workspace id: closing it must not touch workspaces anyone else uses. */
    private final String workspaceId = "scce4j-nd4j-" + INSTANCES.incrementAndGet();
    /** The workspaces this backend's calls created, one per thread that called it. */
    private final Set<MemoryWorkspace> workspaces = ConcurrentHashMap.newKeySet();
    private final CloseGuard guard = new CloseGuard(ID);
    private final MaskPredictor predictor = new ValidatedPredictor() {
        @Override
        protected io.scce4j.api.Tensor mask(PredictCall call) {
            return withOpen(() -> Nd4jArgmax.predict(call));
        }
    };

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
        guard.checkOpen();
        return new Nd4jLoss(Objects.requireNonNull(options, "options"), this);
    }

    @Override
    public MaskPredictor predictor() {
        guard.checkOpen();
        return predictor;
    }

    /** Runs {@code body} unless the backend is closed; {@link #close()} waits for running calls. */
    <T> T withOpen(Supplier<T> body) {
        return guard.call(body);
    }

    /** Runs {@code body} inside this thread's workspace of this backend (created on first use, then reused). */
    <T> T inWorkspace(WorkspaceConfiguration configuration, Supplier<T> body) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(configuration, workspaceId)) {
            workspaces.add(ws);
            return body.get();
        }
    }

    /** The workspaces this backend holds native memory in, for tests. */
    Set<MemoryWorkspace> workspaces() {
        return Set.copyOf(workspaces);
    }

    /**
     * Waits for running calls, then frees the native memory of every workspace this backend's calls created,
     * on whichever thread; later calls fail with {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        guard.close(() -> {
            workspaces.forEach(ws -> ws.destroyWorkspace(true));
            workspaces.clear();
        });
    }
}
