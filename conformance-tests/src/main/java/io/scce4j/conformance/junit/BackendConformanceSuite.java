package io.scce4j.conformance.junit;

import io.scce4j.api.Backend;
import io.scce4j.api.Tolerance;
import io.scce4j.conformance.CaseResult;
import io.scce4j.conformance.CheckResult;
import io.scce4j.conformance.ConcurrencyCheck;
import io.scce4j.conformance.ConformanceKit;
import io.scce4j.conformance.Outcome;
import io.scce4j.conformance.TestCase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestReporter;

/**
 * The conformance kit as JUnit 5 tests: extend this class, return your backend, and every Keras reference case
 * becomes a dynamic test named by its id, comment and flags ({@code keras3-loss-017 sum over 2 x 3 [IgnoreClass]}),
 * grouped by file.
 *
 * <pre>{@code
 * class AcmeConformanceTest extends BackendConformanceSuite {
 *     @Override protected Backend backend() { return new AcmeBackendProvider().create(BackendSettings.defaults()); }
 * }
 * }</pre>
 * A failing case fails its test with the case's id, comment and flags, the first differing element and its ulp
 * distance; a case the backend lacks a capability for, or that is waived, is reported as aborted (skipped) with
 * the reason. Three more tests run the kit's checks, as {@code scce4j conformance} does: the claimed tolerance
 * must be no looser than {@link ConformanceKit#MAX_TOLERANCE} (unless {@link #allowLooseTolerance()} gives a
 * reason); eight threads share one loss and one predictor ({@link ConcurrencyCheck}); a second instance, closed,
 * must refuse every call with an {@link IllegalStateException} saying so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceSuite {
    private Backend backend;
    private ConformanceKit kit;

    /**
     * A new instance of the backend under test: called once for the cases (closed after the last one), and once
     * more for {@link #aClosedBackendRefusesEveryCallWithAClearError}.
     */
    protected abstract Backend backend();

    /** The tolerance to check. Default: what the backend claims in {@link Backend#tolerance()}. */
    protected Tolerance tolerance() {
        return backendUnderTest().tolerance();
    }

    /**
     * Why the backend claims a tolerance looser than {@link ConformanceKit#MAX_TOLERANCE}, to accept such a claim;
     * null (the default) refuses it: the tolerance test fails and the cases are checked at the maximum. With a
     * reason, the cases are checked at the claim and the tolerance test is skipped with the reason.
     */
    protected String allowLooseTolerance() {
        return null;
    }

    /** Cases left out on purpose, by case id or {@code flag:Name}, with the reason. Default: none. */
    protected Map<String, String> waivers() {
        return Map.of();
    }

    /** The cases to run. Default: every bundled Keras vector and the error contract. */
    protected List<TestCase> cases() {
        return ConformanceKit.defaultCases();
    }

    /** Builds the kit; override to claim tolerances per case (keep {@link #allowLooseTolerance()} in mind). */
    protected ConformanceKit kit(Backend backend) {
        ConformanceKit.Builder b = ConformanceKit.forBackend(backend).cases(cases()).tolerance(tolerance())
                .concurrency(threads(), callsPerThread()).closedInstance(this::backend);
        waivers().forEach(b::waive);
        String loose = allowLooseTolerance();
        if (loose != null) {
            b.allowLooseTolerance(loose);
        }
        return b.build();
    }

    /** Threads sharing one loss and one predictor in {@link #eightThreadsShareOneLossAndOnePredictor}. */
    protected int threads() {
        return ConformanceKit.DEFAULT_THREADS;
    }

    /** Calls each thread makes there. */
    protected int callsPerThread() {
        return ConformanceKit.DEFAULT_CALLS_PER_THREAD;
    }

    private Backend backendUnderTest() {
        if (backend == null) {
            backend = backend();
        }
        return backend;
    }

    private ConformanceKit kitUnderTest() {
        if (kit == null) {
            kit = kit(backendUnderTest());
        }
        return kit;
    }

    /** A case's test name: its id, comment and flags. */
    static String displayName(TestCase c) {
        return c.id() + " " + c.comment() + (c.flags().isEmpty() ? "" : " [" + String.join(", ", c.flags()) + "]");
    }

    @TestFactory
    Stream<DynamicContainer> kerasReferenceCases() {
        ConformanceKit kit = kitUnderTest();
        Map<String, List<TestCase>> byFile = kit.cases().stream()
                .collect(Collectors.groupingBy(TestCase::file, LinkedHashMap::new, Collectors.toList()));
        return byFile.entrySet().stream().map(e -> DynamicContainer.dynamicContainer(e.getKey(),
                e.getValue().stream().map(c -> DynamicTest.dynamicTest(displayName(c),
                        () -> verify(kit.check(c))))));
    }

    @Test
    void theClaimedToleranceIsNoLooserThanTheKitsMaximum(TestReporter reporter) {
        CheckResult r = kitUnderTest().checkToleranceClaim();
        reporter.publishEntry("tolerance", r.message());
        verify(r);
    }

    @Test
    void eightThreadsShareOneLossAndOnePredictor(TestReporter reporter) {
        CheckResult r = kitUnderTest().checkConcurrency(threads(), callsPerThread());
        reporter.publishEntry("concurrency", backendUnderTest().id() + ": " + r.message());
        verify(r);
    }

    @Test
    void aClosedBackendRefusesEveryCallWithAClearError() {
        verify(ConformanceKit.checkClosedInstance(this::backend));
    }

    private static void verify(CaseResult r) {
        if (r.outcome() == Outcome.SKIPPED || r.outcome() == Outcome.WAIVED) {
            Assumptions.abort(r.outcome() + ": " + r.message());
        }
        if (r.outcome() == Outcome.FAILED) {
            Assertions.fail(displayName(r.testCase()) + ": " + r.message());
        }
    }

    private static void verify(CheckResult r) {
        if (r.outcome() == Outcome.SKIPPED || r.outcome() == Outcome.WAIVED) {
            Assumptions.abort(r.outcome() + ": " + r.message());
        }
        if (r.outcome() == Outcome.FAILED) {
            Assertions.fail(r.id() + " (" + r.title() + "): " + r.message());
        }
    }

    @AfterAll
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }
}
