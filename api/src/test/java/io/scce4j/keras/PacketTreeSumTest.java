package io.scce4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PacketTreeSum against tf.reduce_sum of the oracle's TensorFlow ({@code tf-reduce-sum.txt}, written by
 * {@code conformance-tests/keras-oracle/tf_float_math.py}), at sizes on both sides of every boundary of Eigen's
 * order: one packet, four, the 8,192-value leaves, and trees several levels deep.
 */
class PacketTreeSumTest {

    @Test
    void sumsEqualTensorFlowsBitForBitWhereALeftToRightLoopDoesNot() throws IOException {
        int differentFromLoop = 0;
        List<long[]> reference = reference();
        assertTrue(reference.size() >= 15);
        for (long[] row : reference) {
            int n = (int) row[0];
            float[] v = summands(n);
            float got = PacketTreeSum.sum(v, 0, n);
            assertEquals((int) row[1], Float.floatToRawIntBits(got), "n = " + n + ": " + got + " vs TensorFlow "
                    + Float.intBitsToFloat((int) row[1]));
            float loop = 0f;
            for (float x : v) {
                loop += x;
            }
            if (Float.floatToRawIntBits(loop) != (int) row[1]) {
                differentFromLoop++;
            }
        }
        assertTrue(differentFromLoop > 0, "the reference cannot tell TensorFlow's order from a plain loop");
    }

    private static float[] summands(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((long) i * 7919 % 10007 / 10007.0 - 0.25);
        }
        return v;
    }

    private static List<long[]> reference() throws IOException {
        List<long[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                PacketTreeSumTest.class.getResourceAsStream("tf-reduce-sum.txt"), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.startsWith("#")) {
                    String[] f = line.trim().split(" ");
                    rows.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
                }
            }
        }
        return rows;
    }
}
