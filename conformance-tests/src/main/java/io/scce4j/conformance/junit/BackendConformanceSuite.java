package io.scce4j.conformance.junit;

import io.scce4j.api.Backend;
import io.scce4j.api.Capability;
import io.scce4j.api.LossOptions;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Shape;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import io.scce4j.conformance.CaseResult;
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
import org.junit.jupiter.api.function.Executable;

/**
 * The conformance kit as JUnit 5 tests: extend this class, return your backend, and every Keras reference case
 * becomes a dynamic test named by its id, grouped by file.
 *
 * <pre>{@code
 * class AcmeConformanceTest extends BackendConformanceSuite {
 *     @Override protected Backend backend() { return new AcmeBackendProvider().create(BackendSettings.defaults()); }
 * }
 * }</pre>
 * A failing case fails its test with the first differing element and its ulp distance; a case the backend
 * lacks a capability for, or that is waived, is reported as aborted (skipped) with the reason. One more test
 * has eight threads share one loss and one predictor ({@link ConcurrencyCheck}); another closes a second
 * instance and requires every call after it to fail with {@link IllegalStateException} saying so.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceSuite {
    private Backend backend;

    /**
     * A new instance of the backend under test: called once for the cases (closed after the last one), and once
     * more for {@link #aClosedBackendRefusesEveryCallWithAClearError}.
     */
    protected abstract Backend backend();

    /** The tolerance to check. Default: what the backend claims in {@link Backend#tolerance()}. */
    protected Tolerance tolerance() {
        return backend.tolerance();
    }

    /** Cases left out on purpose, by case id or {@code flag:Name}, with the reason. Default: none. */
    protected Map<String, String> waivers() {
        return Map.of();
    }

    /** The cases to run. Default: every bundled Keras vector and the error contract. */
    protected List<TestCase> cases() {
        return ConformanceKit.defaultCases();
    }

    /** Builds the kit; override to claim tolerances per case. */
    protected ConformanceKit kit(Backend backend) {
        ConformanceKit.Builder b = ConformanceKit.forBackend(backend).cases(cases()).tolerance(tolerance());
        waivers().forEach(b::waive);
        return b.build();
    }

    /** Threads sharing one loss and one predictor in {@link #eightThreadsShareOneLossAndOnePredictor}. */
    protected int threads() {
        return 8;
    }

    /** Calls each thread makes there. */
    protected int callsPerThread() {
        return 250;
    }

    private Backend backendUnderTest() {
        if (backend == null) {
            backend = backend();
        }
        return backend;
    }

    @TestFactory
    Stream<DynamicContainer> kerasReferenceCases() {
        ConformanceKit kit = kit(backendUnderTest());
        Map<String, List<TestCase>> byFile = kit.cases().stream()
                .collect(Collectors.groupingBy(TestCase::file, LinkedHashMap::new, Collectors.toList()));
        return byFile.entrySet().stream().map(e -> DynamicContainer.dynamicContainer(e.getKey(),
                e.getValue().stream().map(c -> DynamicTest.dynamicTest(c.id() + " " + c.comment(),
                        () -> verify(kit.check(c))))));
    }

    @Test
    void eightThreadsShareOneLossAndOnePredictor(TestReporter reporter) throws InterruptedException {
        ConcurrencyCheck.Result r = ConcurrencyCheck.run(backendUnderTest(), threads(), callsPerThread());
        reporter.publishEntry("concurrency", backendUnderTest().id() + " under " + threads() + " threads: " + r);
        Assertions.assertTrue(r.passed(), r.toString());
    }

    @Test
    void aClosedBackendRefusesEveryCallWithAClearError() {
        Backend b = backend();
        Tensor yTrue = Tensor.ofInts(Shape.of(2), 0, 1);
        Tensor yPred = Tensor.ofFloats(Shape.of(2, 2), 0.75f, 0.25f, 0.5f, 0.5f);
        SparseCategoricalCrossentropy loss = b.loss(LossOptions.defaults());
        MaskPredictor predictor = b.predictor();
        loss.compute(yTrue, yPred);
        predictor.predict(yPred);
        b.close();
        b.close(); // a second close is harmless
        List<Executable> calls = new java.util.ArrayList<>(List.of(() -> b.loss(LossOptions.defaults()),
                b::predictor, () -> loss.compute(yTrue, yPred), () -> predictor.predict(yPred)));
        if (b.capabilities().contains(Capability.GRADIENT)) {
            calls.add(() -> loss.computeWithGradient(yTrue, yPred));
        }
        for (Executable call : calls) {
            IllegalStateException e = Assertions.assertThrows(IllegalStateException.class, call,
                    "a call on a closed backend must fail with IllegalStateException");
            Assertions.assertTrue(e.getMessage() != null && e.getMessage().contains("closed"),
                    "the message should say the backend is closed: " + e.getMessage());
        }
    }

    private static void verify(CaseResult r) {
        if (r.outcome() == Outcome.SKIPPED || r.outcome() == Outcome.WAIVED) {
            Assumptions.abort(r.outcome() + ": " + r.message());
        }
        if (r.outcome() == Outcome.FAILED) {
            Assertions.fail(r.testCase().id() + ": " + r.message());
        }
    }

    @AfterAll
    void closeBackend() {
        if (backend != null) {
            backend.close();
        }
    }
}
