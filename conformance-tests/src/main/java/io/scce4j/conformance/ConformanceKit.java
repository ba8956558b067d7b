package io.scce4j.conformance;

import io.scce4j.api.Backend;
import io.scce4j.api.Capability;
import io.scce4j.api.DType;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.InvalidInputException.Reason;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Shape;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import io.scce4j.api.Ulps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks a backend against the Keras reference vectors, without JUnit, and runs the same checks as
 * {@link io.scce4j.conformance.junit.BackendConformanceSuite}.
 *
 * <pre>{@code
 * ConformanceReport report = ConformanceKit.forBackend(backend)
 *         .tolerance(Tolerance.of(1e-7, 4e-6))          // default: backend.tolerance()
 *         .waive("keras3-special-004", "NaN payloads differ on this platform")
 *         .closedInstance(() -> provider.create(BackendSettings.defaults()))   // a second instance to close
 *         .run();
 * System.out.println(report.summary());                  // "784 passed, 0 failed, 0 skipped"
 * }</pre>
 * A case passes when every element of the backend's result lies within the declared tolerance of Keras's, or the
 * backend raised {@link InvalidInputException} with the reason matching the error Keras raised (or the
 * {@link ErrorContract} requires), on the value and, for a backend with gradients, on the value with gradient
 * too. A backend that returns a number, or throws anything else, where an error is due fails. Masks must match
 * exactly.
 *
 * <p>Besides the cases, {@link #run()} runs three checks ({@link CheckResult}), counted with the cases:
 * <ul>
 *   <li>{@value CheckResult#TOLERANCE}: the claimed tolerance is no looser than {@link #MAX_TOLERANCE}. A looser
 *       claim fails, and the cases are then checked at the maximum, unless the author opts out by name with
 *       {@link Builder#allowLooseTolerance(String)}: the check is then {@link Outcome#WAIVED} with the reason, and
 *       the cases are checked at the claim;</li>
 *   <li>{@value CheckResult#CONCURRENCY}: {@link ConcurrencyCheck} (8 threads, 250 calls each by default);</li>
 *   <li>{@value CheckResult#CLOSED}: a second instance ({@link Builder#closedInstance(Supplier)}), closed, must
 *       refuse every call with an {@link IllegalStateException} that says it is closed; skipped when no second
 *       instance is given.</li>
 * </ul>
 */
public final class ConformanceKit {
    /**
     * The loosest tolerance the kit accepts as a claim without an opt-out: {@code abs 1e-6, rel 1e-5}.
     *
     * <p>Keras computes in float32 (keras3, and keras2 on float32 input), whose unit in the last place near 1.0
     * is 1.2e-7. A backend that gets every Keras rule right but adds up in another order, or has its own
     * {@code exp} and {@code log}, lands within a few such ulps: absolutely where a loss is small (the
     * {@code log} of a row sum near 1.0 is off by an ulp of 1.0 however small the loss) and relatively
     * elsewhere. 1e-6 absolute is 8 ulps of 1.0, and 1e-5 relative is 84 float32 ulps; this project's backends
     * claim at most abs 2.4e-7 (nd4j) and rel 1e-5 (the example backend). A Keras rule gotten wrong moves results
     * by far more: a mean over ignored labels divided by every element instead of the valid ones misses Keras by
     * 10% or more wherever it misses on the bundled vectors, and passed them all claiming
     * {@code Tolerance.of(10, 10)}.
     */
    public static final Tolerance MAX_TOLERANCE = Tolerance.of(1e-6, 1e-5);

    /** Threads of the concurrency check unless told otherwise. */
    public static final int DEFAULT_THREADS = 8;
    /** Calls per thread of the concurrency check unless told otherwise. */
    public static final int DEFAULT_CALLS_PER_THREAD = 250;

    private final Backend backend;
    private final List<TestCase> cases;
    private final Function<TestCase, Tolerance> claimed;
    private final Tolerance declared;
    private final Tolerance loosest;
    private final String looseReason;
    private final Map<String, String> waivers;
    private final int threads;
    private final int callsPerThread;
    private final Supplier<Backend> freshInstance;

    private ConformanceKit(Builder b) {
        this.backend = b.backend;
        this.cases = b.cases == null ? defaultCases() : b.cases;
        this.claimed = b.tolerance;
        this.declared = b.declared;
        Tolerance widest = b.declared;
        for (TestCase c : cases) {
            widest = widest.max(b.tolerance.apply(c));
        }
        this.loosest = widest;
        this.looseReason = b.looseReason;
        this.waivers = Map.copyOf(b.waivers);
        this.threads = b.threads;
        this.callsPerThread = b.callsPerThread;
        this.freshInstance = b.freshInstance;
    }

    /** The bundled Keras vectors followed by the {@link ErrorContract}: what a kit runs unless told otherwise. */
    public static List<TestCase> defaultCases() {
        List<TestCase> all = new ArrayList<>(CaseLoader.bundled());
        all.addAll(ErrorContract.cases());
        return List.copyOf(all);
    }

    /** A kit for this backend, over the default cases, at the tolerance the backend claims. */
    public static Builder forBackend(Backend backend) {
        return new Builder(backend);
    }

    /** Configures a kit run. */
    public static final class Builder {
        private final Backend backend;
        private List<TestCase> cases;
        private Function<TestCase, Tolerance> tolerance;
        private Tolerance declared;
        private String looseReason;
        private final Map<String, String> waivers = new LinkedHashMap<>();
        private int threads = DEFAULT_THREADS;
        private int callsPerThread = DEFAULT_CALLS_PER_THREAD;
        private Supplier<Backend> freshInstance;

        private Builder(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            Tolerance claimed = backend.tolerance();
            this.declared = claimed;
            this.tolerance = c -> claimed;
        }

        /** The cases to run (default: {@link #defaultCases()}). */
        public Builder cases(List<TestCase> value) {
            this.cases = List.copyOf(value);
            return this;
        }

        /** Overrides the backend's claimed tolerance on every case. */
        public Builder tolerance(Tolerance value) {
            Objects.requireNonNull(value, "tolerance");
            this.declared = value;
            this.tolerance = c -> value;
            return this;
        }

        /** The tolerance the backend claims, per case (for instance wider for gradients); shown as declared. */
        public Builder tolerance(Tolerance shown, Function<TestCase, Tolerance> perCase) {
            this.declared = Objects.requireNonNull(shown, "shown");
            this.tolerance = Objects.requireNonNull(perCase, "perCase");
            return this;
        }

        /** Leaves a case out of the count, with the reason (case id, or {@code flag:Name} for every flagged case). */
        public Builder waive(String caseIdOrFlag, String reason) {
            waivers.put(Objects.requireNonNull(caseIdOrFlag), Objects.requireNonNull(reason));
            return this;
        }

        /**
         * Accepts a claimed tolerance looser than {@link #MAX_TOLERANCE}, for this reason: the cases are then
         * checked at the claim, and the tolerance check is {@link Outcome#WAIVED} with the reason (every report
         * shows it). Without this, a looser claim fails the run and the cases are checked at the maximum.
         *
         * @param reason why the backend cannot do better, for the reader of the report; not blank
         */
        public Builder allowLooseTolerance(String reason) {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("allowLooseTolerance needs a reason (why the backend cannot claim "
                        + "abs " + MAX_TOLERANCE.abs() + ", rel " + MAX_TOLERANCE.rel() + " or tighter)");
            }
            this.looseReason = reason.strip();
            return this;
        }

        /** The concurrency check's threads and calls per thread (default 8 and 250). */
        public Builder concurrency(int threads, int callsPerThread) {
            if (threads < 1 || callsPerThread < 1) {
                throw new IllegalArgumentException("threads and calls per thread must be >= 1; got " + threads
                        + " and " + callsPerThread);
            }
            this.threads = threads;
            this.callsPerThread = callsPerThread;
            return this;
        }

        /**
         * Where a second instance of the backend comes from, for the closed-instance check: it is created, used,
         * closed and then must refuse every call. Without it that check is skipped.
         */
        public Builder closedInstance(Supplier<Backend> newInstance) {
            this.freshInstance = Objects.requireNonNull(newInstance, "newInstance");
            return this;
        }

        /** The kit. */
        public ConformanceKit build() {
            return new ConformanceKit(this);
        }

        /** Builds the kit and runs every case. */
        public ConformanceReport run() {
            return build().run();
        }
    }

    /** The cases this kit runs. */
    public List<TestCase> cases() {
        return cases;
    }

    /** Runs every case, then the tolerance, concurrency and closed-instance checks. */
    public ConformanceReport run() {
        List<CaseResult> results = new ArrayList<>();
        for (TestCase c : cases) {
            results.add(check(c));
        }
        List<CheckResult> checks = new ArrayList<>();
        checks.add(checkToleranceClaim());
        checks.add(checkConcurrency(threads, callsPerThread));
        checks.add(freshInstance == null
                ? new CheckResult(CheckResult.CLOSED, CLOSED_TITLE, Outcome.SKIPPED,
                        "no second instance to close was given (ConformanceKit.Builder.closedInstance)")
                : checkClosedInstance(freshInstance));
        return new ConformanceReport(backend.id() + " " + backend.version(), declared, MAX_TOLERANCE,
                isLoose() && looseReason != null ? looseReason : null, results, checks);
    }

    /** The tolerance the backend claims (what {@link Builder#tolerance} set, else {@link Backend#tolerance()}). */
    public Tolerance claimedTolerance() {
        return declared;
    }

    /** Whether the claim (on any case) is looser than {@link #MAX_TOLERANCE} in its absolute or relative part. */
    public boolean isLoose() {
        return !within(loosest, MAX_TOLERANCE);
    }

    /**
     * The tolerance the concurrency check compares at: the claim, capped at {@link #MAX_TOLERANCE} unless the
     * author allowed a loose one.
     */
    public Tolerance checkedTolerance() {
        return checked(declared);
    }

    private Tolerance checked(Tolerance claim) {
        return looseReason != null ? claim : Tolerance.of(Math.min(claim.abs(), MAX_TOLERANCE.abs()),
                Math.min(claim.rel(), MAX_TOLERANCE.rel()));
    }

    private static boolean within(Tolerance t, Tolerance max) {
        return t.abs() <= max.abs() && t.rel() <= max.rel();
    }

    private static final String TOLERANCE_TITLE = "the claimed tolerance is no looser than the kit's maximum";
    private static final String CONCURRENCY_TITLE = "threads sharing one loss and one predictor get one thread's "
            + "results";
    private static final String CLOSED_TITLE = "a closed instance refuses every call with a clear error";

    /** The claimed tolerance against {@link #MAX_TOLERANCE}; see {@link Builder#allowLooseTolerance(String)}. */
    public CheckResult checkToleranceClaim() {
        String claim = "claims " + loosest + (loosest.equals(declared) ? "" : " (on some cases; " + declared
                + " declared)");
        String max = "the kit's maximum " + MAX_TOLERANCE;
        if (!isLoose()) {
            return new CheckResult(CheckResult.TOLERANCE, TOLERANCE_TITLE, Outcome.PASSED, claim + ", within " + max
                    + (looseReason != null ? " (a loose tolerance was allowed but is not needed)" : ""));
        }
        if (looseReason != null) {
            return new CheckResult(CheckResult.TOLERANCE, TOLERANCE_TITLE, Outcome.WAIVED, claim + ", looser than "
                    + max + "; LOOSE TOLERANCE ALLOWED by the author: " + looseReason
                    + "; the cases were checked at the claim");
        }
        return new CheckResult(CheckResult.TOLERANCE, TOLERANCE_TITLE, Outcome.FAILED, claim + ", looser than " + max
                + ", so the cases were checked at the maximum. Rounding moves results by a few float32 ulps; a "
                + "Keras rule gotten wrong moves them by far more, and a claim this loose would hide it. Tighten "
                + "Backend.tolerance(), or opt out by name with a reason: allowLooseTolerance(reason) on "
                + "ConformanceKit.Builder or BackendConformanceSuite, --allow-loose-tolerance REASON on scce4j "
                + "conformance");
    }

    /** {@link ConcurrencyCheck} at {@link #checkedTolerance()}, as a check result. */
    public CheckResult checkConcurrency(int threads, int callsPerThread) {
        String title = threads + " " + CONCURRENCY_TITLE;
        try {
            ConcurrencyCheck.Result r = ConcurrencyCheck.run(backend, threads, callsPerThread, checkedTolerance());
            return new CheckResult(CheckResult.CONCURRENCY, title, r.passed() ? Outcome.PASSED : Outcome.FAILED,
                    threads + " threads x " + callsPerThread + " calls: " + r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CheckResult(CheckResult.CONCURRENCY, title, Outcome.FAILED, "interrupted");
        } catch (RuntimeException e) {
            return new CheckResult(CheckResult.CONCURRENCY, title, Outcome.FAILED,
                    "the single-threaded reference calls failed: " + e);
        }
    }

    /**
     * Creates an instance, uses its loss and predictor, closes it (twice: the second close must be harmless), then
     * requires every call (on the backend, and on the loss and predictor handed out before) to fail with an
     * {@link IllegalStateException} whose message says the backend is closed.
     */
    public static CheckResult checkClosedInstance(Supplier<Backend> newInstance) {
        Backend b;
        try {
            b = Objects.requireNonNull(newInstance.get(), "the supplier returned null");
        } catch (RuntimeException e) {
            return new CheckResult(CheckResult.CLOSED, CLOSED_TITLE, Outcome.FAILED,
                    "could not create a second instance: " + e);
        }
        Tensor yTrue = Tensor.ofInts(Shape.of(2), 0, 1);
        Tensor yPred = Tensor.ofFloats(Shape.of(2, 2), 0.75f, 0.25f, 0.5f, 0.5f);
        SparseCategoricalCrossentropy loss;
        MaskPredictor predictor;
        try {
            loss = b.loss(LossOptions.defaults());
            predictor = b.predictor();
            loss.compute(yTrue, yPred);
            predictor.predict(yPred);
        } catch (RuntimeException e) {
            b.close();
            return new CheckResult(CheckResult.CLOSED, CLOSED_TITLE, Outcome.FAILED,
                    "an open instance failed on a 2 x 2 batch: " + e);
        }
        try {
            b.close();
            b.close();
        } catch (RuntimeException e) {
            return new CheckResult(CheckResult.CLOSED, CLOSED_TITLE, Outcome.FAILED,
                    "close() threw (a second close must be harmless): " + e);
        }
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("backend.loss(options)", () -> b.loss(LossOptions.defaults()));
        calls.put("backend.predictor()", b::predictor);
        calls.put("loss.compute", () -> loss.compute(yTrue, yPred));
        calls.put("predictor.predict", () -> predictor.predict(yPred));
        if (b.capabilities().contains(Capability.GRADIENT)) {
            calls.put("loss.computeWithGradient", () -> loss.computeWithGradient(yTrue, yPred));
        }
        for (Map.Entry<String, Runnable> call : calls.entrySet()) {
            try {
                call.getValue().run();
                return new CheckResult(CheckResult.CLOSED, CLOSED_TITLE, Outcome.FAILED, call.getKey()
                        + " on a closed backend returned normally; it must throw IllegalStateException");
            } catch (IllegalStateException e) {
                if (e.getMessage() == null || !e.getMessage().contains("closed")) {
                    return new CheckResult(CheckResult.CLOSED, CLOSED_TITLE, Outcome.FAILED, call.getKey()
                            + " threw IllegalStateException without saying the backend is closed: "
                            + e.getMessage());
                }
            } catch (RuntimeException e) {
                return new CheckResult(CheckResult.CLOSED, CLOSED_TITLE, Outcome.FAILED, call.getKey()
                        + " on a closed backend threw " + e + "; it must throw IllegalStateException saying so");
            }
        }
        return new CheckResult(CheckResult.CLOSED, CLOSED_TITLE, Outcome.PASSED, calls.size()
                + " calls after close() refused with IllegalStateException");
    }

    /** The loose-tolerance reason given, if any. */
    public Optional<String> looseToleranceReason() {
        return Optional.ofNullable(looseReason);
    }

    /** Runs one case. */
    public CaseResult check(TestCase c) {
        String waiver = waivers.containsKey(c.id()) ? waivers.get(c.id())
                : c.flags().stream().map(f -> waivers.get("flag:" + f)).filter(Objects::nonNull).findFirst()
                        .orElse(null);
        if (waiver != null) {
            return new CaseResult(c, Outcome.WAIVED, waiver, false, 0, 0);
        }
        String missing = missingCapability(c);
        if (missing != null) {
            return new CaseResult(c, Outcome.SKIPPED, "backend lacks capability " + missing, false, 0, 0);
        }
        Tensor got;
        try {
            got = compute(c);
        } catch (InvalidInputException e) {
            if (c.expectedError().isPresent()) {
                return e.reason() == c.expectedError().get() ? errorOnGradientPathToo(c)
                        : failed(c, "raised " + e.reason() + " (" + e.getMessage() + ") where Keras raised "
                                + c.expectedError().get() + " (" + c.kerasError() + ")");
            }
            return failed(c, "raised " + e.reason() + " (" + e.getMessage() + ") where Keras returned a value");
        } catch (RuntimeException e) {
            return failed(c, "threw " + e + (c.expectedError().isPresent() ? " where Keras raised "
                    + c.expectedError().get() + "; expected an InvalidInputException with that reason" : ""));
        }
        if (c.expectedError().isPresent()) {
            return failed(c, "returned " + got + " where Keras raised " + c.kerasError()
                    + "; expected an InvalidInputException with reason " + c.expectedError().get());
        }
        return compare(c, got, c.expected().orElseThrow());
    }

    /** An error due on the value is due on the value with gradient as well. */
    private CaseResult errorOnGradientPathToo(TestCase c) {
        if (c.kind() != CaseKind.LOSS || !backend.capabilities().contains(Capability.GRADIENT)
                || c.optionsError().isPresent()) {
            return new CaseResult(c, Outcome.PASSED, "", true, 0, 0);
        }
        Reason due = c.expectedError().orElseThrow();
        try {
            LossWithGradient got = backend.loss(c.options()).computeWithGradient(c.yTrue(), c.yPred(),
                    c.sampleWeight());
            return failed(c, "the value raised " + due + " but the value with gradient returned " + got.value());
        } catch (InvalidInputException e) {
            return e.reason() == due ? new CaseResult(c, Outcome.PASSED, "", true, 0, 0)
                    : failed(c, "the value raised " + due + " but the value with gradient raised " + e.reason()
                            + " (" + e.getMessage() + ")");
        } catch (RuntimeException e) {
            return failed(c, "the value raised " + due + " but the value with gradient threw " + e);
        }
    }

    private String missingCapability(TestCase c) {
        if (c.kind() == CaseKind.GRADIENT && !backend.capabilities().contains(Capability.GRADIENT)) {
            return Capability.GRADIENT.name();
        }
        if (c.profile() != LossProfile.KERAS3 && c.kind() != CaseKind.PREDICT
                && !backend.capabilities().contains(Capability.KERAS2_PROFILES)) {
            return Capability.KERAS2_PROFILES.name();
        }
        if (c.profile() != LossProfile.KERAS3 && c.yPred() != null && c.yPred().dtype() == DType.FLOAT64
                && c.kind() != CaseKind.PREDICT
                && !backend.capabilities().contains(Capability.FLOAT64)) {
            return Capability.FLOAT64.name();
        }
        return null;
    }

    private Tensor compute(TestCase c) {
        if (c.optionsError().isPresent()) {
            throw c.optionsError().get(); // the api refused the options before any backend saw them
        }
        switch (c.kind()) {
            case PREDICT:
                return backend.predictor().predict(c.yPred());
            case GRADIENT:
                return backend.loss(c.options()).computeWithGradient(c.yTrue(), c.yPred(), c.sampleWeight())
                        .gradient();
            default:
                return backend.loss(c.options()).compute(c.yTrue(), c.yPred(), c.sampleWeight());
        }
    }

    private static CaseResult failed(TestCase c, String message) {
        return new CaseResult(c, Outcome.FAILED, message, false, Long.MAX_VALUE, Double.POSITIVE_INFINITY);
    }

    private CaseResult compare(TestCase c, Tensor got, Tensor expected) {
        if (!got.shape().equals(expected.shape())) {
            return failed(c, "shape " + got.shape() + " where Keras gives " + expected.shape());
        }
        boolean predict = c.kind() == CaseKind.PREDICT;
        if (!predict && got.dtype() != expected.dtype()) {
            return failed(c, "dtype " + got.dtype() + " where Keras gives " + expected.dtype());
        }
        Tolerance tol = predict ? Tolerance.EXACT : c.tolerance().max(checked(claimed.apply(c)));
        // Keras 3 computes in float32 whatever the input: count ulps in float32 where both values are float32.
        boolean single = expected.dtype() == DType.FLOAT32 || c.profile() == LossProfile.KERAS3;
        boolean exact = true;
        long maxUlps = 0;
        double maxAbs = 0;
        int firstBad = -1;
        for (int i = 0; i < expected.size(); i++) {
            double g = got.getDouble(i);
            double e = expected.getDouble(i);
            boolean same = Double.isNaN(g) && Double.isNaN(e)
                    || Double.doubleToLongBits(g) == Double.doubleToLongBits(e);
            if (same) {
                continue;
            }
            exact = false;
            maxUlps = Math.max(maxUlps, predict ? (long) Math.abs(g - e) : Ulps.between(g, e, single));
            maxAbs = Math.max(maxAbs, Double.isNaN(g - e) ? Double.POSITIVE_INFINITY : Math.abs(g - e));
            if (firstBad < 0 && !tol.allows(g, e)) {
                firstBad = i;
            }
        }
        if (firstBad >= 0) {
            double g = got.getDouble(firstBad);
            double e = expected.getDouble(firstBad);
            String ulps = Ulps.text(predict ? (long) Math.abs(g - e) : Ulps.between(g, e, single));
            return new CaseResult(c, Outcome.FAILED, "element " + firstBad + ": got " + g + ", Keras " + e + " ("
                    + ulps + " ulp; tolerance " + tol + "); largest distance " + Ulps.text(maxUlps) + " ulp",
                    false, maxUlps, maxAbs);
        }
        return new CaseResult(c, Outcome.PASSED, "", exact, maxUlps, maxAbs);
    }
}
