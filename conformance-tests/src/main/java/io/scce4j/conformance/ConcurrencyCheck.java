package io.scce4j.conformance;

import io.scce4j.api.Backend;
import io.scce4j.api.Capability;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Shape;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many threads sharing one loss and one predictor of a backend, as a training or serving process does: every
 * result must equal what the same call gives on one thread (within the backend's claimed tolerance; masks
 * exactly). Inputs vary in shape and class count from call to call.
 *
 * <pre>{@code
 * ConcurrencyCheck.Result r = ConcurrencyCheck.run(backend, 8, 300);
 * if (!r.passed()) throw new AssertionError(r);
 * }</pre>
 */
public final class ConcurrencyCheck {
    private static final int[][] SHAPES = {
        {7, 2}, {1, 3}, {2, 5, 23}, {3, 4, 6, 5}, {2, 16, 16, 23}, {4, 150}, {1, 33, 7, 3}, {9, 9, 2},
        {2, 8, 8, 64}, {5, 1, 40}, {1, 1, 1, 8}, {6, 31, 23},
    };
    private static final int MESSAGES_KEPT = 10;

    private ConcurrencyCheck() {
    }

    /** What a run found. */
    public static final class Result {
        private final int calls;
        private final int identical;
        private final List<String> problems;

        Result(int calls, int identical, List<String> problems) {
            this.calls = calls;
            this.identical = identical;
            this.problems = List.copyOf(problems);
        }

        /** True when every call agreed with the single-threaded result. */
        public boolean passed() {
            return problems.isEmpty();
        }

        /** Calls made from all threads. */
        public int calls() {
            return calls;
        }

        /** Calls whose result was bit-identical to the single-threaded one. */
        public int bitIdentical() {
            return identical;
        }

        /** The first problems found (at most ten), each naming the thread, call and element. */
        public List<String> problems() {
            return problems;
        }

        @Override
        public String toString() {
            return calls + " calls, " + identical + " bit-identical to one thread"
                    + (problems.isEmpty() ? "" : "; problems: " + String.join("; ", problems));
        }
    }

    /**
     * Runs {@code callsPerThread} calls on each of {@code threads} threads (a loss, with gradient when the
     * backend has gradients, then a mask, alternately), after computing every expected result on this thread;
     * results may differ from one thread's by the backend's claimed tolerance.
     */
    public static Result run(Backend backend, int threads, int callsPerThread) throws InterruptedException {
        return run(backend, threads, callsPerThread, backend.tolerance());
    }

    /**
     * As {@link #run(Backend, int, int)}, with results allowed to differ from one thread's by {@code tolerance}
     * (masks never). The kit passes the claim capped at {@link ConformanceKit#MAX_TOLERANCE}.
     */
    public static Result run(Backend backend, int threads, int callsPerThread, Tolerance tolerance)
            throws InterruptedException {
        java.util.Objects.requireNonNull(tolerance, "tolerance");
        if (threads < 1 || callsPerThread < 1) {
            throw new IllegalArgumentException("threads and calls per thread must be >= 1; got " + threads + " and "
                    + callsPerThread);
        }
        boolean gradient = backend.capabilities().contains(Capability.GRADIENT);
        SparseCategoricalCrossentropy loss = backend.loss(LossOptions.defaults());
        MaskPredictor predictor = backend.predictor();
        List<Tensor[]> inputs = inputs();
        List<Tensor[]> expected = new ArrayList<>();
        for (Tensor[] in : inputs) {
            expected.add(call(loss, predictor, gradient, in));
        }
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger identical = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int k = 0; k < callsPerThread; k++) {
                        int i = (thread * 7 + k * 5) % inputs.size();
                        try {
                            Tensor[] got = call(loss, predictor, gradient, inputs.get(i));
                            String diff = compare(got, expected.get(i), tolerance);
                            if (diff == null) {
                                identical.incrementAndGet();
                            } else if (!diff.isEmpty()) {
                                keep(problems, "thread " + thread + ", call " + k + ", input " + i + ": " + diff);
                            }
                        } catch (RuntimeException e) {
                            keep(problems, "thread " + thread + ", call " + k + ", input " + i + ": threw " + e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                try {
                    f.get(10, TimeUnit.MINUTES);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    keep(problems, "a thread did not finish: " + e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(threads * callsPerThread, identical.get(), problems);
    }

    private static void keep(List<String> problems, String problem) {
        if (problems.size() < MESSAGES_KEPT) {
            problems.add(problem);
        }
    }

    private static Tensor[] call(SparseCategoricalCrossentropy loss, MaskPredictor predictor, boolean gradient,
            Tensor[] in) {
        Tensor mask = predictor.predict(in[1]);
        if (gradient) {
            LossWithGradient r = loss.computeWithGradient(in[0], in[1], in[2]);
            return new Tensor[] {r.value(), r.gradient(), mask};
        }
        return new Tensor[] {loss.compute(in[0], in[1], in[2]), mask};
    }

    /** null: bit-identical; "": within tolerance; otherwise what differs. */
    private static String compare(Tensor[] got, Tensor[] want, Tolerance tolerance) {
        boolean identical = true;
        for (int k = 0; k < want.length; k++) {
            boolean mask = k == want.length - 1;
            if (!got[k].shape().equals(want[k].shape()) || got[k].dtype() != want[k].dtype()) {
                return "result " + k + " is " + got[k].dtype() + got[k].shape() + ", one thread gave "
                        + want[k].dtype() + want[k].shape();
            }
            for (int i = 0; i < want[k].size(); i++) {
                double g = got[k].getDouble(i);
                double w = want[k].getDouble(i);
                if (Double.doubleToLongBits(g) == Double.doubleToLongBits(w)) {
                    continue;
                }
                identical = false;
                if (mask || !tolerance.allows(g, w)) {
                    return (mask ? "mask" : "result " + k) + " element " + i + ": " + g + ", one thread gave " + w;
                }
            }
        }
        return identical ? null : "";
    }

    private static List<Tensor[]> inputs() {
        SplittableRandom r = new SplittableRandom(2024);
        List<Tensor[]> inputs = new ArrayList<>();
        for (int[] dims : SHAPES) {
            long[] d = new long[dims.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = dims[i];
            }
            Shape pred = Shape.of(d);
            Shape labels = pred.withoutLast();
            int classes = dims[dims.length - 1];
            int n = labels.size();
            int[] y = new int[n];
            float[] p = new float[n * classes];
            float[] w = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = r.nextInt(classes);
                w[i] = (float) r.nextDouble(0, 2);
                float sum = 0;
                for (int c = 0; c < classes; c++) {
                    p[i * classes + c] = (float) r.nextDouble(1e-4, 1);
                    sum += p[i * classes + c];
                }
                for (int c = 0; c < classes; c++) {
                    p[i * classes + c] /= sum;
                }
            }
            Tensor weights = inputs.size() % 3 == 0 ? Tensor.ofFloats(labels, w) : null;
            inputs.add(new Tensor[] {Tensor.ofInts(labels, y), Tensor.ofFloats(pred, p), weights});
        }
        return inputs;
    }
}
