package io.scce4j.backend.cpu;

import io.scce4j.spi.CloseGuard;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Splits work over elements into chunks of a fixed size, whatever the thread count, and runs them on the
 * backend's own pool. Each chunk writes its own slots, and partial sums are combined in chunk order by the
 * caller: that is what keeps results independent of the number of threads.
 */
final class Chunks {
    /** Elements (pixels) per chunk: fixed, so chunk boundaries never depend on the thread count. */
    static final int CHUNK = 4096;
    /** Below this many input floats, threads cost more than they save. */
    private static final long PARALLEL_THRESHOLD = 1 << 17;

    private final int threads;
    private final ForkJoinPool pool;
    private final CloseGuard guard = new CloseGuard(CpuBackend.ID);

    Chunks(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads is " + threads + "; valid: >= 1");
        }
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    int threads() {
        return threads;
    }

    static int count(int elements) {
        return (elements + CHUNK - 1) / CHUNK;
    }

    /**
     * Runs {@code body} for every chunk index in [0, count(elements)); {@link #close()} waits for it, so the
     * pool is never shut down under a running call.
     */
    void run(int elements, int classes, IntConsumer body) {
        guard.call(() -> {
            int n = count(elements);
            if (pool == null || n < 2 || (long) elements * Math.max(classes, 1) < PARALLEL_THRESHOLD) {
                for (int c = 0; c < n; c++) {
                    body.accept(c);
                }
                return null;
            }
            ForkJoinTask<?> task = pool.submit(() -> IntStream.range(0, n).parallel().forEach(body));
            return task.join();
        });
    }

    /** @throws IllegalStateException once the backend is closed */
    void checkOpen() {
        guard.checkOpen();
    }

    void close() {
        guard.close(() -> {
            if (pool != null) {
                pool.shutdown();
            }
        });
    }
}
