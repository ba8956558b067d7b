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
 */
public final class Tolerance {
    /** Zero: the same number as Keras (signed zeros and NaN payloads aside). */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    private final double abs;
    private final double rel;

    private Tolerance(double abs, double rel) {
        this.abs = abs;
        this.rel = rel;
    }

    /**
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for a negative or NaN bound
     */
    public static Tolerance of(double abs, double rel) {
        if (!(abs >= 0) || !(rel >= 0)) {
            throw InvalidInputException.invalidArgument("tolerance abs=" + abs + ", rel=" + rel
                    + "; both must be >= 0");
        }
        return new Tolerance(abs, rel);
    }

    /** The absolute part. */
    public double abs() {
        return abs;
    }

    /** The relative part. */
    public double rel() {
        return rel;
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
