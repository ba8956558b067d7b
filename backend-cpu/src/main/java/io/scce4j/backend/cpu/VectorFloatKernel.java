package io.scce4j.backend.cpu;

import io.scce4j.keras.Clip;
import io.scce4j.keras.GradientElement;
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
 * same packets in the same order.
 *
 * <p>Shaped for the JIT. C2 stops inlining at a node budget per compilation, and a vector that crosses a call it
 * did not inline is boxed on the heap (measured: 36 MB per 8 x 96 x 128 x 23 loss when the caller was compiled
 * first and took in both the log and the exp). So no vector crosses a call: each step is one loop from arrays
 * to arrays with its polynomial written out, which also makes it larger than C2 inlines into a caller (325
 * bytes of bytecode), so each is compiled on its own; constants are vector fields and exp has no branch,
 * keeping each compilation well inside the budget.
 */
final class VectorFloatKernel implements FloatKernel {
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;
    private static final int LANES = 8;
    private static final float MAGIC = 12582912f; // 1.5 * 2^23
    private static final int MAGIC_BITS = 0x4B400000;
    // Constants as vectors: a broadcast per operation would cost the JIT nodes it needs for inlining.
    private static final FloatVector V_ZERO = constant(0f);
    private static final FloatVector V_ONE = constant(1f);
    private static final FloatVector V_HALF = constant(0.5f);
    private static final FloatVector V_NAN = constant(Float.NaN);
    private static final FloatVector V_IOTA = FloatVector.fromArray(FloatVector.SPECIES_256,
            new float[] {0, 1, 2, 3, 4, 5, 6, 7}, 0);
    private static final FloatVector V_MAGIC = constant(MAGIC);
    private static final FloatVector V_TWO = constant(2f);
    private static final FloatVector V_127 = constant(127f);
    private static final FloatVector E_HI = constant(88.723f);
    private static final FloatVector V_MINUS_104 = constant(-104f);
    private static final FloatVector V_MINUS_126 = constant(-126f);
    private static final FloatVector V_MIN_NORMAL = constant(Float.MIN_NORMAL);
    private static final FloatVector V_HI = constant(Clip.FLOAT32_HI);
    private static final FloatVector V_LO = constant(Clip.FLOAT32_LO);
    private static final FloatVector V_SQRT_HALF = constant(0.707106781186547524f);
    private static final FloatVector V_LN2 = constant(0.693147180559945309417232121458176568f);
    private static final FloatVector L_P1 = constant(1.0000000190281136f);
    private static final FloatVector L_P2 = constant(1.0000000190281063f);
    private static final FloatVector L_P3 = constant(0.18256296349849254f);
    private static final FloatVector L_Q1 = constant(1.4999999999999927f);
    private static final FloatVector L_Q2 = constant(0.59923249590823520f);
    private static final FloatVector L_Q3 = constant(0.049616247954120038f);
    private static final FloatVector E_LOG2E = constant(1.44269504088896341f);
    private static final FloatVector E_C1 = constant(-0.693359375f);
    private static final FloatVector E_C2 = constant(2.12194440e-4f);
    private static final FloatVector E_P2 = constant(0.49999988079071044921875f);
    private static final FloatVector E_P3 = constant(0.16666518151760101318359375f);
    private static final FloatVector E_P4 = constant(4.166965186595916748046875e-2f);
    private static final FloatVector E_P5 = constant(8.36894474923610687255859375e-3f);
    private static final FloatVector E_P6 = constant(1.37449637986719608306884765625e-3f);

    VectorFloatKernel() {
        if (F8.length() != TfFloatMath.PACKET) {
            throw new IllegalStateException("expected 8 float lanes in 256 bits, got " + F8.length());
        }
    }

    @Override
    public String description() {
        return "SIMD " + F8.vectorBitSize() + "-bit (jdk.incubator.vector)";
    }

    /**
     * {@link TfFloatMath#packetLog} of the clipped arguments, 8 lanes at a time (clipped arguments are in
     * [1e-7, 1 - 1e-7] or NaN). The polynomial is written out in the loop, not called: see the class comment.
     */
    @Override
    public void logOfClipped(float[] z, int n, long flatStart, long packetEnd) {
        int vectorEnd = (int) Math.max(0, Math.min(n, packetEnd - flatStart)) / LANES * LANES;
        for (int i = 0; i < vectorEnd; i += LANES) {
            FloatVector v = FloatVector.fromArray(F8, z, i).min(V_HI).max(V_LO);
            IntVector bits = v.reinterpretAsInts();
            FloatVector e = bits.lanewise(VectorOperators.LSHR, 23).and(0xff).add(MAGIC_BITS - 126)
                    .reinterpretAsFloats().sub(V_MAGIC);
            FloatVector x = bits.and(0x807fffff).or(0x3f000000).reinterpretAsFloats();
            VectorMask<Float> small = x.compare(VectorOperators.LT, V_SQRT_HALF);
            FloatVector tmp = V_ZERO.blend(x, small);
            x = x.sub(V_ONE);
            e = e.sub(V_ZERO.blend(V_ONE, small));
            x = x.add(tmp);
            FloatVector p = x.mul(L_P3).add(L_P2);
            p = x.mul(p).add(L_P1);
            p = x.mul(p);
            FloatVector q = x.mul(L_Q3).add(L_Q2);
            q = x.mul(q).add(L_Q1);
            q = x.mul(q).add(V_ONE);
            FloatVector y = e.mul(V_LN2).add(p.div(q));
            y.blend(V_NAN, v.compare(VectorOperators.NE, v)).intoArray(z, i); // NaN lanes (IS_NAN: 5x slower)
        }
        for (int i = vectorEnd; i < n; i++) {
            float v = Clip.clip(z[i]);
            z[i] = flatStart + i < packetEnd ? TfFloatMath.packetLog(v) : TfFloatMath.scalarLog(v);
        }
    }

    /**
     * Each row's maximum from its whole vectors and, for a row that does not fill its last vector, that vector
     * read past the row's end with the foreign lanes masked; then the subtraction, the foreign lanes of the last
     * vector written back as they were (the next row is not shifted yet). The maximum is taken with compares and
     * blends, NaN tracked on the side: on JDK 17 {@code FloatVector.max} and {@code reduceLanes(MAX)} are not
     * compiled to instructions here and box every vector (1.6 MB a call, measured).
     */
    @Override
    public void shiftByRowMax(float[] d, int rows, int classes, float[] lanes) {
        int full = classes / LANES * LANES;
        int tail = classes - full;
        VectorMask<Float> own = V_IOTA.compare(VectorOperators.LT, (float) tail); // the row's lanes of its last vector
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            // Loop-carried vectors start from values made here: a static constant entering the loop's phi makes
            // C2 keep the vector boxed.
            FloatVector max = FloatVector.broadcast(F8, Float.NEGATIVE_INFINITY);
            VectorMask<Float> nan = own.and(own.not()); // none
            for (int c = 0; c < full; c += LANES) {
                FloatVector v = FloatVector.fromArray(F8, d, base + c);
                max = max.blend(v, v.compare(VectorOperators.GT, max));
                nan = nan.or(v.compare(VectorOperators.NE, v));
            }
            FloatVector last = FloatVector.fromArray(F8, d, base + full); // ROW_PADDING keeps this in bounds
            max = max.blend(last, last.compare(VectorOperators.GT, max).and(own));
            nan = nan.or(last.compare(VectorOperators.NE, last).and(own));
            max.intoArray(lanes, 0);
            float top = Float.NEGATIVE_INFINITY;
            for (int l = 0; l < LANES; l++) {
                top = Math.max(top, lanes[l]);
            }
            FloatVector m = FloatVector.broadcast(F8, nan.anyTrue() ? Float.NaN : top + 0f); // -0 + 0 = +0
            for (int c = 0; c < full; c += LANES) {
                FloatVector.fromArray(F8, d, base + c).sub(m).intoArray(d, base + c);
            }
            if (tail != 0) {
                last.blend(last.sub(m), own).intoArray(d, base + full);
            }
        }
    }

    @Override
    public void exp(float[] d, float[] out, int n, long flatStart, long packetEnd) {
        expInto(d, 0, out, n, flatStart, packetEnd);
    }

    /**
     * {@code out[i] = exp(d[from + i])} for {@code i < n}: {@link TfFloatMath#packetExp} 8 lanes at a time below
     * flat index {@code packetEnd}, the scalar exp from there. Written out, without a branch: see the class
     * comment.
     */
    private static void expInto(float[] d, int from, float[] out, int n, long flatStart, long packetEnd) {
        int vectorEnd = (int) Math.max(0, Math.min(n, packetEnd - flatStart)) / LANES * LANES;
        for (int i = 0; i < vectorEnd; i += LANES) {
            FloatVector v = FloatVector.fromArray(F8, d, from + i);
            FloatVector x = v.min(E_HI);
            FloatVector t = x.mul(E_LOG2E).add(V_HALF);
            FloatVector nearest = t.add(V_MAGIC).sub(V_MAGIC);
            FloatVector m = nearest.sub(V_ZERO.blend(V_ONE, nearest.compare(VectorOperators.GT, t))); // floor(t)
            FloatVector r = m.mul(E_C1).add(x);
            r = m.mul(E_C2).add(r);
            FloatVector r2 = r.mul(r);
            FloatVector even = r2.mul(E_P6).add(E_P4);
            FloatVector odd = r2.mul(E_P5).add(E_P3);
            even = r2.mul(even).add(E_P2);
            FloatVector y = r.mul(odd).add(even);
            y = r2.mul(y).add(r.add(V_ONE));
            // y * 2^m from exponent bits (a multiply: JDK 17 boxes a broadcast shift count). m = 128 (x near
            // 88.7) is y * 2 * 2^127, exact as Eigen's split product; m < -126 is subnormal: FTZ makes it 0.
            VectorMask<Float> top = m.compare(VectorOperators.GT, V_127);
            IntVector mi = m.min(V_127).add(V_MAGIC).reinterpretAsInts().sub(MAGIC_BITS);
            FloatVector scaled = y.mul(V_ONE.blend(V_TWO, top)).mul(mi.add(127).mul(1 << 23).reinterpretAsFloats());
            VectorMask<Float> zero = scaled.compare(VectorOperators.LT, V_MIN_NORMAL) // FTZ (scaled >= 0 here)
                    .or(m.compare(VectorOperators.LT, V_MINUS_126))
                    .or(v.compare(VectorOperators.LT, V_MINUS_104));
            scaled.blend(V_ZERO, zero).max(v).blend(v, v.compare(VectorOperators.NE, v)).intoArray(out, i);
        }
        for (int i = vectorEnd; i < n; i++) {
            float v = d[from + i];
            out[i] = flatStart + i < packetEnd ? TfFloatMath.packetExp(v) : TfFloatMath.scalarExp(v);
        }
    }

    /**
     * Vectors never cross a call that the JIT might not inline (C2 stops inlining at a node budget, which one
     * vector exp nearly fills, and a vector passed through a real call is boxed on the heap): each step is its
     * own compiled loop from arrays to arrays, here exp of the row's whole packets into {@code lanes}, then
     * Eigen's accumulation order over them.
     */
    @Override
    public float sumExpRow(float[] d, int from, int n, float[] lanes) {
        int packets = n / LANES * LANES;
        expInto(d, from, lanes, packets, 0, Long.MAX_VALUE);
        float tail = 0f;
        for (int j = packets; j < n; j++) {
            tail += TfFloatMath.scalarExp(d[from + j]);
        }
        return tail + sumPackets(lanes, packets);
    }

    /**
     * Eigen's packet accumulator (four accumulators over blocks of 32, folded, then the remaining packets),
     * reduced as AVX's predux does: the upper half folded onto the lower, then lanes (0 + 2) + (1 + 3). The
     * order of {@link io.scce4j.keras.PacketTreeSum}, kept here in vectors because it runs once per row (measured:
     * PacketTreeSum's scalar lanes made the loss about a fifth slower).
     */
    private static float sumPackets(float[] e, int packets) {
        FloatVector acc = FloatVector.zero(F8);
        int start = 0;
        if (packets >= 4 * LANES) {
            FloatVector acc1 = FloatVector.zero(F8);
            FloatVector acc2 = FloatVector.zero(F8);
            FloatVector acc3 = FloatVector.zero(F8);
            start = packets / (4 * LANES) * (4 * LANES);
            for (int j = 0; j < start; j += 4 * LANES) {
                acc = acc.add(FloatVector.fromArray(F8, e, j));
                acc1 = acc1.add(FloatVector.fromArray(F8, e, j + LANES));
                acc2 = acc2.add(FloatVector.fromArray(F8, e, j + 2 * LANES));
                acc3 = acc3.add(FloatVector.fromArray(F8, e, j + 3 * LANES));
            }
            acc = acc.add(acc1).add(acc2).add(acc3);
        }
        for (int j = start; j < packets; j += LANES) {
            acc = acc.add(FloatVector.fromArray(F8, e, j));
        }
        acc.intoArray(e, 0);
        return ((e[0] + e[4]) + (e[2] + e[6])) + ((e[1] + e[5]) + (e[3] + e[7]));
    }

    /**
     * {@link GradientElement#of(float, float, boolean, float, boolean, float)} 8 classes at a time: the softmax
     * lanes divided, flushed and scaled as the rule does, then the label's element (the one that subtracts 1) and
     * the row's tail recomputed by the rule itself. {@code FloatKernelEquivalenceTest} holds the lanes to it.
     */
    @Override
    public void gradientRows(float[] e, float[] p, float[] sums, int[] labels, float[] upstream, boolean[] skip,
            int rows, int classes, boolean fromLogits, float[] out, int outFrom) {
        int packets = classes / LANES * LANES;
        for (int r = 0; r < rows; r++) {
            if (skip[r]) {
                continue;
            }
            int base = r * classes;
            FloatVector sum = FloatVector.broadcast(F8, sums[r]);
            FloatVector g = FloatVector.broadcast(F8, upstream[r]);
            for (int c = 0; c < packets; c += LANES) {
                FloatVector q = FloatVector.fromArray(F8, e, base + c).div(sum);
                FloatVector dz = g.mul(q.blend(V_ZERO, q.abs().compare(VectorOperators.LT, V_MIN_NORMAL)));
                if (!fromLogits) {
                    FloatVector v = FloatVector.fromArray(F8, p, base + c);
                    VectorMask<Float> inRange = v.compare(VectorOperators.LE, V_HI)
                            .and(v.compare(VectorOperators.GE, V_LO));
                    dz = V_ZERO.blend(dz.mul(V_ONE.div(v)), inRange);
                }
                dz.intoArray(out, outFrom + base + c);
            }
            for (int c = packets; c < classes; c++) {
                out[outFrom + base + c] = GradientElement.of(e[base + c], sums[r], c == labels[r],
                        upstream[r], fromLogits, p[base + c]);
            }
            int y = labels[r];
            out[outFrom + base + y] = GradientElement.of(e[base + y], sums[r], true, upstream[r], fromLogits,
                    p[base + y]);
        }
    }

    private static FloatVector constant(float v) {
        return FloatVector.broadcast(F8, v);
    }
}
