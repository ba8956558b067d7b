package io.scce4j.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD kernel (Java Vector API). Measured hot path: this is where the cpu loss spends its time.
 *
 * <p>What it keeps exact: every lane performs {@link TfFloatMath}'s scalar operations in the same order, each
 * rounded to float32, never fused; integer/float conversions go through the exact 1.5 * 2^23 trick instead of
 * conversion instructions (which the JDK 17 compiler does not vectorize well), valid because every integer
 * converted is below 2^22 in magnitude. Lanes are 8 floats wide, Eigen's AVX packet, so the row sum adds the
 * same packets in the same order. Arguments the fast path does not cover (exp above 88, which overflows) go
 * through the scalar code, lane by lane.
 */
final class VectorFloatKernel implements FloatKernel {
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final int LANES = 8;
    private static final float MAGIC = 12582912f; // 1.5 * 2^23
    private static final int MAGIC_BITS = 0x4B400000;
    private static final ScalarFloatKernel SCALAR = new ScalarFloatKernel();

    VectorFloatKernel() {
        if (F8.length() != TfFloatMath.PACKET) {
            throw new IllegalStateException("expected 8 float lanes in 256 bits, got " + F8.length());
        }
    }

    @Override
    public String description() {
        return "SIMD " + F8.vectorBitSize() + "-bit (jdk.incubator.vector)";
    }

    @Override
    public void logOfClipped(float[] z, int n, long flatStart, long packetEnd) {
        int vectorEnd = (int) Math.max(0, Math.min(n, packetEnd - flatStart)) / LANES * LANES;
        for (int i = 0; i < vectorEnd; i += LANES) {
            FloatVector v = FloatVector.fromArray(F8, z, i).min(FloatRows.HI).max(FloatRows.LO);
            log(v).intoArray(z, i);
        }
        for (int i = vectorEnd; i < n; i++) {
            float v = FloatRows.clip(z[i]);
            z[i] = flatStart + i < packetEnd ? TfFloatMath.packetLog(v) : TfFloatMath.scalarLog(v);
        }
    }

    @Override
    public void exp(float[] d, float[] out, int n, long flatStart, long packetEnd) {
        int vectorEnd = (int) Math.max(0, Math.min(n, packetEnd - flatStart)) / LANES * LANES;
        for (int i = 0; i < vectorEnd; i += LANES) {
            exp(FloatVector.fromArray(F8, d, i)).intoArray(out, i);
        }
        for (int i = vectorEnd; i < n; i++) {
            out[i] = flatStart + i < packetEnd ? TfFloatMath.packetExp(d[i]) : TfFloatMath.scalarExp(d[i]);
        }
    }

    @Override
    public float sumExpRow(float[] d, int from, int n, float[] lanes) {
        if (n < LANES) {
            float tail = 0f;
            for (int j = 0; j < n; j++) {
                tail += TfFloatMath.scalarExp(d[from + j]);
            }
            return tail + 0f;
        }
        FloatVector acc = FloatVector.zero(F8);
        int start = 0;
        if (n >= 4 * LANES) {
            FloatVector acc1 = FloatVector.zero(F8);
            FloatVector acc2 = FloatVector.zero(F8);
            FloatVector acc3 = FloatVector.zero(F8);
            int blocks = n / (4 * LANES) * (4 * LANES);
            for (int j = 0; j < blocks; j += 4 * LANES) {
                acc = acc.add(exp(FloatVector.fromArray(F8, d, from + j)));
                acc1 = acc1.add(exp(FloatVector.fromArray(F8, d, from + j + LANES)));
                acc2 = acc2.add(exp(FloatVector.fromArray(F8, d, from + j + 2 * LANES)));
                acc3 = acc3.add(exp(FloatVector.fromArray(F8, d, from + j + 3 * LANES)));
            }
            acc = acc.add(acc1).add(acc2).add(acc3);
            start = blocks;
        }
        int packets = n / LANES * LANES;
        for (int j = start; j < packets; j += LANES) {
            acc = acc.add(exp(FloatVector.fromArray(F8, d, from + j)));
        }
        float tail = 0f;
        for (int j = packets; j < n; j++) {
            tail += TfFloatMath.scalarExp(d[from + j]);
        }
        acc.intoArray(lanes, 0);
        float b0 = lanes[0] + lanes[4];
        float b1 = lanes[1] + lanes[5];
        float b2 = lanes[2] + lanes[6];
        float b3 = lanes[3] + lanes[7];
        return tail + ((b0 + b2) + (b1 + b3));
    }

    /** Measured: a SIMD max-and-search per row was no faster than the scalar loop (3.2 vs 2.9 ms), so scalar. */
    @Override
    public void argmax(float[] p, int rows, int classes, int[] mask, int maskFrom) {
        SCALAR.argmax(p, rows, classes, mask, maskFrom);
    }

    /** {@link TfFloatMath#packetLog} per lane, for arguments in [1e-7, 1 - 1e-7] or NaN (clipped ones). */
    private static FloatVector log(FloatVector v) {
        IntVector bits = v.reinterpretAsInts();
        FloatVector e = bits.lanewise(VectorOperators.LSHR, 23).and(0xff).add(MAGIC_BITS - 126)
                .reinterpretAsFloats().sub(MAGIC);
        FloatVector x = bits.and(0x807fffff).or(0x3f000000).reinterpretAsFloats();
        VectorMask<Float> small = x.compare(VectorOperators.LT, 0.707106781186547524f);
        FloatVector zero = FloatVector.zero(F8);
        FloatVector tmp = zero.blend(x, small);
        x = x.sub(1f);
        e = e.sub(zero.blend(1f, small));
        x = x.add(tmp);
        FloatVector p = x.mul(0.18256296349849254f).add(1.0000000190281063f);
        p = x.mul(p).add(1.0000000190281136f);
        p = x.mul(p);
        FloatVector q = x.mul(0.049616247954120038f).add(0.59923249590823520f);
        q = x.mul(q).add(1.4999999999999927f);
        q = x.mul(q).add(1f);
        FloatVector y = e.mul(0.693147180559945309417232121458176568f).add(p.div(q));
        return y.blend(Float.NaN, isNaN(v));
    }

    /** NaN lanes. (VectorOperators.IS_NAN is not intrinsified by JDK 17's compiler: five times slower.) */
    private static VectorMask<Float> isNaN(FloatVector v) {
        return v.compare(VectorOperators.NE, v);
    }

    /**
     * {@link TfFloatMath#packetExp} per lane. Split in small methods on purpose: C2 inlines a hot method only
     * below 325 bytes of bytecode, and a vector method that is not inlined boxes its vectors (measured: three
     * times slower).
     */
    private static FloatVector exp(FloatVector v) {
        if (v.compare(VectorOperators.GT, 88f).anyTrue()) {
            return expLaneByLane(v);
        }
        FloatVector m = floorOfHalfPlus(v.mul(1.44269504088896341f));
        FloatVector out = expPolynomial(v, m).mul(powerOfTwo(m));
        return expEdges(v, m, out);
    }

    /** floor(t + 0.5): round to nearest with 1.5 * 2^23, then one down where that went up. */
    private static FloatVector floorOfHalfPlus(FloatVector tLessHalf) {
        FloatVector t = tLessHalf.add(0.5f);
        FloatVector nearest = t.add(MAGIC).sub(MAGIC);
        return nearest.sub(FloatVector.zero(F8).blend(1f, nearest.compare(VectorOperators.GT, t)));
    }

    /** exp(r) for r = x - m ln 2, reduced in two steps (Cody-Waite), by Eigen's degree-6 polynomial. */
    private static FloatVector expPolynomial(FloatVector x, FloatVector m) {
        FloatVector r = m.mul(-0.693359375f).add(x);
        r = m.mul(2.12194440e-4f).add(r);
        FloatVector r2 = r.mul(r);
        FloatVector even = r2.mul(1.37449637986719608306884765625e-3f).add(4.166965186595916748046875e-2f);
        FloatVector odd = r2.mul(8.36894474923610687255859375e-3f).add(0.16666518151760101318359375f);
        even = r2.mul(even).add(0.49999988079071044921875f);
        FloatVector y = r.mul(odd).add(even);
        return r2.mul(y).add(r.add(1f));
    }

    /** 2^m for integral m in [-126, 127], built from its exponent bits. */
    private static FloatVector powerOfTwo(FloatVector m) {
        IntVector mi = m.add(MAGIC).reinterpretAsInts().sub(MAGIC_BITS);
        return mi.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /** FTZ, underflow below -104 and 2^m below 2^-126 to 0; NaN stays; the max with v, as Eigen's pmax. */
    private static FloatVector expEdges(FloatVector v, FloatVector m, FloatVector out) {
        VectorMask<Float> flushed = out.abs().compare(VectorOperators.LT, Float.MIN_NORMAL)
                .or(m.compare(VectorOperators.LT, -126f));
        FloatVector r = out.blend(0f, flushed).max(v);
        r = r.blend(0f, v.compare(VectorOperators.LT, -104f));
        return r.blend(v, isNaN(v));
    }

    private static FloatVector expLaneByLane(FloatVector v) {
        float[] lanes = v.toArray();
        for (int l = 0; l < lanes.length; l++) {
            lanes[l] = TfFloatMath.packetExp(lanes[l]);
        }
        return FloatVector.fromArray(F8, lanes, 0);
    }
}
