package io.scce4j.conformance;

/** The outcome of one case on one backend. */
public enum Outcome {
    /** Matches Keras within the tolerance (or raised the error Keras raised). */
    PASSED,
    /** Does not match; the result's message says where and by how much. */
    FAILED,
    /** Not run: the backend lacks a capability the case needs. */
    SKIPPED,
    /** Not counted: the backend's author waived it, with a reason. */
    WAIVED
}
