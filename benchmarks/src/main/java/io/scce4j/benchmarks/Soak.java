package io.scce4j.benchmarks;

import io.scce4j.api.Backend;
import io.scce4j.api.LossOptions;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Shape;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.Backends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Soak tests for native backends, with the process's resident memory sampled as they go.
 *
 * <p>{@link #calls}: many calls on one backend and one batch; each call is, in turn, a loss, a loss with
 * gradient, or a mask. {@link #lifecycles}: many backends created, used once and closed, to show that closing
 * releases native memory. Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar io.scce4j.benchmarks.Soak tf 10000 8x96x128x23} or
 * {@code ... Soak tf cycles 300}. The {@code soak} Maven profile runs both as tests ({@code NativeSoakTest}).
 */
public final class Soak {
    private Soak() {
    }

    /** Resident memory after a number of calls or cycles. */
    public static final class Sample {
        public final int count;
        public final double rssMiB;
        public final double seconds;

        Sample(int count, double rssMiB, double seconds) {
            this.count = count;
            this.rssMiB = rssMiB;
            this.seconds = seconds;
        }

        @Override
        public String toString() {
            return String.format("%6d  rss %7.1f MiB  %6.1f s", count, rssMiB, seconds);
        }
    }

    public static void main(String[] args) {
        String id = args.length > 0 ? args[0] : "tf";
        Consumer<Sample> print = s -> System.out.println(s);
        if (args.length > 1 && args[1].equals("cycles")) {
            lifecycles(id, args.length > 2 ? Integer.parseInt(args[2]) : 300, 25, print);
            return;
        }
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long[] dims = java.util.Arrays.stream((args.length > 2 ? args[2] : "8x96x128x23").split("x"))
                .mapToLong(Long::parseLong).toArray();
        calls(id, calls, Shape.of(dims), 500, print);
    }

    /** {@code calls} calls on one backend; a sample after the first call and every {@code every} calls. */
    public static List<Sample> calls(String id, int calls, Shape shape, int every, Consumer<Sample> progress) {
        Tensor[] batch = batch(shape);
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        try (Backend backend = Backends.load(id)) {
            SparseCategoricalCrossentropy loss = backend.loss(LossOptions.defaults());
            MaskPredictor predictor = backend.predictor();
            for (int i = 1; i <= calls; i++) {
                call(loss, predictor, batch, i);
                if (i % every == 0 || i == 1) {
                    Sample s = new Sample(i, rssMiB(), (System.nanoTime() - start) / 1e9);
                    samples.add(s);
                    progress.accept(s);
                }
            }
        }
        return samples;
    }

    /**
     * {@code cycles} times: load the backend, make one call of each kind on a small batch, close it. Samples are
     * taken after a full collection: TensorFlow Java leaves about 0.5 MB of native memory per closed backend to
     * the garbage collector (JavaCPP deallocators), which a loop that allocates little on the Java heap would
     * otherwise report as growth; a leak is what survives the collection.
     */
    public static List<Sample> lifecycles(String id, int cycles, int every, Consumer<Sample> progress) {
        Tensor[] batch = batch(Shape.of(2, 32, 32, 23));
        List<Sample> samples = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 1; i <= cycles; i++) {
            try (Backend backend = Backends.load(id)) {
                SparseCategoricalCrossentropy loss = backend.loss(LossOptions.defaults());
                for (int k = 0; k < 3; k++) {
                    call(loss, backend.predictor(), batch, k);
                }
            }
            if (i % every == 0 || i == 1) {
                System.gc();
                Sample s = new Sample(i, rssMiB(), (System.nanoTime() - start) / 1e9);
                samples.add(s);
                progress.accept(s);
            }
        }
        return samples;
    }

    private static void call(SparseCategoricalCrossentropy loss, MaskPredictor predictor, Tensor[] batch, int i) {
        switch (i % 3) {
            case 0: loss.compute(batch[0], batch[1]); break;
            case 1: loss.computeWithGradient(batch[0], batch[1]); break;
            default: predictor.predict(batch[1]); break;
        }
    }

    private static Tensor[] batch(Shape shape) {
        int classes = (int) shape.dim(-1);
        SplittableRandom r = new SplittableRandom(7);
        int[] labels = new int[shape.size() / classes];
        float[] p = new float[shape.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.nextInt(classes);
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextDouble();
        }
        return new Tensor[] {Tensor.ofInts(shape.withoutLast(), labels), Tensor.ofFloats(shape, p)};
    }

    /** This process's resident set size, from /proc (Linux). */
    public static double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Double.NaN;
    }
}
