package io.scce4j.api;

/**
 * How far a value may lie from Keras's; what a {@link Backend} claims in {@link Backend#tolerance()} and what the
 * conformance kit checks. Element {@code got} matches {@code expected} when
 * {@code |got - expected| <= abs + rel * |expected|}. NaN matches NaN; an infinity matches only itself.
 *
 * <pre>{@code
 * Tolerance.EXACT                  // Keras's own answer: the same number
 * Tolerance.of(1e-7, 4e-6)         // what a float32 backend might claim
 * }</pre>
 *
 * @param abs the absolute part, at least 0
 * @param rel the relative part, at least 0
 */
public record Tolerance(double abs, double rel) {
    /** Zero: the same number as Keras (signed zeros and NaN payloads aside). */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    /**
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for a negative or NaN bound
     */
    public Tolerance {
        if (!(abs >= 0) || !(rel >= 0)) {
            throw InvalidInputException.invalidArgument("tolerance abs=" + abs + ", rel=" + rel
                    + "; both must be >= 0");
        }
    }

    /**
     * The tolerance {@code |got - expected| <= abs + rel * |expected|}.
     *
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for a negative or NaN bound
     */
    public static Tolerance of(double abs, double rel) {
        return new Tolerance(abs, rel);
    }

    /** The larger of two tolerances, part by part. */
    public Tolerance max(Tolerance o) {
        return new Tolerance(Math.max(abs, o.abs), Math.max(rel, o.rel));
    }

    /** Whether {@code got} matches {@code expected}. */
    public boolean allows(double got, double expected) {
        if (Double.isNaN(expected) || Double.isNaN(got)) {
            return Double.isNaN(expected) && Double.isNaN(got);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(got)) {
            return got == expected;
        }
        return Math.abs(got - expected) <= abs + rel * Math.abs(expected);
    }

    @Override
    public String toString() {
        return "abs " + abs + ", rel " + rel;
    }
}
