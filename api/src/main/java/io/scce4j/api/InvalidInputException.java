package io.scce4j.api;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

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
    // What a caller needs to say where the bad label is (a file's row and column, say) without parsing the
    // message: set by labelOutOfRange, absent (null, -1) otherwise.
    private final String label;
    private final long flatIndex;
    private final long numClasses;

    /**
     * @param reason the machine-readable reason
     * @param message one line naming the problem and the valid range
     */
    public InvalidInputException(Reason reason, String message) {
        this(reason, message, null, -1, -1);
    }

    private InvalidInputException(Reason reason, String message, String label, long flatIndex, long numClasses) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.label = label;
        this.flatIndex = flatIndex;
        this.numClasses = numClasses;
    }

    /** The machine-readable reason. */
    public Reason reason() {
        return reason;
    }

    /**
     * For a label out of range: the offending label as the message prints it ({@code "255"}, {@code "-1"},
     * {@code "NaN"}, {@code "2.5"}); empty for any other error.
     */
    public Optional<String> label() {
        return Optional.ofNullable(label);
    }

    /**
     * For a label out of range: the row-major index of the offending element in {@code y_true}, which is the same
     * whether the labels have the loss's shape, a trailing 1 or were flattened; empty for any other error.
     */
    public OptionalLong flatIndex() {
        return flatIndex < 0 ? OptionalLong.empty() : OptionalLong.of(flatIndex);
    }

    /** For a label out of range: the number of classes C of the valid range [0, C); empty otherwise. */
    public OptionalLong numClasses() {
        return numClasses < 0 ? OptionalLong.empty() : OptionalLong.of(numClasses);
    }

    /**
     * A {@link Reason#LABEL_OUT_OF_RANGE} error with Keras's message, carrying the label, its flat index and the
     * number of classes ({@link #label()}, {@link #flatIndex()}, {@link #numClasses()}).
     */
    public static InvalidInputException labelOutOfRange(String label, long index, long numClasses) {
        return new InvalidInputException(Reason.LABEL_OUT_OF_RANGE,
                "Received a label value of " + label + " which is outside the valid range of [0, " + numClasses
                        + ") (at flat index " + index + ")", label, index, numClasses);
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
