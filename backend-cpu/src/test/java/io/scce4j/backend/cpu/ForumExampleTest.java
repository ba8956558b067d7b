package io.scce4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.scce4j.api.DType;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The forum post in shared/seed: a float64 3 x 3 x 2 prediction, and what tf.keras printed for it. Its Keras
 * (TensorFlow <= 2.9) cast each per-element loss to float32, so those numbers are float32 values printed as
 * float64; the mean is the float32 mean of them.
 */
class ForumExampleTest {
    private static final CpuBackend CPU = new CpuBackend(1);
    private static final Tensor Y_TRUE = Tensor.ofInts(Shape.of(3, 3), 0, 1, 1, 1, 1, 1, 1, 0, 1);
    private static final double[] Y_PRED = {0.1, 0.9, 0.4, 0.6, 0.55, 0.45, 0.3, 0.7, 0.2, 0.8, 0.05, 0.95, 0.15,
        0.85, 0.25, 0.75, 0.01, 0.99};
    /** As printed by scce_none(y_true, y_pred).numpy() in the post. */
    private static final String[] PRINTED = {"2.30258512", "0.51082563", "0.79850769", "0.35667494", "0.22314355",
        "0.05129329", "0.16251893", "1.38629436", "0.01005034"};
    /** As printed by scce_tot(y_true, y_pred).numpy() in the post. */
    private static final double PRINTED_MEAN = 0.6446548700332642;

    /** NumPy prints float64 arrays with 8 decimals. */
    private static String asNumpyPrintsIt(double v) {
        return String.format(Locale.ROOT, "%.8f", v);
    }

    @AfterAll
    static void close() {
        CPU.close();
    }

    private static Tensor loss(LossProfile profile, Reduction reduction, Tensor yPred) {
        return CPU.loss(LossOptions.builder().profile(profile).reduction(reduction).build()).compute(Y_TRUE, yPred);
    }

    @Test
    void keras2LegacyGivesFloat32ValuesThatPrintAsTheNineForumLosses() {
        Tensor none = loss(LossProfile.KERAS2_LEGACY, Reduction.NONE, Tensor.ofDoubles(Shape.of(3, 3, 2), Y_PRED));
        assertEquals(DType.FLOAT64, none.dtype());
        assertEquals(Shape.of(3, 3), none.shape());
        for (int i = 0; i < PRINTED.length; i++) {
            double v = none.getDouble(i);
            assertEquals(v, (double) (float) v, 0.0, "element " + i + " is a float32 value");
            assertEquals(PRINTED[i], asNumpyPrintsIt(v), "element " + i);
        }
    }

    @Test
    void keras2LegacyReproducesThePrintedMeanBitForBit() {
        Tensor mean = loss(LossProfile.KERAS2_LEGACY, Reduction.SUM_OVER_BATCH_SIZE,
                Tensor.ofDoubles(Shape.of(3, 3, 2), Y_PRED));
        assertEquals(Shape.scalar(), mean.shape());
        assertEquals(PRINTED_MEAN, mean.getDouble(0), 0.0);
    }

    @Test
    void keras2KeepsFloat64AndItsLossesRoundedToFloat32PrintAsTheForumPrinted() {
        Tensor none = loss(LossProfile.KERAS2, Reduction.NONE, Tensor.ofDoubles(Shape.of(3, 3, 2), Y_PRED));
        assertEquals(DType.FLOAT64, none.dtype());
        for (int i = 0; i < PRINTED.length; i++) {
            assertEquals(PRINTED[i], asNumpyPrintsIt((float) none.getDouble(i)), "element " + i);
        }
    }

    @Test
    void keras3OnFloat32GivesTheSameFloat32Mean() {
        float[] f = new float[Y_PRED.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) Y_PRED[i];
        }
        Tensor mean = loss(LossProfile.KERAS3, Reduction.SUM_OVER_BATCH_SIZE, Tensor.ofFloats(Shape.of(3, 3, 2), f));
        assertEquals(DType.FLOAT32, mean.dtype());
        assertEquals((float) PRINTED_MEAN, mean.getFloat(0), 0f);
    }

    @Test
    void keras3CastsFloat64PredictionsToFloat32First() {
        Tensor mean = loss(LossProfile.KERAS3, Reduction.SUM_OVER_BATCH_SIZE,
                Tensor.ofDoubles(Shape.of(3, 3, 2), Y_PRED));
        assertEquals(DType.FLOAT32, mean.dtype());
        assertEquals((float) PRINTED_MEAN, mean.getFloat(0), 0f);
    }
}
