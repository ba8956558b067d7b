package io.scce4j.benchmarks;

import io.scce4j.api.Backend;
import io.scce4j.api.LossOptions;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Shape;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Soak test for native backends: many calls on one batch, resident memory sampled as it goes. Each call is, in
 * turn, a loss, a loss with gradient, or a mask. Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar io.scce4j.benchmarks.Soak tf 10000 8x96x128x23}
 */
public final class Soak {
    private Soak() {
    }

    public static void main(String[] args) throws IOException {
        String id = args.length > 0 ? args[0] : "tf";
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long[] dims = java.util.Arrays.stream((args.length > 2 ? args[2] : "8x96x128x23").split("x"))
                .mapToLong(Long::parseLong).toArray();
        Shape shape = Shape.of(dims);
        int classes = (int) dims[dims.length - 1];
        SplittableRandom r = new SplittableRandom(7);
        int[] labels = new int[shape.size() / classes];
        float[] p = new float[shape.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = r.nextInt(classes);
        }
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextDouble();
        }
        Tensor yTrue = Tensor.ofInts(shape.withoutLast(), labels);
        Tensor yPred = Tensor.ofFloats(shape, p);
        long start = System.nanoTime();
        try (Backend backend = Backends.load(id)) {
            SparseCategoricalCrossentropy loss = backend.loss(LossOptions.defaults());
            MaskPredictor predictor = backend.predictor();
            System.out.println("backend " + backend.id() + " " + backend.version() + ", " + calls + " calls on "
                    + shape);
            for (int i = 1; i <= calls; i++) {
                switch (i % 3) {
                    case 0: loss.compute(yTrue, yPred); break;
                    case 1: loss.computeWithGradient(yTrue, yPred); break;
                    default: predictor.predict(yPred); break;
                }
                if (i % 500 == 0 || i == 1) {
                    System.out.printf("call %6d  rss %7.1f MiB  heap %6.1f MiB  %6.1f s%n", i, rssMiB(),
                            (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1048576.0,
                            (System.nanoTime() - start) / 1e9);
                }
            }
        }
    }

    private static double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
