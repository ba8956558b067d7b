package io.scce4j.api;

import java.util.Objects;

/**
 * The one unchecked exception every entry point of scce4j throws for bad input, on every backend.
 *
 * <p>{@link #reason()} is machine-readable; the message is one line that names the offending value and the
 * valid range, in Keras's words where Keras has some:
 * <pre>{@code
 * try {
 *     loss.compute(yTrue, yPred);
 * } catch (InvalidInputException e) {
 *     if (e.reason() == InvalidInputException.Reason.LABEL_OUT_OF_RANGE) { ... }
 * }
 * }</pre>
 */
public class InvalidInputException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why the input was rejected. */
    public enum Reason {
        /** A label is negative, at least the number of classes, or not a number. */
        LABEL_OUT_OF_RANGE,
        /** Shapes or ranks of the inputs do not fit together, or data does not fit its shape. */
        SHAPE_MISMATCH,
        /** An option value, dtype or any other argument is outside what is accepted. */
        INVALID_ARGUMENT
    }

    private final Reason reason;

    /**
     * @param reason the machine-readable reason
     * @param message one line naming the problem and the valid range
     */
    public InvalidInputException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The machine-readable reason. */
    public Reason reason() {
        return reason;
    }

    /** A {@link Reason#LABEL_OUT_OF_RANGE} error with Keras's message. */
    public static InvalidInputException labelOutOfRange(String label, long index, long numClasses) {
        return new InvalidInputException(Reason.LABEL_OUT_OF_RANGE,
                "Received a label value of " + label + " which is outside the valid range of [0, " + numClasses
                        + ") (at flat index " + index + ")");
    }

    /** A {@link Reason#SHAPE_MISMATCH} error. */
    public static InvalidInputException shapeMismatch(String message) {
        return new InvalidInputException(Reason.SHAPE_MISMATCH, message);
    }

    /** An {@link Reason#INVALID_ARGUMENT} error. */
    public static InvalidInputException invalidArgument(String message) {
        return new InvalidInputException(Reason.INVALID_ARGUMENT, message);
    }
}
