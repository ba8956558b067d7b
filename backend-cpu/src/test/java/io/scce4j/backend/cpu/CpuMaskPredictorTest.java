package io.scce4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scce4j.api.DType;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CpuMaskPredictorTest {
    private static final CpuBackend CPU = new CpuBackend(2);
    private static final float NAN = Float.NaN;
    private static final float INF = Float.POSITIVE_INFINITY;

    @AfterAll
    static void close() {
        CPU.close();
    }

    // Rows and results as tf.argmax(x, axis=-1) gave them on TensorFlow 2.21.0, CPU.
    @Test
    void nanTiesAndSignedZerosAreTreatedAsTensorFlowsCpuArgmaxTreatsThem() {
        float[] rows = {
            NAN, 1, 2,
            NAN, NAN, NAN,
            -INF, -INF, -INF,
            1, NAN, 1,
            -0.0f, 0.0f, -1,
            0.0f, -0.0f, -1,
            2, NAN, 3,
            -INF, NAN, -3e38f,
        };
        Tensor mask = CPU.predictor().predict(Tensor.ofFloats(Shape.of(8, 3), rows));
        assertEquals(DType.INT32, mask.dtype());
        assertArrayEquals(new int[] {2, 0, 0, 0, 0, 0, 2, 2}, mask.toIntArray());
    }

    @Test
    void float64PredictionsFollowTheSameRules() {
        Tensor mask = CPU.predictor().predict(Tensor.ofDoubles(Shape.of(2, 3), Double.NaN, 1, 2, 5, 5, 1));
        assertArrayEquals(new int[] {2, 0}, mask.toIntArray());
    }

    @Test
    void maskHasThePredictionShapeWithoutTheClassAxis() {
        SplittableRandom r = new SplittableRandom(3);
        float[] p = new float[2 * 40 * 60 * 7];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextDouble();
        }
        Tensor mask = CPU.predictor().predict(Tensor.ofFloats(Shape.of(2, 40, 60, 7), p));
        assertEquals(Shape.of(2, 40, 60), mask.shape());
        for (int i = 0; i < mask.size(); i++) {
            int arg = (int) mask.getLong(i);
            for (int c = 0; c < 7; c++) {
                assertEquals(true, p[i * 7 + c] <= p[i * 7 + arg], "pixel " + i);
            }
        }
    }

    @Test
    void badPredictionsAreRejectedWithTheReason() {
        assertThrows(InvalidInputException.class, () -> CPU.predictor().predict(Tensor.scalar(1f)));
        assertThrows(InvalidInputException.class, () -> CPU.predictor().predict(Tensor.ofInts(Shape.of(1, 2), 0, 1)));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CPU.predictor().predict(Tensor.ofFloats(Shape.of(2, 0))));
        assertEquals("y_pred has 0 classes on its last axis; argmax needs at least 1", e.getMessage());
    }
}
