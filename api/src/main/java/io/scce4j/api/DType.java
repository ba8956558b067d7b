package io.scce4j.api;

/**
 * Element types a {@link Tensor} can hold.
 *
 * <p>Floating types carry predictions, weights and losses; integer types carry labels and masks.
 */
public enum DType {
    /** IEEE 754 binary32, Keras's default {@code floatx}. */
    FLOAT32("float32", 4, true),
    /** IEEE 754 binary64. */
    FLOAT64("float64", 8, true),
    /** Signed 32-bit integer, the type of predicted masks. */
    INT32("int32", 4, false),
    /** Signed 64-bit integer, the type Keras casts labels to. */
    INT64("int64", 8, false);

    private final String numpyName;
    private final int byteSize;
    private final boolean floating;

    DType(String numpyName, int byteSize, boolean floating) {
        this.numpyName = numpyName;
        this.byteSize = byteSize;
        this.floating = floating;
    }

    /** The NumPy / Keras name of this type, e.g. {@code "float32"}. */
    public String numpyName() {
        return numpyName;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** Whether this is a floating-point type. */
    public boolean isFloating() {
        return floating;
    }

    /**
     * Parses a NumPy-style name such as {@code "float32"}.
     *
     * @throws InvalidInputException with reason {@code INVALID_ARGUMENT} for an unknown name
     */
    public static DType fromNumpyName(String name) {
        for (DType t : values()) {
            if (t.numpyName.equals(name)) {
                return t;
            }
        }
        throw InvalidInputException.invalidArgument(
                "unknown dtype '" + name + "'; valid: float32, float64, int32, int64");
    }

    @Override
    public String toString() {
        return numpyName;
    }
}
