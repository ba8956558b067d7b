package io.scce4j.eval;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The loss of a whole data set, as Keras computes it on the set as one batch: the sum of every valid pixel's loss
 * divided by the number of valid pixels (not a mean of per-image means). Images (or parts of a data set) come in
 * as their loss sums, which are summed exactly, and the division is rounded once, to the nearest double:
 * {@code mean() = round(exact sum of the added loss sums / valid pixels)}. Exact sums are associative and
 * commutative, so the mean is the same, bit for bit, however the data set is split into parts and in whatever
 * order the parts are {@linkplain #combine combined}. Not thread-safe.
 *
 * <p>How this relates to Keras's {@code model.evaluate}: Keras averages the per-batch
 * {@code sum_over_batch_size} losses weighted by the batch size, in float32, so its last digits depend on the
 * batch size and order (and, with {@code ignore_class}, its weights are images, not valid pixels). With the
 * whole set as one batch, {@code evaluate} returns this value up to the float32 rounding of Keras's own sum.
 * <pre>{@code
 * LossAccumulator loss = new LossAccumulator();
 * loss.add(imageLossSum, imageValidPixels);     // a loss built with Reduction.SUM, per image
 * loss.combine(lossOfAnotherPart);
 * double datasetLoss = loss.mean();
 * }</pre>
 */
public final class LossAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Every finite double is a whole multiple of 2^-1074, the smallest subnormal. */
    private static final int UNIT_EXPONENT = 1074;

    /** The exact sum of the finite loss sums, in units of 2^-1074. */
    private BigInteger units = BigInteger.ZERO;
    private long validPixels;
    private boolean nan;
    private boolean positiveInfinity;
    private boolean negativeInfinity;

    /** Adds the loss sum of {@code validPixels} pixels (one image's, say). */
    public void add(double lossSum, long validPixels) {
        if (validPixels < 0) {
            throw new IllegalArgumentException("valid pixels must be at least 0; got " + validPixels);
        }
        this.validPixels = Math.addExact(this.validPixels, validPixels);
        if (Double.isNaN(lossSum)) {
            nan = true;
        } else if (lossSum == Double.POSITIVE_INFINITY) {
            positiveInfinity = true;
        } else if (lossSum == Double.NEGATIVE_INFINITY) {
            negativeInfinity = true;
        } else {
            units = units.add(units(lossSum));
        }
    }

    /**
     * Adds everything {@code other} holds to this.
     *
     * @return this accumulator
     */
    public LossAccumulator combine(LossAccumulator other) {
        validPixels = Math.addExact(validPixels, other.validPixels);
        units = units.add(other.units);
        nan |= other.nan;
        positiveInfinity |= other.positiveInfinity;
        negativeInfinity |= other.negativeInfinity;
        return this;
    }

    /** The number of valid pixels added. */
    public long validPixels() {
        return validPixels;
    }

    /**
     * The exact sum of the loss sums divided by the valid pixels, rounded to the nearest double (ties to even);
     * 0 when no pixel was valid. A NaN sum makes it NaN, an infinite one infinite, as in floating-point sums.
     */
    public double mean() {
        if (validPixels == 0) {
            return 0;
        }
        if (nan || positiveInfinity && negativeInfinity) {
            return Double.NaN;
        }
        if (positiveInfinity || negativeInfinity) {
            return positiveInfinity ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        }
        return quotient(units, BigInteger.valueOf(validPixels).shiftLeft(UNIT_EXPONENT));
    }

    /** A finite double as an exact multiple of 2^-1074. */
    static BigInteger units(double v) {
        long bits = Double.doubleToRawLongBits(v);
        int exponent = (int) ((bits >>> 52) & 0x7ff);
        long mantissa = bits & ((1L << 52) - 1);
        BigInteger u = exponent == 0 ? BigInteger.valueOf(mantissa)
                : BigInteger.valueOf(mantissa | (1L << 52)).shiftLeft(exponent - 1);
        return bits < 0 ? u.negate() : u;
    }

    /** {@code numerator / denominator} rounded to the nearest double, ties to even; the denominator is positive. */
    static double quotient(BigInteger numerator, BigInteger denominator) {
        if (numerator.signum() == 0) {
            return 0;
        }
        if (numerator.signum() < 0) {
            return -quotient(numerator.negate(), denominator);
        }
        // 2^e <= numerator / denominator < 2^(e + 1)
        int e = numerator.bitLength() - denominator.bitLength();
        if (compareScaled(numerator, denominator, e) < 0) {
            e--;
        }
        if (e > Double.MAX_EXPONENT) {
            return Double.POSITIVE_INFINITY;
        }
        // Scale so that the integer part holds the 53 bits of a normal double, or the bits above 2^-1074 of a
        // subnormal one; then round that integer once, by the remainder.
        int scale = Math.min(52 - e, UNIT_EXPONENT);
        BigInteger n = scale >= 0 ? numerator.shiftLeft(scale) : numerator;
        BigInteger d = scale >= 0 ? denominator : denominator.shiftLeft(-scale);
        BigInteger[] qr = n.divideAndRemainder(d);
        BigInteger q = qr[0];
        int half = qr[1].shiftLeft(1).compareTo(d);
        if (half > 0 || half == 0 && q.testBit(0)) {
            q = q.add(BigInteger.ONE);
        }
        return Math.scalb((double) q.longValueExact(), -scale); // q <= 2^53: exact, and so is the scaling
    }

    /** Compares {@code numerator} with {@code denominator * 2^e}. */
    private static int compareScaled(BigInteger numerator, BigInteger denominator, int e) {
        return e >= 0 ? numerator.compareTo(denominator.shiftLeft(e))
                : numerator.shiftLeft(-e).compareTo(denominator);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LossAccumulator)) {
            return false;
        }
        LossAccumulator a = (LossAccumulator) o;
        return a.validPixels == validPixels && a.units.equals(units) && a.nan == nan
                && a.positiveInfinity == positiveInfinity && a.negativeInfinity == negativeInfinity;
    }

    @Override
    public int hashCode() {
        return Objects.hash(units, validPixels, nan, positiveInfinity, negativeInfinity);
    }

    /** The mean and the valid pixels. */
    @Override
    public String toString() {
        return mean() + " over " + validPixels + " valid pixels";
    }
}
