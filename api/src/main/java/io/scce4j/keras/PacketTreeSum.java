package io.scce4j.keras;

/**
 * A float32 sum in the order TensorFlow's CPU kernel adds (Eigen's full reducer on one thread, 8-float AVX
 * packets): halves split at packet boundaries down to 8,192 values, then four packet accumulators over blocks of
 * 32, the remaining packets, the scalar tail, and the lanes folded pairwise. Keras reduces its weighted losses
 * (and, for {@code mean_with_sample_weight}, the weights) with {@code tf.reduce_sum}; summing in this order gives
 * Keras's float32 result to the bit, where a plain loop may differ in the last bits.
 *
 * <pre>{@code
 * float total = PacketTreeSum.sum(weightedLosses, 0, n);
 * }</pre>
 */
public final class PacketTreeSum {
    private static final int PACKET = 8;
    private static final int LEAF = 1024 * PACKET;

    private PacketTreeSum() {
    }

    /** The sum of {@code v[from .. from + n)}. */
    public static float sum(float[] v, int from, int n) {
        if (n <= LEAF) {
            return leaf(v, from, n);
        }
        // Split near the middle, on a packet boundary counted from index 0 of the reduced tensor.
        int split = PACKET * ceilDiv(from + ceilDiv(n, 2), PACKET);
        int left = Math.min(split - from, n);
        float accum = 0f + sum(v, from, left);
        if (left < n) {
            accum += sum(v, split, n - left);
        }
        return accum;
    }

    /** One leaf: the eight lanes of the packet accumulator, each added up on its own, then the tail. */
    private static float leaf(float[] v, int from, int n) {
        int blocks = n >= 4 * PACKET ? n / (4 * PACKET) * (4 * PACKET) : 0;
        int packets = n / PACKET * PACKET;
        float tail = 0f;
        for (int j = packets; j < n; j++) {
            tail += v[from + j];
        }
        return tail + predux(v, from, blocks, packets);
    }

    /** AVX's predux of the accumulator: the upper half folded onto the lower, then lanes (0 + 2) + (1 + 3). */
    private static float predux(float[] v, int from, int blocks, int packets) {
        float b0 = lane(v, from, 0, blocks, packets) + lane(v, from, 4, blocks, packets);
        float b1 = lane(v, from, 1, blocks, packets) + lane(v, from, 5, blocks, packets);
        float b2 = lane(v, from, 2, blocks, packets) + lane(v, from, 6, blocks, packets);
        float b3 = lane(v, from, 3, blocks, packets) + lane(v, from, 7, blocks, packets);
        return (b0 + b2) + (b1 + b3);
    }

    /**
     * Lane {@code l} of the packet accumulator: four accumulators over blocks of 32 folded in order, then the
     * remaining whole packets.
     */
    private static float lane(float[] v, int from, int l, int blocks, int packets) {
        float a0 = 0f;
        float a1 = 0f;
        float a2 = 0f;
        float a3 = 0f;
        for (int j = 0; j < blocks; j += 4 * PACKET) {
            a0 += v[from + j + l];
            a1 += v[from + j + PACKET + l];
            a2 += v[from + j + 2 * PACKET + l];
            a3 += v[from + j + 3 * PACKET + l];
        }
        float acc = ((a0 + a1) + a2) + a3;
        for (int j = blocks; j < packets; j += PACKET) {
            acc += v[from + j + l];
        }
        return acc;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
