package io.scce4j.api;

/**
 * Distances in units in the last place: how many representable values lie between two numbers. The conformance
 * kit and the {@code compare} command report deviations from Keras in these units.
 *
 * <pre>{@code
 * long d = Ulps.between(got, expected, true);   // float32 distance
 * String text = Ulps.text(d);                   // "3", or "inf" for NaN against a number
 * }</pre>
 */
public final class Ulps {
    private Ulps() {
    }

    /**
     * The number of representable values between a and b in float32 ({@code single}) or float64; 0 for NaN and
     * NaN, {@link Long#MAX_VALUE} for NaN against a number.
     */
    public static long between(double a, double b, boolean single) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        }
        if (single) {
            return Math.abs(ordered(Float.floatToIntBits((float) a)) - ordered(Float.floatToIntBits((float) b)));
        }
        long x = ordered(Double.doubleToLongBits(a));
        long y = ordered(Double.doubleToLongBits(b));
        long d = x - y;
        return ((x ^ y) < 0 && (d ^ x) < 0) ? Long.MAX_VALUE : Math.abs(d); // overflow: as far as can be
    }

    private static long ordered(int bits) {
        return bits < 0 ? (long) Integer.MIN_VALUE - bits : bits;
    }

    private static long ordered(long bits) {
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    /** The distance for people: a number, or "inf". */
    public static String text(long ulps) {
        return ulps == Long.MAX_VALUE ? "inf" : Long.toString(ulps);
    }
}
