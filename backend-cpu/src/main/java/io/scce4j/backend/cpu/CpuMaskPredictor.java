package io.scce4j.backend.cpu;

import io.scce4j.api.DType;
import io.scce4j.api.Tensor;
import io.scce4j.keras.Argmax;
import io.scce4j.keras.PredictCall;
import io.scce4j.spi.ValidatedPredictor;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/** Argmax over the last axis with TensorFlow's CPU rules ({@link Argmax}), in chunks on the backend's pool. */
final class CpuMaskPredictor extends ValidatedPredictor {
    private final Chunks chunks;

    CpuMaskPredictor(Chunks chunks) {
        this.chunks = chunks;
    }

    @Override
    protected Tensor mask(PredictCall call) {
        Tensor yPred = call.yPred();
        int classes = call.numClasses();
        int elements = call.numElements();
        int[] mask = new int[elements];
        if (yPred.dtype() == DType.FLOAT32) {
            FloatBuffer p = yPred.floatBuffer();
            chunks.run(elements, classes, chunk -> argmaxFloat(p, classes, mask, chunk));
        } else {
            DoubleBuffer p = yPred.doubleBuffer();
            chunks.run(elements, classes, chunk -> argmaxDouble(p, classes, mask, chunk));
        }
        return Tensor.wrap(call.maskShape(), IntBuffer.wrap(mask));
    }

    // Rows are copied out of the buffer a block at a time: an array loop is what the JIT compiles best (a SIMD
    // max-and-search per row measured no faster).
    private static void argmaxFloat(FloatBuffer p, int classes, int[] mask, int chunk) {
        int end = Math.min(mask.length, (chunk + 1) * Chunks.CHUNK);
        float[] rows = FloatRows.Scratch.forClasses(classes).p;
        for (int first = chunk * Chunks.CHUNK; first < end; first += FloatRows.BLOCK) {
            int n = Math.min(FloatRows.BLOCK, end - first);
            p.get(first * classes, rows, 0, n * classes);
            for (int r = 0; r < n; r++) {
                mask[first + r] = Argmax.of(rows, r * classes, classes);
            }
        }
    }

    private static void argmaxDouble(DoubleBuffer p, int classes, int[] mask, int chunk) {
        int end = Math.min(mask.length, (chunk + 1) * Chunks.CHUNK);
        double[] row = new double[classes];
        for (int i = chunk * Chunks.CHUNK; i < end; i++) {
            p.get(i * classes, row, 0, classes);
            mask[i] = Argmax.of(row, 0, classes);
        }
    }
}
