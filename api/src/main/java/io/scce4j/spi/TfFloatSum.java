package io.scce4j.spi;

/**
 * A float32 sum in the order TensorFlow's CPU kernel adds (Eigen's full reducer on one thread, 8-float AVX
 * packets): halves split at packet boundaries down to 8,192 values, then four packet accumulators over blocks of
 * 32, the remaining packets, the scalar tail, and the lanes folded pairwise. Keras reduces its weighted losses
 * (and, for {@code mean_with_sample_weight}, the weights) with {@code tf.reduce_sum}; summing in this order gives
 * Keras's float32 result to the bit, where a plain loop may differ in the last bits.
 *
 * <pre>{@code
 * float total = TfFloatSum.sum(weightedLosses, 0, n);
 * }</pre>
 */
public final class TfFloatSum {
    private static final int PACKET = 8;
    private static final int LEAF = 1024 * PACKET;

    private TfFloatSum() {
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

    private static float leaf(float[] v, int from, int n) {
        float[] acc = new float[PACKET];
        int start = 0;
        if (n >= 4 * PACKET) {
            float[] acc1 = new float[PACKET];
            float[] acc2 = new float[PACKET];
            float[] acc3 = new float[PACKET];
            start = n / (4 * PACKET) * (4 * PACKET);
            for (int j = 0; j < start; j += 4 * PACKET) {
                for (int l = 0; l < PACKET; l++) {
                    acc[l] += v[from + j + l];
                    acc1[l] += v[from + j + PACKET + l];
                    acc2[l] += v[from + j + 2 * PACKET + l];
                    acc3[l] += v[from + j + 3 * PACKET + l];
                }
            }
            for (int l = 0; l < PACKET; l++) {
                acc[l] = ((acc[l] + acc1[l]) + acc2[l]) + acc3[l];
            }
        }
        int packets = n / PACKET * PACKET;
        for (int j = start; j < packets; j += PACKET) {
            for (int l = 0; l < PACKET; l++) {
                acc[l] += v[from + j + l];
            }
        }
        float tail = 0f;
        for (int j = packets; j < n; j++) {
            tail += v[from + j];
        }
        return tail + (((acc[0] + acc[4]) + (acc[2] + acc[6])) + ((acc[1] + acc[5]) + (acc[3] + acc[7])));
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
