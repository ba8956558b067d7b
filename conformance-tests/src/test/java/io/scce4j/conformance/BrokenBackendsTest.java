package io.scce4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Backend;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Reduction;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
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

    /**
     * The cpu backend dividing a mean over ignored labels by every element where Keras divides by the valid ones,
     * claiming a tolerance; Keras 3 only, without gradients, as the backend of issue 14 that passed the kit
     * ({@code 400 passed, 0 failed} before the kit had a maximum).
     */
    static Backend wrongDivisorClaiming(Backend cpu, Tolerance claim) {
        return new BrokenBackend(cpu, "wrong-divisor-loose") {
            @Override
            public Tolerance tolerance() {
                return claim;
            }

            @Override
            public Set<io.scce4j.api.Capability> capabilities() {
                return Set.of();
            }

            @Override
            Tensor value(SparseCategoricalCrossentropy real, Tensor yTrue, Tensor yPred, Tensor w) {
                LossOptions o = real.options();
                if (o.reduction() != Reduction.SUM_OVER_BATCH_SIZE || !o.ignoreClass().isSet()) {
                    return real.compute(yTrue, yPred, w);
                }
                double sum = cpu.loss(o.toBuilder().reduction(Reduction.SUM).build()).compute(yTrue, yPred, w)
                        .getDouble(0);
                int total = (int) (yPred.size() / yPred.shape().dim(-1));
                return Tensor.scalar((float) (sum / total));
            }
        };
    }

    @Test
    void aWrongDivisorClaimingAToleranceOfTenFailsTheKit() {
        ConformanceReport r = ConformanceKit.forBackend(wrongDivisorClaiming(CPU, Tolerance.of(10, 10))).cases(CASES)
                .run();
        assertFalse(r.passed(), "a claim of Tolerance.of(10, 10) let a wrong divisor pass: " + r.summary());
        CheckResult claim = r.checks().stream().filter(c -> c.id().equals(CheckResult.TOLERANCE)).findFirst()
                .orElseThrow();
        assertEquals(Outcome.FAILED, claim.outcome(), claim.toString());
        assertTrue(claim.message().contains("looser than the kit's maximum") && claim.message()
                .contains("allowLooseTolerance"), claim.message());
        assertTrue(r.results().stream().anyMatch(c -> c.outcome() == Outcome.FAILED
                && c.testCase().flags().contains("IgnoreClass")),
                "the cases are checked at the maximum, so the wrong divisor shows where it is wrong");
        assertTrue(r.toleranceLine().contains("LOOSER THAN THE MAXIMUM: refused"), r.toleranceLine());
    }

    @Test
    void aClaimAtTheMaximumIsAccepted() {
        ConformanceReport r = ConformanceKit.forBackend(CPU).cases(CASES.subList(0, 20))
                .tolerance(ConformanceKit.MAX_TOLERANCE).run();
        assertTrue(r.passed(), r.summary() + " " + r.checks());
        assertEquals(Outcome.PASSED, r.checks().get(0).outcome());
    }

    @Test
    void aLooseToleranceAllowedByNameIsWaivedWithTheReasonAndCheckedAtTheClaim() {
        Backend broken = wrongDivisorClaiming(CPU, Tolerance.of(10, 10));
        ConformanceReport r = ConformanceKit.forBackend(broken).cases(CASES)
                .allowLooseTolerance("Acme's hardware rounds to bfloat16").run();
        assertEquals(0, r.caseCount(Outcome.FAILED), "the opt-out checks the cases at the claim, which the wrong "
                + "divisor meets (as every claim did before the maximum): " + r.summary());
        assertTrue(r.passed() && r.summary().endsWith(", 1 waived"), r.summary());
        assertEquals("Acme's hardware rounds to bfloat16", r.looseToleranceAllowed().orElseThrow());
        CheckResult claim = r.checks().get(0);
        assertEquals(Outcome.WAIVED, claim.outcome());
        assertTrue(claim.message().contains("LOOSE TOLERANCE ALLOWED") && claim.message().contains("bfloat16"),
                claim.message());
    }

    @Test
    void aLooseToleranceNeedsAReason() {
        assertThrows(IllegalArgumentException.class, () -> ConformanceKit.forBackend(CPU).allowLooseTolerance(" "));
    }

    @Test
    void aLooseClaimOnSomeCasesOnlyIsRefusedToo() {
        ConformanceKit kit = ConformanceKit.forBackend(CPU).cases(CASES).tolerance(CPU.tolerance(),
                c -> c.kind() == CaseKind.GRADIENT ? Tolerance.of(0, 1e-3) : CPU.tolerance()).build();
        assertTrue(kit.isLoose());
        assertEquals(Outcome.FAILED, kit.checkToleranceClaim().outcome());
    }

    @Test
    void aBackendThatKeepsWorkingAfterCloseFailsTheClosedInstanceCheck() {
        CheckResult r = ConformanceKit.checkClosedInstance(() -> new BrokenBackend(CPU, "never-closes"));
        assertEquals(Outcome.FAILED, r.outcome());
        assertTrue(r.message().contains("returned normally"), r.message());
        assertEquals(Outcome.PASSED, ConformanceKit.checkClosedInstance(() -> Backends.load("cpu")).outcome());
    }

    @Test
    void withoutASecondInstanceTheClosedCheckIsSkippedAndCounted() {
        ConformanceReport r = ConformanceKit.forBackend(CPU).cases(CASES.subList(0, 3)).run();
        assertEquals(List.of(CheckResult.TOLERANCE, CheckResult.CONCURRENCY, CheckResult.CLOSED),
                r.checks().stream().map(CheckResult::id).collect(Collectors.toList()));
        assertEquals(Outcome.SKIPPED, r.checks().get(2).outcome());
        assertEquals("5 passed, 0 failed, 1 skipped", r.summary(), "3 cases, 2 checks passed; 1 check skipped");
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
