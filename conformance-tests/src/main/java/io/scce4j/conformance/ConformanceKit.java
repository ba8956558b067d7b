package io.scce4j.conformance;

import io.scce4j.api.Backend;
import io.scce4j.api.Capability;
import io.scce4j.api.DType;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.InvalidInputException.Reason;
import io.scce4j.api.LossProfile;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import io.scce4j.api.Ulps;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks a backend against the Keras reference vectors, without JUnit.
 *
 * <pre>{@code
 * ConformanceReport report = ConformanceKit.forBackend(backend)
 *         .tolerance(Tolerance.of(1e-7, 4e-6))          // default: backend.tolerance()
 *         .waive("keras3-special-004", "NaN payloads differ on this platform")
 *         .run();
 * report.results().forEach(System.out::println);
 * }</pre>
 * A case passes when every element of the backend's result lies within the declared tolerance of Keras's, or the
 * backend raised {@link InvalidInputException} with the reason matching the error Keras raised (or the
 * {@link ErrorContract} requires), on the value and, for a backend with gradients, on the value with gradient
 * too. A backend that returns a number, or throws anything else, where an error is due fails. Masks must match
 * exactly.
 */
public final class ConformanceKit {
    private final Backend backend;
    private final List<TestCase> cases;
    private final Function<TestCase, Tolerance> tolerance;
    private final Tolerance declared;
    private final Map<String, String> waivers;

    private ConformanceKit(Builder b) {
        this.backend = b.backend;
        this.cases = b.cases == null ? defaultCases() : b.cases;
        this.tolerance = b.tolerance;
        this.declared = b.declared;
        this.waivers = Map.copyOf(b.waivers);
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
        private final Map<String, String> waivers = new LinkedHashMap<>();

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

    /** Runs every case. */
    public ConformanceReport run() {
        List<CaseResult> results = new ArrayList<>();
        for (TestCase c : cases) {
            results.add(check(c));
        }
        return new ConformanceReport(backend.id() + " " + backend.version(), declared, results);
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
        Tolerance tol = predict ? Tolerance.EXACT : c.tolerance().max(tolerance.apply(c));
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
