package io.scce4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.api.DType;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.BackendInfo;
import io.scce4j.discovery.Backends;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jBackendTest {

    @Test
    void isFoundThroughTheServiceLoaderAndAvailable() {
        BackendInfo nd4j = Backends.discover().stream().filter(b -> b.id().equals("nd4j")).findFirst()
                .orElseThrow();
        assertEquals(200, nd4j.priority());
        assertTrue(nd4j.availability().isAvailable(), nd4j.availability().reason());
    }

    @Test
    void aDenseCOrderArrayBecomesATensorWithoutCopying() {
        INDArray a = Nd4j.create(new float[] {0.1f, 0.9f, 0.6f, 0.4f}, new long[] {2, 2}, DataType.FLOAT);
        Tensor t = Nd4jArrays.tensor(a);
        assertEquals(Shape.of(2, 2), t.shape());
        a.putScalar(0, 1, 0.75f);
        assertEquals(0.75f, t.getFloat(1), "the tensor reads the array's memory");
    }

    @Test
    void aStridedViewIsCopiedIntoRowMajorOrder() {
        INDArray a = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, DataType.DOUBLE);
        Tensor t = Nd4jArrays.tensor(a.transpose());
        assertEquals(Shape.of(3, 2), t.shape());
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, t.toDoubleArray());
    }

    @Test
    void labelsAndPredictionsStraightFromNd4jGiveTheForumMean() {
        INDArray labels = Nd4j.createFromArray(new int[] {0, 1, 1, 1, 1, 1, 1, 0, 1}).reshape(3, 3);
        INDArray pred = Nd4j.create(new double[] {0.1, 0.9, 0.4, 0.6, 0.55, 0.45, 0.3, 0.7, 0.2, 0.8, 0.05, 0.95,
            0.15, 0.85, 0.25, 0.75, 0.01, 0.99}, new long[] {3, 3, 2}, DataType.DOUBLE);
        try (Backend b = new Nd4jBackendProvider().create(BackendSettings.defaults())) {
            Tensor mean = b.loss(io.scce4j.api.LossOptions.builder()
                    .profile(io.scce4j.api.LossProfile.KERAS2_LEGACY).build())
                    .compute(Nd4jArrays.tensor(labels), Nd4jArrays.tensor(pred));
            assertEquals(DType.FLOAT64, mean.dtype());
            assertEquals(0.6446548700332642, mean.getDouble(0), 0.0);
            INDArray back = Nd4jArrays.indArray(mean);
            assertEquals(0.6446548700332642, back.getDouble(0), 0.0);
        }
    }

    @Test
    void labelMinusOneIsRejectedNotReadAsTheLastClass() {
        try (Backend b = new Nd4jBackendProvider().create(BackendSettings.defaults())) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> b.loss().compute(
                    Tensor.ofInts(Shape.of(2), 0, -1), Tensor.ofFloats(Shape.of(2, 2), 0.5f, 0.5f, 0.5f, 0.5f)));
            assertEquals(InvalidInputException.Reason.LABEL_OUT_OF_RANGE, e.reason());
        }
    }

    @Test
    void aClosedBackendRefusesWork() {
        Backend b = new Nd4jBackendProvider().create(BackendSettings.defaults());
        b.close();
        assertThrows(IllegalStateException.class, b::loss);
    }

    @Test
    void closeFreesTheWorkspaceOfEveryThreadThatCalledAndNoOneElses() throws Exception {
        Nd4jBackend other = new Nd4jBackend();
        Nd4jBackend b = new Nd4jBackend();
        Tensor labels = Tensor.ofInts(Shape.of(64), new int[64]);
        Tensor pred = Tensor.ofFloats(Shape.of(64, 5), new float[320]);
        other.loss(LossOptions.defaults()).compute(labels, pred);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            java.util.List<java.util.concurrent.Future<?>> calls = new java.util.ArrayList<>();
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(3);
            for (int t = 0; t < 3; t++) {
                calls.add(pool.submit(() -> {
                    together.await(); // three distinct threads, each with its own workspace
                    return b.loss(LossOptions.defaults()).compute(labels, pred);
                }));
            }
            for (java.util.concurrent.Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        java.util.Set<org.nd4j.linalg.api.memory.MemoryWorkspace> used = b.workspaces();
        assertEquals(3, used.size());
        assertTrue(used.stream().allMatch(ws -> ws.getCurrentSize() > 0), "workspaces hold native memory");

        b.close();

        assertTrue(used.stream().allMatch(ws -> ws.getCurrentSize() == 0), "every thread's workspace is freed");
        assertTrue(b.workspaces().isEmpty());
        assertTrue(other.workspaces().stream().allMatch(ws -> ws.getCurrentSize() > 0),
                "another backend's workspace is left alone");
        other.loss(LossOptions.defaults()).compute(labels, pred);
        other.close();
    }
}
