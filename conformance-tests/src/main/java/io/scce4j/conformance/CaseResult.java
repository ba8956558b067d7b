package io.scce4j.conformance;

/** What happened to one case: the outcome, a one-line message, and how close the backend came to Keras. */
public final class CaseResult {
    private final TestCase testCase;
    private final Outcome outcome;
    private final String message;
    private final boolean bitExact;
    private final long maxUlps;
    private final double maxAbs;

    CaseResult(TestCase testCase, Outcome outcome, String message, boolean bitExact, long maxUlps, double maxAbs) {
        this.testCase = testCase;
        this.outcome = outcome;
        this.message = message;
        this.bitExact = bitExact;
        this.maxUlps = maxUlps;
        this.maxAbs = maxAbs;
    }

    /** The case. */
    public TestCase testCase() {
        return testCase;
    }

    /** The outcome. */
    public Outcome outcome() {
        return outcome;
    }

    /** Why it failed, was skipped or waived; empty when it passed. */
    public String message() {
        return message;
    }

    /** Whether every element had Keras's exact value (NaN counting as equal to NaN). */
    public boolean bitExact() {
        return bitExact;
    }

    /** The largest distance from Keras in units in the last place of the expected dtype. */
    public long maxUlps() {
        return maxUlps;
    }

    /** The largest absolute difference from Keras. */
    public double maxAbs() {
        return maxAbs;
    }

    @Override
    public String toString() {
        return testCase.id() + " " + outcome + (message.isEmpty() ? "" : ": " + message);
    }
}
