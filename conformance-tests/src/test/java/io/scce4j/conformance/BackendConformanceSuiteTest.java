package io.scce4j.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.scce4j.api.Backend;
import io.scce4j.api.Reduction;
import io.scce4j.api.Tolerance;
import io.scce4j.conformance.junit.BackendConformanceSuite;
import io.scce4j.discovery.Backends;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@link BackendConformanceSuite} as JUnit runs it (through the JUnit Platform launcher, as Maven's surefire
 * does): what its tests are named and what their failures say.
 */
class BackendConformanceSuiteTest {
    private static final Backend CPU = Backends.load("cpu");

    @AfterAll
    static void close() {
        CPU.close();
    }

    /** Six Keras cases a wrong divisor fails (a mean over ignored labels), and the forum example it passes. */
    private static final List<TestCase> CASES = Stream.concat(
            ConformanceKit.defaultCases().stream().filter(c -> c.id().startsWith("keras3-")
                    && c.kind() == CaseKind.LOSS && c.flags().contains("IgnoreClass")
                    && !c.flags().contains("AllIgnored") && c.expectedError().isEmpty()
                    && c.options().reduction() == Reduction.SUM_OVER_BATCH_SIZE).limit(6),
            ConformanceKit.defaultCases().stream().filter(c -> c.id().equals("keras3-forum-001")))
            .collect(Collectors.toList());

    /** Run by the launcher below, not by surefire (nested classes are not test classes there). */
    static class WrongDivisorClaimingTen extends BackendConformanceSuite {
        @Override
        protected Backend backend() {
            return BrokenBackendsTest.wrongDivisorClaiming(CPU, Tolerance.of(10, 10));
        }

        @Override
        protected List<TestCase> cases() {
            return CASES;
        }

        @Override
        protected int callsPerThread() {
            return 5;
        }
    }

    /** The same backend, its author having opted out of the maximum by name. */
    static class WrongDivisorAllowedLoose extends WrongDivisorClaimingTen {
        @Override
        protected String allowLooseTolerance() {
            return "our accelerator computes in bfloat16";
        }
    }

    private static Map<String, TestExecutionResult> run(Class<?> suite) {
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                        if (id.isTest()) {
                            results.put(id.getDisplayName(), result);
                        }
                    }
                });
        return results;
    }

    private static String message(TestExecutionResult r) {
        return r.getThrowable().map(Throwable::getMessage).orElse("");
    }

    @Test
    void eachCaseIsATestNamedByItsIdCommentAndFlagsAndItsFailureSaysThemToo() {
        Map<String, TestExecutionResult> results = run(WrongDivisorClaimingTen.class);
        int failed = 0;
        for (TestCase c : CASES) {
            String name = c.id() + " " + c.comment() + " [" + String.join(", ", c.flags()) + "]";
            assertTrue(results.containsKey(name), name + " not among " + results.keySet());
            TestExecutionResult r = results.get(name);
            if (r.getStatus() == TestExecutionResult.Status.FAILED) {
                failed++;
                assertTrue(message(r).startsWith(name + ": element 0: got "), message(r));
            }
        }
        assertEquals(CASES.size() - 1, failed, "every ignore-class case fails at the maximum; the forum case passes");
    }

    @Test
    void aToleranceLooserThanTheMaximumFailsTheSuite() {
        TestExecutionResult claim = run(WrongDivisorClaimingTen.class)
                .get("theClaimedToleranceIsNoLooserThanTheKitsMaximum(TestReporter)");
        assertEquals(TestExecutionResult.Status.FAILED, claim.getStatus());
        assertTrue(message(claim).startsWith("scce4j-check-tolerance (the claimed tolerance is no looser than the "
                + "kit's maximum): claims abs 10.0, rel 10.0, looser than the kit's maximum abs 1.0E-6, rel 1.0E-5, so "
                + "the cases were checked at the maximum"), message(claim));
    }

    @Test
    void aLooseToleranceAllowedByNameSkipsTheToleranceTestWithTheReasonAndChecksTheCasesAtTheClaim() {
        Map<String, TestExecutionResult> results = run(WrongDivisorAllowedLoose.class);
        TestExecutionResult claim = results.get("theClaimedToleranceIsNoLooserThanTheKitsMaximum(TestReporter)");
        assertEquals(TestExecutionResult.Status.ABORTED, claim.getStatus());
        assertTrue(message(claim).contains("our accelerator computes in bfloat16"), message(claim));
        for (TestCase c : CASES) {
            String name = c.id() + " " + c.comment() + " [" + String.join(", ", c.flags()) + "]";
            assertEquals(TestExecutionResult.Status.SUCCESSFUL, results.get(name).getStatus(), name);
        }
    }

    @Test
    void theConcurrencyAndClosedInstanceChecksAreTestsToo() {
        Map<String, TestExecutionResult> results = run(WrongDivisorClaimingTen.class);
        assertEquals(TestExecutionResult.Status.SUCCESSFUL,
                results.get("eightThreadsShareOneLossAndOnePredictor(TestReporter)").getStatus());
        TestExecutionResult closed = results.get("aClosedBackendRefusesEveryCallWithAClearError()");
        assertEquals(TestExecutionResult.Status.FAILED, closed.getStatus(), "this broken backend never closes");
        assertTrue(message(closed).startsWith(CheckResult.CLOSED), message(closed));
    }
}
