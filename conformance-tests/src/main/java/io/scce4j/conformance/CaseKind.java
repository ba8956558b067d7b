package io.scce4j.conformance;

/** What a case checks. */
public enum CaseKind {
    /** The loss value. */
    LOSS,
    /** d(loss)/d(y_pred), as tf.GradientTape gives it. */
    GRADIENT,
    /** The argmax mask. */
    PREDICT
}
