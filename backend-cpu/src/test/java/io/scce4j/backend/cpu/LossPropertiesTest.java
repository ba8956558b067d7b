package io.scce4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.IgnoreClass;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Reduction;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Properties over random shapes, options and inputs: the backend agrees with the float64 {@link Reference}
 * formula, and its gradient with central finite differences of its own value in float64.
 */
class LossPropertiesTest {
    private static final CpuBackend CPU = new CpuBackend(2);

    @AfterContainer
    static void close() {
        CPU.close();
    }

    /** A random case: shape N x H x C with labels, predictions away from the clip bounds, weights, options. */
    private static final class Case {
        final int elements;
        final int classes;
        final int[] labels;
        final double[] pred;
        final double[] weights;
        final LossOptions options;
        final Shape labelShape;

        Case(long seed, int rows, int cols, int classes, boolean logits, int reduction, boolean weighted,
                boolean ignore, LossProfile profile) {
            Random r = new Random(seed);
            this.classes = classes;
            this.elements = rows * cols;
            this.labelShape = Shape.of(rows, cols);
            labels = new int[elements];
            pred = new double[elements * classes];
            weights = weighted ? new double[elements] : null;
            for (int i = 0; i < elements; i++) {
                labels[i] = ignore && r.nextInt(4) == 0 ? 255 : r.nextInt(classes);
                for (int c = 0; c < classes; c++) {
                    pred[i * classes + c] = logits ? r.nextGaussian() * 3 : 0.05 + 0.9 * r.nextDouble();
                }
                if (weighted) {
                    weights[i] = 2 * r.nextDouble();
                }
            }
            Reduction red = Reduction.values()[reduction % (profile == LossProfile.KERAS3 ? 4 : 3)];
            options = LossOptions.builder().fromLogits(logits).reduction(red)
                    .ignoreClass(ignore ? IgnoreClass.of(255) : IgnoreClass.none()).profile(profile).build();
        }

        Tensor yTrue() {
            return Tensor.ofInts(labelShape, labels);
        }

        Tensor yPred64() {
            return Tensor.ofDoubles(labelShape.append(classes), pred);
        }

        Tensor yPred32() {
            float[] f = new float[pred.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) pred[i];
            }
            return Tensor.ofFloats(labelShape.append(classes), f);
        }

        Tensor weights64() {
            return weights == null ? null : Tensor.ofDoubles(labelShape, weights);
        }

        double[] reference(double[] predictions) {
            return Reference.loss(options, labels, predictions, classes, weights);
        }
    }

    @Property(tries = 200)
    void keras2Float64AgreesWithTheFormulaToRoundingError(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int rows,
            @ForAll @IntRange(min = 1, max = 6) int cols, @ForAll @IntRange(min = 1, max = 7) int classes,
            @ForAll boolean logits, @ForAll @IntRange(min = 0, max = 2) int reduction, @ForAll boolean weighted,
            @ForAll boolean ignore) {
        Case c = new Case(seed, rows, cols, classes, logits, reduction, weighted, ignore, LossProfile.KERAS2);
        Tensor got = CPU.loss(c.options).compute(c.yTrue(), c.yPred64(), c.weights64());
        double[] want = c.reference(c.pred);
        if (c.options.ignoreClass().isSet() && Reference.isReduced(c.options)
                && c.options.reduction() == Reduction.SUM_OVER_BATCH_SIZE && allIgnored(c)) {
            assertTrue(Double.isNaN(got.getDouble(0)), "Keras 2 gives NaN when every element is ignored");
            return;
        }
        assertEquals(want.length, got.size());
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got.getDouble(i), 1e-12 * (1 + Math.abs(want[i])), "element " + i);
        }
    }

    @Property(tries = 200)
    void keras3Float32AgreesWithTheFormulaToFloat32Precision(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int rows, @ForAll @IntRange(min = 1, max = 6) int cols,
            @ForAll @IntRange(min = 1, max = 7) int classes, @ForAll boolean logits,
            @ForAll @IntRange(min = 0, max = 3) int reduction, @ForAll boolean weighted, @ForAll boolean ignore) {
        Case c = new Case(seed, rows, cols, classes, logits, reduction, weighted, ignore, LossProfile.KERAS3);
        Tensor yPred = c.yPred32();
        Tensor got = CPU.loss(c.options).compute(c.yTrue(), yPred, c.weights64());
        double[] want = c.reference(yPred.toDoubleArray());
        assertEquals(want.length, got.size());
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got.getFloat(i), 2e-6 * (1 + Math.abs(want[i])) * Math.sqrt(c.elements + 1),
                    "element " + i);
        }
    }

    private static boolean allIgnored(Case c) {
        for (int l : c.labels) {
            if (l != 255) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 60)
    void gradientMatchesCentralFiniteDifferencesInFloat64(@ForAll @LongRange(min = 0, max = 1 << 30) long seed,
            @ForAll @IntRange(min = 1, max = 3) int rows, @ForAll @IntRange(min = 1, max = 4) int cols,
            @ForAll @IntRange(min = 2, max = 5) int classes, @ForAll boolean logits,
            @ForAll @IntRange(min = 0, max = 2) int reduction, @ForAll boolean weighted, @ForAll boolean ignore) {
        Case c = new Case(seed, rows, cols, classes, logits, reduction, weighted, ignore, LossProfile.KERAS2);
        LossOptions summed = c.options.reduction() == Reduction.NONE
                ? c.options.toBuilder().reduction(Reduction.SUM).build() : c.options;
        LossWithGradient lg = CPU.loss(c.options).computeWithGradient(c.yTrue(), c.yPred64(), c.weights64());
        double h = 1e-6;
        for (int k = 0; k < c.pred.length; k++) {
            double[] plus = c.pred.clone();
            double[] minus = c.pred.clone();
            plus[k] += h;
            minus[k] -= h;
            double fd = (valueOf(summed, c, plus) - valueOf(summed, c, minus)) / (2 * h);
            double g = lg.gradient().getDouble(k);
            if (Double.isNaN(fd)) {
                continue; // every element ignored in Keras 2: the value is NaN, so is its slope
            }
            assertEquals(fd, g, 1e-6 + 1e-5 * Math.abs(fd), "d loss / d y_pred[" + k + "]");
        }
    }

    private static double valueOf(LossOptions o, Case c, double[] pred) {
        return CPU.loss(o).compute(c.yTrue(), Tensor.ofDoubles(c.labelShape.append(c.classes), pred), c.weights64())
                .getDouble(0);
    }
}
