package io.scce4j.conformance;

import io.scce4j.api.Tolerance;
import java.util.List;

/**
 * The results of one kit run on one backend.
 *
 * <pre>{@code
 * ConformanceReport r = ConformanceKit.forBackend(backend).run();
 * System.out.println(r.summary());   // "650 passed, 0 failed, 0 skipped"
 * }</pre>
 */
public final class ConformanceReport {
    private final String backend;
    private final Tolerance tolerance;
    private final List<CaseResult> results;

    ConformanceReport(String backend, Tolerance tolerance, List<CaseResult> results) {
        this.backend = backend;
        this.tolerance = tolerance;
        this.results = List.copyOf(results);
    }

    /** The backend's id and version. */
    public String backend() {
        return backend;
    }

    /** The tolerance the backend declared. */
    public Tolerance tolerance() {
        return tolerance;
    }

    /** Every case's result, in the order the cases were given. */
    public List<CaseResult> results() {
        return results;
    }

    /** How many cases had this outcome. */
    public long count(Outcome outcome) {
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

    /** Whether no case failed. */
    public boolean passed() {
        return count(Outcome.FAILED) == 0;
    }

    /** {@code N passed, N failed, N skipped} (and {@code , N waived} when some were). */
    public String summary() {
        long waived = count(Outcome.WAIVED);
        return count(Outcome.PASSED) + " passed, " + count(Outcome.FAILED) + " failed, " + count(Outcome.SKIPPED)
                + " skipped" + (waived > 0 ? ", " + waived + " waived" : "");
    }
}
