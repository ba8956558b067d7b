package io.scce4j.backend.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.BackendInfo;
import io.scce4j.discovery.Backends;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TfBackendTest {

    private static Tensor[] batch(long seed, int n, int h, int w, int c) {
        SplittableRandom r = new SplittableRandom(seed);
        int pixels = n * h * w;
        int[] labels = new int[pixels];
        float[] p = new float[pixels * c];
        for (int i = 0; i < pixels; i++) {
            labels[i] = r.nextInt(c);
            for (int k = 0; k < c; k++) {
                p[i * c + k] = (float) r.nextDouble();
            }
        }
        return new Tensor[] {Tensor.ofInts(Shape.of(n, h, w), labels), Tensor.ofFloats(Shape.of(n, h, w, c), p)};
    }

    @Test
    void isFoundThroughTheServiceLoaderAndAvailableWithTheNativeLibraryOnTheClassPath() {
        BackendInfo tf = Backends.discover().stream().filter(b -> b.id().equals("tf")).findFirst().orElseThrow();
        assertEquals(300, tf.priority());
        assertTrue(tf.availability().isAvailable(), tf.availability().reason());
        try (Backend b = Backends.load("tf")) {
            assertTrue(b.version().contains("TensorFlow 2.18.0"), b.version());
        }
    }

    @Test
    void manyThreadsSharingOneLossGetWhatOneThreadGets() throws Exception {
        try (Backend tf = new TfBackendProvider().create(BackendSettings.defaults())) {
            SparseCategoricalCrossentropy loss = tf.loss(LossOptions.builder().reduction(Reduction.SUM).build());
            List<Tensor[]> inputs = new ArrayList<>();
            List<LossWithGradient> expected = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                Tensor[] b = batch(k, 1 + k % 3, 4 + k, 5, 2 + k);
                inputs.add(b);
                expected.add(loss.computeWithGradient(b[0], b[1]));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int seed = t;
                    results.add(pool.submit(() -> {
                        for (int call = 0; call < 60; call++) {
                            int k = (seed + call) % inputs.size();
                            LossWithGradient got = loss.computeWithGradient(inputs.get(k)[0], inputs.get(k)[1]);
                            if (!got.value().equals(expected.get(k).value())
                                    || !got.gradient().equals(expected.get(k).gradient())) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> f : results) {
                    assertTrue(f.get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    @Test
    void aClosedBackendRefusesWork() {
        Backend tf = new TfBackendProvider().create(BackendSettings.defaults());
        SparseCategoricalCrossentropy loss = tf.loss();
        tf.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loss.compute(Tensor.ofInts(Shape.of(1), 0), Tensor.ofFloats(Shape.of(1, 2), 0.5f, 0.5f)));
        assertEquals("backend 'tf' is closed; create a new one", e.getMessage());
        tf.close(); // twice is fine
    }

    @Test
    void outOfRangeLabelsAreTheApisErrorNeverACrash() {
        try (Backend tf = new TfBackendProvider().create(BackendSettings.defaults())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> tf.loss().compute(
                    Tensor.ofInts(Shape.of(2), 0, 5), Tensor.ofFloats(Shape.of(2, 2), 0.5f, 0.5f, 0.5f, 0.5f)));
            assertEquals(InvalidInputException.Reason.LABEL_OUT_OF_RANGE, e.reason());
        }
    }

    @Test
    void theForumExampleUnderKeras2LegacyGivesThePrintedMean() {
        double[] p = {0.1, 0.9, 0.4, 0.6, 0.55, 0.45, 0.3, 0.7, 0.2, 0.8, 0.05, 0.95, 0.15, 0.85, 0.25, 0.75, 0.01,
            0.99};
        try (Backend tf = new TfBackendProvider().create(BackendSettings.defaults())) {
            Tensor mean = tf.loss(LossOptions.builder().profile(io.scce4j.api.LossProfile.KERAS2_LEGACY).build())
                    .compute(Tensor.ofInts(Shape.of(3, 3), 0, 1, 1, 1, 1, 1, 1, 0, 1),
                            Tensor.ofDoubles(Shape.of(3, 3, 2), p));
            assertEquals(0.6446548700332642, mean.getDouble(0), 0.0);
        }
    }

    @Test
    void theThreadSettingSetsTensorFlowsIntraOpThreads() {
        try (Backend tf = new TfBackendProvider().create(BackendSettings.defaults().withThreads(2))) {
            assertEquals("CPU (TensorFlow), 2 intra-op threads", tf.device());
        }
    }
}
