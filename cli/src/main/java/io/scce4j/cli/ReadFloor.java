package io.scce4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;

/**
 * The floor of {@code bench}: the fastest read of the batch's bytes the JVM manages, on 1 and on T threads. Two
 * forms, the faster counts: the floats added into eight independent accumulators (so the time is the read, not a
 * chain of dependent additions), and the same bytes read as ints into one accumulator, which C2 turns into vector
 * additions. The old figure, one double accumulator, is kept beside it ({@link #sequential}) because it measured
 * the latency of a chain of additions, 2 to 4 times the read.
 */
final class ReadFloor {
    private static volatile double sink;

    private final float[] floats;
    private final int[] bits;

    ReadFloor(float[] values) {
        this.floats = values;
        this.bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]); // the same bytes, for the integer form
        }
    }

    /** The fastest form's median over {@code repetitions}, after as many warm-up reads, on {@code threads}. */
    double milliseconds(int threads, int repetitions) {
        return Math.min(time(threads, repetitions, this::floats8), time(threads, repetitions, this::ints));
    }

    /** The old floor: one double accumulator, on one thread. */
    double sequential(int repetitions) {
        return time(1, repetitions, (from, to) -> {
            double s = 0;
            for (int i = from; i < to; i++) {
                s += floats[i];
            }
            return s;
        });
    }

    private interface Part {
        double read(int from, int to);
    }

    private double floats8(int from, int to) {
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            a0 += floats[i];
            a1 += floats[i + 1];
            a2 += floats[i + 2];
            a3 += floats[i + 3];
            a4 += floats[i + 4];
            a5 += floats[i + 5];
            a6 += floats[i + 6];
            a7 += floats[i + 7];
        }
        for (; i < to; i++) {
            a0 += floats[i];
        }
        return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    }

    private double ints(int from, int to) {
        int s = 0;
        for (int i = from; i < to; i++) {
            s += bits[i];
        }
        return s;
    }

    private double time(int threads, int repetitions, Part part) {
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads) : null;
        try {
            DoubleSupplier once = () -> read(part, threads, pool);
            for (int i = 0; i < repetitions; i++) {
                sink = once.getAsDouble();
            }
            double[] ms = new double[repetitions];
            for (int i = 0; i < repetitions; i++) {
                long start = System.nanoTime();
                sink = once.getAsDouble();
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            java.util.Arrays.sort(ms);
            return ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        } finally {
            if (pool != null) {
                pool.shutdown();
            }
        }
    }

    private double read(Part part, int threads, ExecutorService pool) {
        int n = floats.length;
        if (pool == null) {
            return part.read(0, n);
        }
        try {
            List<Future<Double>> parts = new ArrayList<>();
            int step = (n + threads - 1) / threads;
            for (int k = 0; k < threads; k++) {
                int from = Math.min(n, k * step);
                int to = Math.min(n, from + step);
                parts.add(pool.submit(() -> part.read(from, to)));
            }
            double s = 0;
            for (Future<Double> f : parts) {
                s += f.get();
            }
            return s;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
