package io.scce4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernel must give the scalar kernel's bits, element for element, on every path: the promise that
 * lets the cpu backend pick either at run time. Runs when the JVM has jdk.incubator.vector (the build adds it).
 */
class FloatKernelEquivalenceTest {
    private static final float[] SPECIAL = {
        0f, -0f, 1f, Float.MIN_VALUE, Float.MIN_NORMAL, 1e-7f, 0.99999988f, 1e-8f, -1f, Float.NaN,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 88.5f, 88.8f, -87.5f, -103f, -104.5f, -200f, 1e30f,
    };

    private static FloatKernel vector;
    private static final FloatKernel SCALAR = new ScalarFloatKernel();

    @BeforeAll
    static void vectorKernel() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "run with --add-modules jdk.incubator.vector");
        vector = new VectorFloatKernel();
    }

    @Test
    void bestKernelIsTheSimdOneWhenTheModuleIsThereAndScalarWhenDisabled() {
        assertTrue(FloatKernel.best(true) instanceof VectorFloatKernel);
        assertTrue(FloatKernel.best(false) instanceof ScalarFloatKernel);
    }

    @Test
    void logOfClippedAndExpGiveScalarBitsOnRandomAndSpecialArguments() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : new int[] {1, 7, 8, 9, 63, 64, 1000}) {
            for (long packetEnd : new long[] {0, n / 2, n, Long.MAX_VALUE}) {
                float[] args = arguments(r, n);
                float[] a = args.clone();
                float[] b = args.clone();
                SCALAR.logOfClipped(a, n, 0, packetEnd);
                vector.logOfClipped(b, n, 0, packetEnd);
                assertBitsEqual(a, b, "log n=" + n + " packetEnd=" + packetEnd);
                float[] ea = new float[n];
                float[] eb = new float[n];
                SCALAR.exp(args, ea, n, 0, packetEnd);
                vector.exp(args, eb, n, 0, packetEnd);
                assertBitsEqual(ea, eb, "exp n=" + n + " packetEnd=" + packetEnd);
            }
        }
    }

    @Test
    void rowSumsGiveScalarBitsForEveryRowLength() {
        SplittableRandom r = new SplittableRandom(5);
        float[] lanes = new float[200];
        for (int n = 1; n <= 200; n++) {
            float[] d = new float[n + 3];
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) -r.nextDouble(0, 30);
            }
            d[r.nextInt(d.length)] = SPECIAL[r.nextInt(SPECIAL.length)];
            float a = SCALAR.sumExpRow(d, 3, n, lanes);
            float b = vector.sumExpRow(d, 3, n, lanes);
            assertEquals(Float.floatToRawIntBits(a), Float.floatToRawIntBits(b), "row of " + n);
        }
    }

    @Test
    void rowShiftsGiveScalarBitsForEveryRowLengthAndLeaveTheNextRowAlone() {
        SplittableRandom r = new SplittableRandom(11);
        for (int classes = 1; classes <= 40; classes++) {
            int rows = 1 + r.nextInt(9);
            float[] a = new float[rows * classes + FloatKernel.ROW_PADDING];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian() * 10;
            }
            for (int k = 0; k < 3; k++) {
                a[r.nextInt(rows * classes)] = SPECIAL[r.nextInt(SPECIAL.length)];
            }
            float[] b = a.clone();
            SCALAR.shiftByRowMax(a, rows, classes, new float[8]);
            vector.shiftByRowMax(b, rows, classes, new float[8]);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), classes + " classes, [" + i
                        + "]");
            }
        }
    }

    @Test
    void lossesAndGradientsGiveScalarBitsAcrossShapesAndOptions() {
        SplittableRandom r = new SplittableRandom(7);
        int[][] shapes = {{1, 1}, {3, 2}, {5, 7}, {300, 8}, {301, 23}, {130, 33}, {129, 64}, {40, 150}, {5000, 3}};
        Chunks chunks = new Chunks(1);
        for (int[] shape : shapes) {
            for (boolean fromLogits : new boolean[] {false, true}) {
                LossOptions o = LossOptions.builder().fromLogits(fromLogits).reduction(Reduction.NONE)
                        .ignoreClass(0).build();
                Tensor[] batch = batch(r, shape[0], shape[1], fromLogits);
                LossWithGradient a = new CpuLoss(o, chunks, SCALAR).computeWithGradient(batch[0], batch[1]);
                LossWithGradient b = new CpuLoss(o, chunks, vector).computeWithGradient(batch[0], batch[1]);
                String what = shape[0] + "x" + shape[1] + " fromLogits=" + fromLogits;
                assertBitsEqual(a.value().toFloatArray(), b.value().toFloatArray(), "loss " + what);
                assertBitsEqual(a.gradient().toFloatArray(), b.gradient().toFloatArray(), "gradient " + what);
            }
        }
    }

    private static Tensor[] batch(SplittableRandom r, int rows, int classes, boolean logits) {
        int[] labels = new int[rows];
        float[] p = new float[rows * classes];
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(classes);
            for (int c = 0; c < classes; c++) {
                p[i * classes + c] = logits ? (float) r.nextDouble(-40, 40) : (float) r.nextDouble();
            }
            if (r.nextInt(50) == 0) {
                p[i * classes + r.nextInt(classes)] = SPECIAL[r.nextInt(SPECIAL.length)];
            }
        }
        return new Tensor[] {Tensor.ofInts(Shape.of(rows), labels), Tensor.ofFloats(Shape.of(rows, classes), p)};
    }

    private static float[] arguments(SplittableRandom r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(10) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) r.nextDouble(-110, 90);
        }
        return a;
    }

    private static void assertBitsEqual(float[] a, float[] b, String what) {
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                throw new AssertionError(what + ": element " + i + " scalar " + a[i] + " vector " + b[i]);
            }
        }
    }
}
