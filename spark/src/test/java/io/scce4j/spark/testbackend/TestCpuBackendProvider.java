package io.scce4j.spark.testbackend;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.api.Capability;
import io.scce4j.api.LossOptions;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.spi.BackendProvider;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Backend {@code test-cpu}: the cpu backend's numbers, counting how often it is opened and closed in this JVM
 * (the executor-lifecycle test), and sleeping {@code SCCE4J_TEST_DELAY_MS} milliseconds before each mask so that
 * tasks run long enough for a worker to be killed under them (the cluster test). Priority 1: never chosen unless
 * named.
 */
public final class TestCpuBackendProvider implements BackendProvider {
    /** Backends created in this JVM. */
    public static final AtomicInteger OPENED = new AtomicInteger();
    /** Backends closed in this JVM. */
    public static final AtomicInteger CLOSED = new AtomicInteger();
    /** The threads the last backend was created with (0: unset). */
    public static final AtomicInteger THREADS = new AtomicInteger();

    @Override
    public String id() {
        return "test-cpu";
    }

    @Override
    public int priority() {
        return 1;
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public Backend create(BackendSettings settings) {
        Backend cpu = BackendSelector.fromEnvironment().open("cpu", settings);
        OPENED.incrementAndGet();
        THREADS.set(settings.threadsOr(0));
        String delay = System.getenv("SCCE4J_TEST_DELAY_MS");
        long millis = delay == null ? 0 : Long.parseLong(delay);
        return new Backend() {
            @Override
            public String id() {
                return "test-cpu";
            }

            @Override
            public String version() {
                return "test on " + cpu.version();
            }

            @Override
            public String device() {
                return cpu.device();
            }

            @Override
            public Set<Capability> capabilities() {
                return cpu.capabilities();
            }

            @Override
            public SparseCategoricalCrossentropy loss(LossOptions options) {
                return cpu.loss(options);
            }

            @Override
            public MaskPredictor predictor() {
                MaskPredictor p = cpu.predictor();
                return yPred -> {
                    sleep(millis);
                    return p.predict(yPred);
                };
            }

            @Override
            public void close() {
                cpu.close();
                CLOSED.incrementAndGet();
            }
        };
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
