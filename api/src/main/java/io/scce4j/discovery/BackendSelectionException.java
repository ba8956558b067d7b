package io.scce4j.discovery;

import java.util.Objects;

/**
 * No backend could be chosen: none is on the class path, the one asked for is missing or cannot run, two claim
 * one id, or two share the highest priority. The message says what was asked, how, and what is available.
 */
public class BackendSelectionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why selection failed. */
    public enum Reason {
        /** No provider at all, or none available. */
        NONE_FOUND,
        /** The requested id is not on the class path. */
        NOT_FOUND,
        /** The requested backend is present but cannot run here, or failed to start. */
        UNAVAILABLE,
        /** Two providers claim the same id. */
        DUPLICATE_ID,
        /** Two available providers share the highest priority and nothing names one. */
        AMBIGUOUS
    }

    private final Reason reason;

    /**
     * @param reason machine-readable reason
     * @param message one line
     * @param cause the underlying failure, or null
     */
    public BackendSelectionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The machine-readable reason. */
    public Reason reason() {
        return reason;
    }
}
