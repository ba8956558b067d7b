package io.scce4j.conformance;

import java.util.Objects;

/**
 * The outcome of one of the kit's checks that are not Keras cases: the tolerance the backend claims, threads
 * sharing one loss and predictor, a closed instance refusing work. Counted with the cases in
 * {@link ConformanceReport#summary()} and shown in every report.
 *
 * @param id a stable id, e.g. {@code scce4j-check-concurrency}
 * @param title what the check asks of the backend, one line
 * @param outcome {@link Outcome#PASSED}, {@link Outcome#FAILED}, {@link Outcome#SKIPPED} (not run; the message
 *     says why) or {@link Outcome#WAIVED} (a loose tolerance the author allowed, with the reason)
 * @param message what was found; for a failure, what is wrong and how to fix it
 */
public record CheckResult(String id, String title, Outcome outcome, String message) {
    /** Checks the claimed tolerance against {@link ConformanceKit#MAX_TOLERANCE}. */
    public static final String TOLERANCE = "scce4j-check-tolerance";
    /** {@link ConcurrencyCheck}: threads sharing one loss and one predictor. */
    public static final String CONCURRENCY = "scce4j-check-concurrency";
    /** A closed instance refuses every call with an {@link IllegalStateException} that says so. */
    public static final String CLOSED = "scce4j-check-closed";

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return id + " " + outcome + (message.isEmpty() ? "" : ": " + message);
    }
}
