package io.scce4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scce4j.api.LossOptions;
import io.scce4j.api.Shape;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Once the JIT has compiled it, a loss call allocates no more than its result, the resolved labels of its
 * {@code LossCall} (4 bytes a pixel: 48 kB here) and a few small objects, on the SIMD kernel too: a vector operation the JIT does not turn into instructions falls back to Java code that
 * allocates per vector (megabytes a call). One thread, so the calling thread's allocation counter sees
 * everything. (The CLI's bench reports the same figure for every op and thread.)
 */
class SteadyStateAllocationTest {
    private static final long LIMIT_PER_CALL = 64 << 10;

    @Test
    void aWarmLossCallAllocatesAlmostNothingWithWhicheverKernelRuns() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        SplittableRandom r = new SplittableRandom(1);
        int pixels = 96 * 128;
        int classes = 23;
        int[] labels = new int[pixels];
        float[] p = new float[pixels * classes];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < pixels; i++) {
            labels[i] = r.nextInt(classes);
        }
        Tensor yTrue = Tensor.ofInts(Shape.of(1, 96, 128), labels);
        Tensor yPred = Tensor.ofFloats(Shape.of(1, 96, 128, classes), p);
        FloatKernel kernel = FloatKernel.best(true);
        SparseCategoricalCrossentropy loss = new CpuLoss(LossOptions.defaults(), new Chunks(1), kernel);
        for (int i = 0; i < 400; i++) {
            loss.compute(yTrue, yPred);
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5 && best > LIMIT_PER_CALL; round++) { // a late compilation gets more rounds
            long before = allocated();
            for (int i = 0; i < 20; i++) {
                loss.compute(yTrue, yPred);
            }
            best = Math.min(best, (allocated() - before) / 20);
        }
        assertTrue(best <= LIMIT_PER_CALL, kernel.description() + ": " + best + " bytes per call");
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }
}
