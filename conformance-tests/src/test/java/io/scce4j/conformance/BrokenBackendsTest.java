package io.scce4j.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Backend;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Reduction;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.discovery.Backends;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The kit against deliberately broken backends (the cpu backend with one mistake each): every mistake must fail
 * the kit, on the cases written to catch it.
 */
class BrokenBackendsTest {
    private static final Backend CPU = Backends.load("cpu");
    private static final List<TestCase> CASES = ConformanceKit.defaultCases();

    @AfterAll
    static void close() {
        CPU.close();
    }

    private static Set<String> failingFlags(Backend broken) {
        ConformanceReport r = ConformanceKit.forBackend(broken).cases(CASES).tolerance(CPU.tolerance()).run();
        assertFalse(r.passed(), "the kit let a broken backend pass");
        return r.results().stream().filter(c -> c.outcome() == Outcome.FAILED)
                .flatMap(c -> c.testCase().flags().stream()).collect(Collectors.toSet());
    }

    @Test
    void theCorrectBackendPassesSoEveryFailureBelowIsTheMistakes() {
        assertTrue(ConformanceKit.forBackend(CPU).cases(CASES).tolerance(CPU.tolerance()).run().passed());
    }

    @Test
    void aWrongClipIsCaughtByTheClippingCases() {
        Backend broken = new BrokenBackend(CPU, "wrong-clip") {
            @Override
            Tensor yPred(LossOptions o, Tensor p) {
                return o.fromLogits() ? p : map(p, v -> Math.max(v, 1e-4)); // clips at 1e-4 instead of 1e-7
            }
        };
        assertTrue(failingFlags(broken).contains("Clipping"));
    }

    @Test
    void aMeanDividedByAllElementsInsteadOfTheValidOnesIsCaughtByTheIgnoreClassCases() {
        Backend broken = new BrokenBackend(CPU, "wrong-divisor") {
            @Override
            Tensor value(SparseCategoricalCrossentropy real, Tensor yTrue, Tensor yPred, Tensor w) {
                LossOptions o = real.options();
                if (o.reduction() != Reduction.SUM_OVER_BATCH_SIZE || !o.ignoreClass().isSet()) {
                    return real.compute(yTrue, yPred, w);
                }
                // sum / (number of valid elements) * (valid / total): the divisor Keras does not use
                double sum = CPU.loss(o.toBuilder().reduction(Reduction.SUM).build()).compute(yTrue, yPred, w)
                        .getDouble(0);
                int total = (int) (yPred.size() / yPred.shape().dim(-1));
                return Tensor.scalar((float) (sum / total));
            }
        };
        assertTrue(failingFlags(broken).contains("IgnoreClass"));
    }

    @Test
    void anIgnoredIgnoreClassIsCaught() {
        Backend broken = new BrokenBackend(CPU, "no-ignore-class") {
            @Override
            LossOptions options(LossOptions o) {
                return o.toBuilder().ignoreClass(io.scce4j.api.IgnoreClass.none()).build();
            }
        };
        assertTrue(failingFlags(broken).contains("IgnoreClass"));
    }

    @Test
    void anArgmaxThatTakesTheLastTieIsCaughtByThePredictEdgeCases() {
        Backend broken = new BrokenBackend(CPU, "last-tie") {
            @Override
            public io.scce4j.api.MaskPredictor predictor() {
                return yPred -> {
                    int classes = (int) yPred.shape().dim(-1);
                    int[] mask = new int[yPred.size() / classes];
                    for (int i = 0; i < mask.length; i++) {
                        for (int c = 0; c < classes; c++) {
                            if (yPred.getDouble(i * classes + c) >= yPred.getDouble(i * classes + mask[i])) {
                                mask[i] = c;
                            }
                        }
                    }
                    return Tensor.ofInts(yPred.shape().withoutLast(), mask);
                };
            }
        };
        assertTrue(failingFlags(broken).contains("PredictEdge"));
    }

    @Test
    void aBackendWithoutARangeCheckIsCaughtByTheOutOfRangeCases() {
        Backend broken = new BrokenBackend(CPU, "no-range-check") {
            @Override
            Tensor yTrue(LossOptions o, Tensor yTrue, Tensor yPred) {
                long classes = yPred.shape().dim(-1);
                long[] v = new long[yTrue.size()];
                for (int i = 0; i < v.length; i++) {
                    double l = yTrue.getDouble(i);
                    v[i] = o.ignoreClass().ignores((long) l) ? (long) l
                            : Double.isNaN(l) ? 0 : Math.floorMod((long) l, classes); // wraps instead of raising
                }
                return Tensor.ofLongs(yTrue.shape(), v);
            }
        };
        Set<String> flags = failingFlags(broken);
        assertTrue(flags.contains("OutOfRangeLabel"), flags.toString());
    }

    @Test
    void aBackendThatChecksLabelsOnlyWhenNoGradientIsAskedIsCaught() {
        Backend broken = new BrokenBackend(CPU, "unchecked-gradient-path") {
            @Override
            LossWithGradient withGradient(SparseCategoricalCrossentropy real, Tensor yTrue, Tensor yPred, Tensor w) {
                long classes = yPred == null || yPred.rank() == 0 ? 1 : yPred.shape().dim(-1);
                long[] v = new long[yTrue == null ? 0 : yTrue.size()];
                for (int i = 0; i < v.length; i++) {
                    double l = yTrue.getDouble(i);
                    v[i] = Double.isNaN(l) || l < 0 || l >= classes ? 0 : (long) l; // clamps silently
                }
                return real.computeWithGradient(yTrue == null ? null : Tensor.ofLongs(yTrue.shape(), v), yPred, w);
            }
        };
        ConformanceReport r = ConformanceKit.forBackend(broken).cases(CASES).tolerance(CPU.tolerance()).run();
        assertFalse(r.passed());
        assertTrue(r.results().stream().anyMatch(c -> c.testCase().id().startsWith("keras3-errors-")
                && c.message().contains("but the value with gradient returned")), "Keras's error cases");
        assertTrue(r.results().stream().anyMatch(c -> c.testCase().id().startsWith("scce4j-contract-")
                && c.outcome() == Outcome.FAILED), "the contract's gradient cases");
    }

    @Test
    void aBackendThatDropsASampleWeightItCannotUseIsCaughtByTheErrorContract() {
        Backend broken = new BrokenBackend(CPU, "lenient-weights") {
            @Override
            Tensor value(SparseCategoricalCrossentropy real, Tensor yTrue, Tensor yPred, Tensor w) {
                boolean fits = w == null || w.rank() == 0 || yTrue == null || w.shape().equals(yTrue.shape());
                return real.compute(yTrue, yPred, fits ? w : null);
            }
        };
        Set<String> flags = failingFlags(broken);
        assertTrue(flags.contains("ErrorContract"), flags.toString());
    }

    @Test
    void aLossThatSharesScratchAcrossThreadsIsCaughtByTheConcurrencyCheck() throws InterruptedException {
        Thread single = Thread.currentThread();
        Backend broken = new BrokenBackend(CPU, "shared-scratch") {
            @Override
            Tensor value(SparseCategoricalCrossentropy real, Tensor yTrue, Tensor yPred, Tensor w) {
                return real.compute(yTrue, yPred, w);
            }

            @Override
            LossWithGradient withGradient(SparseCategoricalCrossentropy real, Tensor yTrue, Tensor yPred, Tensor w) {
                LossWithGradient r = real.computeWithGradient(yTrue, yPred, w);
                // stands for a race: off the first thread, a value from someone else's call
                return Thread.currentThread() == single ? r
                        : new LossWithGradient(map(r.value(), v -> Math.nextUp((float) v)), r.gradient());
            }
        };
        ConcurrencyCheck.Result r = ConcurrencyCheck.run(broken, 4, 20); // the broken backend claims exactness
        assertFalse(r.passed(), r.toString());
        assertTrue(r.problems().get(0).contains("result 0 element 0"), r.toString());
    }

    @Test
    void aBackendReturningTheRightNumbersInTheWrongDtypeIsCaught() {
        Backend broken = new BrokenBackend(CPU, "float64-losses") {
            @Override
            Tensor value(SparseCategoricalCrossentropy real, Tensor yTrue, Tensor yPred, Tensor w) {
                Tensor v = real.compute(yTrue, yPred, w);
                return Tensor.ofDoubles(v.shape(), v.toDoubleArray()); // Keras 3 returns float32
            }
        };
        ConformanceReport r = ConformanceKit.forBackend(broken).cases(CASES).tolerance(CPU.tolerance()).run();
        assertTrue(r.results().stream().anyMatch(c -> c.message().startsWith("dtype float64 where Keras gives "
                + "float32")));
    }

    static Tensor map(Tensor t, java.util.function.DoubleUnaryOperator f) {
        double[] d = t.toDoubleArray();
        for (int i = 0; i < d.length; i++) {
            d[i] = f.applyAsDouble(d[i]);
        }
        if (t.dtype() == io.scce4j.api.DType.FLOAT32) {
            float[] x = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                x[i] = (float) d[i];
            }
            return Tensor.ofFloats(t.shape(), x);
        }
        return Tensor.ofDoubles(t.shape(), d);
    }
}
