package io.scce4j.backend.cpu;

import io.scce4j.keras.GradientElement;
import io.scce4j.keras.PacketTreeSum;

/**
 * float32 exp, log and row sums computed the way TensorFlow's CPU kernels compute them in the Keras oracle's
 * build (TensorFlow 2.21 x86-64 wheel: Eigen compiled for AVX without FMA, glibc's libm for scalars), so that
 * results agree with Keras bit for bit, not merely within an ulp.
 *
 * <p>Eigen evaluates element-wise float ops in packets of {@link #PACKET} lanes with its own polynomials
 * ({@link #packetLog}, {@link #packetExp}) and only the elements left over after the last whole packet with
 * the C library ({@link #scalarLog}, {@link #scalarExp}). Which elements are left over depends on the shape of
 * the tensor the op ran on, so callers decide which of the two to use. The algorithms and their constants are
 * those of Eigen's {@code GenericPacketMathFunctions.h} ({@code plog_impl_float}, {@code pexp_float}) and of
 * glibc's {@code e_logf.c} and {@code e_expf.c} (from Arm's optimized-routines); they are re-expressed here, with every operation
 * rounded to float32 where the original rounds. TensorFlow runs its kernels with denormals flushed to zero
 * (FTZ and DAZ), and so do these. Measured against TensorFlow 2.21 on 2^21 arguments each: packetLog and
 * packetExp agree on every one; scalarLog and scalarExp agree with glibc's logf and expf on 400,000 of
 * 400,000 each (Java's correctly rounded double exp, rounded to float, differs on 6 in 10,000).
 */
final class TfFloatMath {
    /** Floats per AVX packet: the unit in which Eigen vectorizes. */
    static final int PACKET = 8;

    private static final float SQRT_HALF = 0.707106781186547524f;
    private static final float LN2_F = 0.693147180559945309417232121458176568f;

    private static final double[] INV_C = {
        0x1.661ec79f8f3bep+0, 0x1.571ed4aaf883dp+0, 0x1.49539f0f010bp+0, 0x1.3c995b0b80385p+0,
        0x1.30d190c8864a5p+0, 0x1.25e227b0b8eap+0, 0x1.1bb4a4a1a343fp+0, 0x1.12358f08ae5bap+0,
        0x1.0953f419900a7p+0, 0x1p+0, 0x1.e608cfd9a47acp-1, 0x1.ca4b31f026aap-1,
        0x1.b2036576afce6p-1, 0x1.9c2d163a1aa2dp-1, 0x1.886e6037841edp-1, 0x1.767dcf5534862p-1,
    };
    private static final double[] LOG_C = {
        -0x1.57bf7808caadep-2, -0x1.2bef0a7c06ddbp-2, -0x1.01eae7f513a67p-2, -0x1.b31d8a68224e9p-3,
        -0x1.6574f0ac07758p-3, -0x1.1aa2bc79c81p-3, -0x1.a4e76ce8c0e5ep-4, -0x1.1973c5a611cccp-4,
        -0x1.252f438e10c1ep-5, 0x0p+0, 0x1.aa5aa5df25984p-5, 0x1.c5e53aa362eb4p-4,
        0x1.526e57720db08p-3, 0x1.bc2860d22477p-3, 0x1.1058bc8a07ee1p-2, 0x1.4043057b6ee09p-2,
    };
    private static final double LN2_D = 0x1.62e42fefa39efp-1;
    private static final double A0 = -0x1.00ea348b88334p-2;
    private static final double A1 = 0x1.5575b0be00b6ap-2;
    private static final double A2 = -0x1.ffffef20a4123p-2;

    /** bits(2^(i/32)) - (i << 47): with k's bits added, the double 2^(k/32). */
    private static final long[] EXP2_TABLE = {
        0x3ff0000000000000L, 0x3fefd9b0d3158574L, 0x3fefb5586cf9890fL, 0x3fef9301d0125b51L,
        0x3fef72b83c7d517bL, 0x3fef54873168b9aaL, 0x3fef387a6e756238L, 0x3fef1e9df51fdee1L,
        0x3fef06fe0a31b715L, 0x3feef1a7373aa9cbL, 0x3feedea64c123422L, 0x3feece086061892dL,
        0x3feebfdad5362a27L, 0x3feeb42b569d4f82L, 0x3feeab07dd485429L, 0x3feea47eb03a5585L,
        0x3feea09e667f3bcdL, 0x3fee9f75e8ec5f74L, 0x3feea11473eb0187L, 0x3feea589994cce13L,
        0x3feeace5422aa0dbL, 0x3feeb737b0cdc5e5L, 0x3feec49182a3f090L, 0x3feed503b23e255dL,
        0x3feee89f995ad3adL, 0x3feeff76f2fb5e47L, 0x3fef199bdd85529cL, 0x3fef3720dcef9069L,
        0x3fef5818dcfba487L, 0x3fef7c97337b9b5fL, 0x3fefa4afa2a490daL, 0x3fefd0765b6e4540L,
    };
    private static final double EXP_INV_LN2_N = 0x1.71547652b82fep+0 * 32;
    private static final double EXP_SHIFT = 0x1.8p+52;
    private static final double EXP_C0 = 0x1.c6af84b912394p-5 / 32 / 32 / 32;
    private static final double EXP_C1 = 0x1.ebfce50fac4f3p-3 / 32 / 32;
    private static final double EXP_C2 = 0x1.62e42ff0c52d6p-1 / 32;

    private TfFloatMath() {
    }

    /** Eigen's packet log: rational (3,3) approximation of log1p on [sqrt(1/2) - 1, sqrt(2) - 1]. */
    static float packetLog(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (bits <= 0 || bits >= 0x7f800000) {
            return specialLog(v);
        }
        if (bits < 0x00800000) {
            return Float.NEGATIVE_INFINITY; // DAZ: a subnormal argument reads as zero
        }
        float e = ((bits >>> 23) & 0xff) - 126; // frexp: v = x * 2^e, x in [0.5, 1)
        float x = Float.intBitsToFloat((bits & 0x807fffff) | 0x3f000000);
        boolean small = x < SQRT_HALF;
        float tmp = small ? x : 0f;
        x = x - 1f;
        e = e - (small ? 1f : 0f);
        x = x + tmp;
        float p = x * 0.18256296349849254f + 1.0000000190281063f;
        p = x * p + 1.0000000190281136f;
        p = x * p;
        float q = x * 0.049616247954120038f + 0.59923249590823520f;
        q = x * q + 1.4999999999999927f;
        q = x * q + 1f;
        return e * LN2_F + p / q;
    }

    private static float specialLog(float v) {
        if (v == 0f) {
            return Float.NEGATIVE_INFINITY;
        }
        return v == Float.POSITIVE_INFINITY ? v : Float.NaN;
    }

    /** Eigen's packet exp: Cody-Waite reduction by ln 2, degree-6 polynomial, scaled by 2^m. */
    static float packetExp(float v) {
        if (v != v) {
            return v;
        }
        if (v < -104f) {
            return 0f;
        }
        float x = Math.min(v, 88.723f);
        float t = x * 1.44269504088896341f + 0.5f;
        int m = (int) t;
        if (m > t) {
            m--; // floor
        }
        float mf = m;
        float r = mf * -0.693359375f + x;
        r = mf * 2.12194440e-4f + r;
        float r2 = r * r;
        float even = r2 * 1.37449637986719608306884765625e-3f + 4.166965186595916748046875e-2f;
        float odd = r2 * 8.36894474923610687255859375e-3f + 0.16666518151760101318359375f;
        even = r2 * even + 0.49999988079071044921875f;
        float y = r * odd + even;
        y = r2 * y + (r + 1f);
        return Math.max(ldexp(y, m), v);
    }

    /**
     * Eigen's pldexp: y * 2^m with y in [0.5, 2). Below 2^-126 the result is subnormal, which FTZ makes 0;
     * 2^128 does not fit a float, so Eigen splits it in factors that do.
     */
    private static float ldexp(float y, int m) {
        if (m < -126) {
            return 0f;
        }
        if (m <= 127) {
            return flushToZero(y * Float.intBitsToFloat((m + 127) << 23));
        }
        return y * 0x1p64f * 0x1p64f;
    }

    /** FTZ: TensorFlow's kernels never produce a subnormal float. */
    static float flushToZero(float v) {
        return GradientElement.flushToZero(v);
    }

    /** glibc's logf: table of 16 intervals, degree-4 polynomial in double, one rounding to float. */
    static float scalarLog(float v) {
        int ix = Float.floatToRawIntBits(v);
        if (ix == 0x3f800000) {
            return 0f;
        }
        if (ix < 0x00800000 || ix >= 0x7f800000) {
            return (float) Math.log(v); // zero, subnormal, negative, inf, NaN: not on Keras's clipped path
        }
        int tmp = ix - 0x3f330000;
        int i = (tmp >>> 19) & 15;
        int k = tmp >> 23;
        double z = Float.intBitsToFloat(ix - (tmp & (0x1ff << 23)));
        double r = z * INV_C[i] - 1;
        double y0 = LOG_C[i] + k * LN2_D;
        double r2 = r * r;
        double y = A1 * r + A2;
        y = A0 * r2 + y;
        y = y * r2 + (y0 + r);
        return (float) y;
    }

    /**
     * glibc's expf: x * 32 / ln 2 split into k + r, 2^(k/32) from a table, a cubic for 2^(r/32), in double,
     * one rounding to float (flushed to zero below the normal range, as under TensorFlow's FTZ).
     */
    static float scalarExp(float v) {
        int abstop = (Float.floatToRawIntBits(v) >>> 20) & 0x7ff;
        if (abstop >= 0x42b) { // |v| >= 88, inf or NaN
            if (v == Float.NEGATIVE_INFINITY) {
                return 0f;
            }
            if (abstop >= 0x7f8) {
                return v + v;
            }
            if (v > 0x1.62e42ep6f) {
                return Float.POSITIVE_INFINITY;
            }
            if (v < -0x1.9fe368p6f) {
                return 0f;
            }
        }
        double z = EXP_INV_LN2_N * v;
        double kd = z + EXP_SHIFT;
        long ki = Double.doubleToRawLongBits(kd);
        kd -= EXP_SHIFT;
        double r = z - kd;
        double s = Double.longBitsToDouble(EXP2_TABLE[(int) (ki & 31)] + (ki << 47));
        double p = EXP_C0 * r + EXP_C1;
        double r2 = r * r;
        double y = EXP_C2 * r + 1;
        y = p * r2 + y;
        return flushToZero((float) (y * s));
    }

    /**
     * Sum of {@code exp(d[from .. from+n))} as TensorFlow's softmax cross-entropy kernel sums a row: Eigen's
     * reducer takes the exp of whole packets with {@link #packetExp} and of the elements after them with
     * {@link #scalarExp}, then adds them in {@link PacketTreeSum}'s order. {@code lanes} is scratch of at least
     * {@code n} floats.
     */
    static float sumExpRow(float[] d, int from, int n, float[] lanes) {
        int packets = n / PACKET * PACKET;
        for (int j = 0; j < n; j++) {
            lanes[j] = j < packets ? packetExp(d[from + j]) : scalarExp(d[from + j]);
        }
        return PacketTreeSum.sum(lanes, 0, n);
    }
}
