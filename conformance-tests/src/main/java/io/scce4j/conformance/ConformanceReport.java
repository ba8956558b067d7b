package io.scce4j.conformance;

import io.scce4j.api.Tolerance;
import java.util.List;
import java.util.Optional;

/**
 * The results of one kit run on one backend: every case, then the kit's checks (tolerance claim, concurrency,
 * closed instance).
 *
 * <pre>{@code
 * ConformanceReport r = ConformanceKit.forBackend(backend).run();
 * System.out.println(r.summary());   // "653 passed, 0 failed, 0 skipped": cases and checks together
 * }</pre>
 */
public final class ConformanceReport {
    private final String backend;
    private final Tolerance tolerance;
    private final Tolerance maximum;
    private final String looseToleranceReason;
    private final List<CaseResult> results;
    private final List<CheckResult> checks;

    ConformanceReport(String backend, Tolerance tolerance, Tolerance maximum, String looseToleranceReason,
            List<CaseResult> results, List<CheckResult> checks) {
        this.backend = backend;
        this.tolerance = tolerance;
        this.maximum = maximum;
        this.looseToleranceReason = looseToleranceReason;
        this.results = List.copyOf(results);
        this.checks = List.copyOf(checks);
    }

    /** The backend's id and version. */
    public String backend() {
        return backend;
    }

    /** The tolerance the backend declared (claimed). */
    public Tolerance tolerance() {
        return tolerance;
    }

    /** The loosest claim the kit accepts without an opt-out ({@link ConformanceKit#MAX_TOLERANCE}). */
    public Tolerance maximumTolerance() {
        return maximum;
    }

    /**
     * The author's reason, where the claim is looser than {@link #maximumTolerance()} and the author allowed it
     * ({@code allowLooseTolerance}); the cases were then checked at the claim.
     */
    public Optional<String> looseToleranceAllowed() {
        return Optional.ofNullable(looseToleranceReason);
    }

    /** Every case's result, in the order the cases were given. */
    public List<CaseResult> results() {
        return results;
    }

    /** The kit's checks besides the cases: tolerance claim, concurrency, closed instance. */
    public List<CheckResult> checks() {
        return checks;
    }

    /** How many cases and checks had this outcome. */
    public long count(Outcome outcome) {
        return caseCount(outcome) + checks.stream().filter(c -> c.outcome() == outcome).count();
    }

    /** How many cases (not checks) had this outcome. */
    public long caseCount(Outcome outcome) {
        return results.stream().filter(r -> r.outcome() == outcome).count();
    }

    /** How many passed cases were bit-exact. */
    public long bitExactCount() {
        return results.stream().filter(r -> r.outcome() == Outcome.PASSED && r.bitExact()).count();
    }

    /** The largest ulp distance over the cases that ran and produced values. */
    public long maxUlps() {
        return results.stream().filter(r -> r.outcome() == Outcome.PASSED || r.outcome() == Outcome.FAILED)
                .mapToLong(CaseResult::maxUlps).filter(u -> u != Long.MAX_VALUE).max().orElse(0);
    }

    /** Whether no case and no check failed. */
    public boolean passed() {
        return count(Outcome.FAILED) == 0;
    }

    /**
     * {@code N passed, N failed, N skipped} over cases and checks (and {@code , N waived} when some were: waived
     * cases, and a loose tolerance the author allowed).
     */
    public String summary() {
        long waived = count(Outcome.WAIVED);
        return count(Outcome.PASSED) + " passed, " + count(Outcome.FAILED) + " failed, " + count(Outcome.SKIPPED)
                + " skipped" + (waived > 0 ? ", " + waived + " waived" : "");
    }

    /**
     * One line on the claim: {@code tolerance claimed abs 0.0, rel 1.0E-6 (maximum abs 1.0E-6, rel 1.0E-5)}, with
     * {@code , LOOSER THAN THE MAXIMUM, allowed by the author: <reason>} or {@code , LOOSER THAN THE MAXIMUM:
     * checked at the maximum}.
     */
    public String toleranceLine() {
        boolean loose = tolerance.abs() > maximum.abs() || tolerance.rel() > maximum.rel()
                || checks.stream().anyMatch(c -> c.id().equals(CheckResult.TOLERANCE) && c.outcome() != Outcome.PASSED);
        return "tolerance claimed " + tolerance + " (maximum " + maximum + ")" + (!loose ? ""
                : looseToleranceReason != null ? ", LOOSER THAN THE MAXIMUM, allowed by the author: "
                        + looseToleranceReason
                : ", LOOSER THAN THE MAXIMUM: refused, cases checked at the maximum");
    }
}
