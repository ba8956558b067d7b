package io.scce4j.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TfFloatMath against what the oracle's TensorFlow 2.21 and glibc returned for the same float32 arguments
 * ({@code tf-float-math.json}, written by {@code conformance-tests/keras-oracle/tf_float_math.py}).
 */
class TfFloatMathTest {
    private static JsonNode reference;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = TfFloatMathTest.class.getResourceAsStream("tf-float-math.json")) {
            reference = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void packetLogMatchesTensorFlowsLogOnEveryArgument() {
        assertBitIdentical("packet_log", bits -> Float.floatToRawIntBits(
                TfFloatMath.packetLog(Float.intBitsToFloat(bits))));
    }

    @Test
    void packetExpMatchesTensorFlowsExpOnEveryArgumentIncludingUnderflow() {
        assertBitIdentical("packet_exp", bits -> Float.floatToRawIntBits(
                TfFloatMath.packetExp(Float.intBitsToFloat(bits))));
    }

    @Test
    void scalarLogMatchesGlibcLogfOnEveryArgument() {
        assertBitIdentical("scalar_log", bits -> Float.floatToRawIntBits(
                TfFloatMath.scalarLog(Float.intBitsToFloat(bits))));
    }

    @Test
    void scalarExpMatchesGlibcExpfOnEveryArgumentFlushingSubnormals() {
        assertBitIdentical("scalar_exp", bits -> Float.floatToRawIntBits(
                TfFloatMath.scalarExp(Float.intBitsToFloat(bits))));
    }

    @Test
    void packetLogKeepsIeeeSpecialValues() {
        assertEquals(Float.NEGATIVE_INFINITY, TfFloatMath.packetLog(0f));
        assertEquals(Float.POSITIVE_INFINITY, TfFloatMath.packetLog(Float.POSITIVE_INFINITY));
        assertTrue(Float.isNaN(TfFloatMath.packetLog(-1f)));
        assertTrue(Float.isNaN(TfFloatMath.packetLog(Float.NaN)));
        assertEquals(0f, TfFloatMath.packetExp(-200f));
        assertTrue(Float.isNaN(TfFloatMath.packetExp(Float.NaN)));
    }

    @Test
    void rowSumAddsInEigensOrderNotLeftToRight() {
        // 40 classes: one block of four packet accumulators, one more packet, a scalar tail of 0.
        float[] d = new float[40];
        for (int c = 0; c < d.length; c++) {
            d[c] = -c * 0.37f;
        }
        float eigen = TfFloatMath.sumExpRow(d, 0, d.length, new float[d.length]);
        float[] lanes = new float[TfFloatMath.PACKET];
        for (int c = 0; c < 40; c++) {
            lanes[c % 8] += TfFloatMath.packetExp(d[c]);
        }
        float expected = ((lanes[0] + lanes[4]) + (lanes[2] + lanes[6])) + ((lanes[1] + lanes[5]) + (lanes[3] + lanes[7]));
        assertEquals(expected, eigen);
    }

    private static void assertBitIdentical(String table, IntUnaryOperator f) {
        JsonNode xs = reference.get(table).get("x");
        JsonNode ys = reference.get(table).get("y");
        assertTrue(xs.size() > 1000, "reference table " + table + " is too small");
        int differing = 0;
        String first = null;
        for (int i = 0; i < xs.size(); i++) {
            int x = (int) xs.get(i).asLong();
            int want = (int) ys.get(i).asLong();
            int got = f.applyAsInt(x);
            if (got != want) {
                differing++;
                if (first == null) {
                    first = String.format("x=%s: want %s, got %s", Float.intBitsToFloat(x),
                            Float.intBitsToFloat(want), Float.intBitsToFloat(got));
                }
            }
        }
        assertEquals(0, differing, table + ": " + differing + " of " + xs.size() + " differ; first " + first);
    }
}
