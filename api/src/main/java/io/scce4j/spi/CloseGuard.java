package io.scce4j.spi;

import java.util.Objects;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * What a backend with native resources needs for {@code close()}: calls run while the backend is open, many at a
 * time; closing waits for the running ones, frees the resources once, and every later call fails with the same
 * clear {@link IllegalStateException}.
 *
 * <pre>{@code
 * private final CloseGuard guard = new CloseGuard("acme");
 *
 * public Tensor compute(...) { return guard.call(() -> session.run(...)); }
 * public MaskPredictor predictor() { guard.checkOpen(); return predictor; }
 * public void close() { guard.close(session::close); }
 * }</pre>
 */
public final class CloseGuard {
    private final String backendId;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /** @param backendId named in the error a call after close gets */
    public CloseGuard(String backendId) {
        this.backendId = Objects.requireNonNull(backendId, "backendId");
    }

    /**
     * Runs {@code body} unless the backend is closed; {@link #close} waits for it.
     *
     * @throws IllegalStateException after {@link #close}
     */
    public <T> T call(Supplier<T> body) {
        lock.readLock().lock();
        try {
            checkOpen();
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Fails once the backend is closed; for calls that hold no resource while they run.
     *
     * @throws IllegalStateException after {@link #close}
     */
    public void checkOpen() {
        if (closed) {
            throw new IllegalStateException("backend '" + backendId + "' is closed; create a new one");
        }
    }

    /** Waits for running calls, then runs {@code release}, the first time only. */
    public void close(Runnable release) {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            release.run();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
