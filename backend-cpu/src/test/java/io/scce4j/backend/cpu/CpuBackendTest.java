package io.scce4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.api.Capability;
import io.scce4j.api.DType;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.BackendInfo;
import io.scce4j.discovery.Backends;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CpuBackendTest {

    private static Tensor[] randomBatch(int n, int h, int w, int c, long seed, boolean ignore) {
        SplittableRandom r = new SplittableRandom(seed);
        int pixels = n * h * w;
        int[] labels = new int[pixels];
        float[] p = new float[pixels * c];
        float[] weights = new float[pixels];
        for (int i = 0; i < pixels; i++) {
            labels[i] = ignore && r.nextInt(10) == 0 ? 255 : r.nextInt(c);
            weights[i] = (float) r.nextDouble(0, 2);
            for (int k = 0; k < c; k++) {
                p[i * c + k] = (float) r.nextDouble();
            }
        }
        return new Tensor[] {Tensor.ofInts(Shape.of(n, h, w), labels), Tensor.ofFloats(Shape.of(n, h, w, c), p),
            Tensor.ofFloats(Shape.of(n, h, w), weights)};
    }

    @Test
    void resultsAreBitIdenticalWhateverTheThreadCount() {
        Tensor[] b = randomBatch(4, 64, 64, 5, 11, true); // 16384 pixels: several chunks, above the threshold
        for (Reduction red : Reduction.values()) {
            LossOptions o = LossOptions.builder().reduction(red).ignoreClass(255).build();
            LossWithGradient one;
            LossWithGradient four;
            try (CpuBackend single = new CpuBackend(1); CpuBackend multi = new CpuBackend(4)) {
                one = single.loss(o).computeWithGradient(b[0], b[1], b[2]);
                four = multi.loss(o).computeWithGradient(b[0], b[1], b[2]);
            }
            assertArrayEquals(one.value().toFloatArray(), four.value().toFloatArray(), red.toString());
            assertArrayEquals(one.gradient().toFloatArray(), four.gradient().toFloatArray(), red.toString());
        }
    }

    @Test
    void theCpuBackendIsFoundThroughTheServiceLoader() {
        List<BackendInfo> found = Backends.discover();
        BackendInfo cpu = found.stream().filter(i -> i.id().equals("cpu")).findFirst().orElseThrow();
        assertEquals(100, cpu.priority());
        assertTrue(cpu.availability().isAvailable());
        try (Backend b = Backends.load("cpu")) {
            assertEquals("cpu", b.id());
            assertTrue(b.capabilities().contains(Capability.GRADIENT));
            assertTrue(b.device().startsWith("CPU, "), b.device());
        }
    }

    @Test
    void aClosedBackendRefusesWork() {
        CpuBackend b = new CpuBackend(2);
        SparseCategoricalCrossentropy loss = b.loss();
        b.close();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loss.compute(Tensor.ofInts(Shape.of(1), 0), Tensor.ofFloats(Shape.of(1, 2), 0.5f, 0.5f)));
        assertEquals("backend 'cpu' is closed; create a new one", e.getMessage());
        assertThrows(IllegalStateException.class, b::predictor);
    }

    @Test
    void settingsChooseTheThreadCountAndTheKernel() {
        try (Backend b = new CpuBackendProvider().create(BackendSettings.defaults().withThreads(3).withVector(false))) {
            assertEquals("CPU, 3 threads, scalar", b.device());
        }
    }

    @Test
    void outOfRangeLabelIsReportedBeforeAnyComputation() {
        try (CpuBackend b = new CpuBackend(1)) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> b.loss().compute(
                    Tensor.ofInts(Shape.of(1, 2), 0, 5), Tensor.ofFloats(Shape.of(1, 2, 2), 0.5f, 0.5f, 0.5f, 0.5f)));
            assertEquals(InvalidInputException.Reason.LABEL_OUT_OF_RANGE, e.reason());
            assertTrue(e.getMessage().startsWith("Received a label value of 5 which is outside the valid range "
                    + "of [0, 2)"), e.getMessage());
        }
    }

    @Test
    void trailingOneWeightsAndLabelsGiveTheSameLossAsFlatOnes() {
        Tensor[] b = randomBatch(2, 3, 4, 3, 5, false);
        try (CpuBackend cpu = new CpuBackend(1)) {
            SparseCategoricalCrossentropy loss = cpu.loss();
            Tensor flat = loss.compute(b[0], b[1], b[2]);
            Tensor trailing = loss.compute(b[0].reshape(Shape.of(2, 3, 4, 1)), b[1], b[2].reshape(Shape.of(2, 3, 4,
                    1)));
            assertEquals(flat, trailing);
        }
    }

    @Test
    void ignoredElementsHaveZeroLossAndZeroGradient() {
        Tensor y = Tensor.ofInts(Shape.of(2), 255, 1);
        Tensor p = Tensor.ofFloats(Shape.of(2, 2), 0.3f, 0.7f, 0.4f, 0.6f);
        try (CpuBackend cpu = new CpuBackend(1)) {
            LossWithGradient lg = cpu.loss(LossOptions.builder().ignoreClass(255).reduction(Reduction.NONE).build())
                    .computeWithGradient(y, p);
            assertEquals(0f, lg.value().getFloat(0));
            assertEquals(0f, lg.gradient().getFloat(0));
            assertEquals(0f, lg.gradient().getFloat(1));
            assertTrue(lg.gradient().getFloat(3) != 0f);
        }
    }

    @Test
    void probabilitiesOutsideTheClipRangeGetNoGradient() {
        Tensor y = Tensor.ofInts(Shape.of(1), 1);
        Tensor p = Tensor.ofFloats(Shape.of(1, 3), 0f, 1f, 0.5f);
        try (CpuBackend cpu = new CpuBackend(1)) {
            Tensor g = cpu.loss().computeWithGradient(y, p).gradient();
            assertEquals(0f, g.getFloat(0));
            assertEquals(0f, g.getFloat(1));
            assertTrue(g.getFloat(2) > 0f);
        }
    }

    @Test
    void keras3GradientOfFloat64InputIsFloat64WithFloat32Values() {
        Tensor y = Tensor.ofInts(Shape.of(1), 0);
        Tensor p = Tensor.ofDoubles(Shape.of(1, 2), 0.3, 0.7);
        try (CpuBackend cpu = new CpuBackend(1)) {
            LossWithGradient lg = cpu.loss().computeWithGradient(y, p);
            assertEquals(DType.FLOAT32, lg.value().dtype());
            assertEquals(DType.FLOAT64, lg.gradient().dtype());
            double g = lg.gradient().getDouble(0);
            assertEquals(g, (double) (float) g, 0.0);
        }
    }

    @Test
    void keras2LegacyWeighsAndReducesInFloat32ButReturnsFloat64() {
        Tensor y = Tensor.ofInts(Shape.of(2), 0, 1);
        Tensor p = Tensor.ofDoubles(Shape.of(2, 2), 0.3, 0.7, 0.4, 0.6);
        try (CpuBackend cpu = new CpuBackend(1)) {
            Tensor v = cpu.loss(LossOptions.builder().profile(LossProfile.KERAS2_LEGACY).build())
                    .compute(y, p, Tensor.ofDoubles(Shape.of(2), 0.1, 0.3));
            assertEquals(DType.FLOAT64, v.dtype());
            assertEquals(v.getDouble(0), (double) (float) v.getDouble(0), 0.0);
        }
    }

    @Test
    void emptyBatchesFollowKerasMeanOfNothingIsZeroAndKeras3KeepsAnEmptyVector() {
        try (CpuBackend cpu = new CpuBackend(1)) {
            Tensor mean = cpu.loss().compute(Tensor.ofInts(Shape.of(0, 4)), Tensor.ofFloats(Shape.of(0, 4, 3)));
            assertEquals(Shape.scalar(), mean.shape());
            assertEquals(0f, mean.getFloat(0));
            Tensor keras3 = cpu.loss(LossOptions.builder().reduction(Reduction.SUM).build())
                    .compute(Tensor.ofInts(Shape.of(0)), Tensor.ofFloats(Shape.of(0, 3)));
            assertEquals(Shape.of(0), keras3.shape());
            Tensor keras2 = cpu.loss(LossOptions.builder().profile(LossProfile.KERAS2).build())
                    .compute(Tensor.ofInts(Shape.of(0)), Tensor.ofFloats(Shape.of(0, 3)));
            assertEquals(0f, keras2.getFloat(0));
        }
    }
}
