package io.scce4j.conformance;

/**
 * What happened to one case: the outcome, a one-line message, and how close the backend came to Keras.
 *
 * @param testCase the case
 * @param outcome the outcome
 * @param message why it failed, was skipped or waived; empty when it passed
 * @param bitExact whether every element had Keras's exact value (NaN counting as equal to NaN)
 * @param maxUlps the largest distance from Keras in units in the last place of the expected dtype
 * @param maxAbs the largest absolute difference from Keras
 */
public record CaseResult(TestCase testCase, Outcome outcome, String message, boolean bitExact, long maxUlps,
        double maxAbs) {

    @Override
    public String toString() {
        return testCase.id() + " " + outcome + (message.isEmpty() ? "" : ": " + message);
    }
}
