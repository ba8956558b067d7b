package io.scce4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LossAccumulatorTest {

    private static LossAccumulator of(double... sumsOfOnePixel) {
        LossAccumulator a = new LossAccumulator();
        for (double s : sumsOfOnePixel) {
            a.add(s, 1);
        }
        return a;
    }

    @Test
    void oneImagesLossIsItsSumOverItsPixelsRoundedAsJavaDividesDoubles() {
        // Java's double division is correctly rounded: one image is the exact quotient, rounded once.
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            double sum = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(r.nextLong() & Long.MAX_VALUE); // any positive bits
                case 1 -> (float) r.nextDouble(0, 5000);                             // a float32 sum
                case 2 -> r.nextDouble() * Double.MIN_NORMAL;                       // subnormal
                default -> -r.nextDouble(0, 1e6);
            };
            if (!Double.isFinite(sum)) {
                continue;
            }
            long valid = i % 3 == 0 ? 1 + r.nextLong(1L << 53) : 1 + r.nextInt(1 << 20);
            LossAccumulator a = new LossAccumulator();
            a.add(sum, valid);
            assertEquals(Double.doubleToRawLongBits(sum / valid), Double.doubleToRawLongBits(a.mean()),
                    sum + " / " + valid);
        }
    }

    @Test
    void theSumIsExactWhereADoubleSumLosesTheSmallTerm() {
        double big = 1e17;
        assertEquals(0.0, big + 1.0 - big, 0.0, "summed in double, the 1 is lost");
        assertEquals(1.0 / 3, of(big, 1.0, -big).mean(), 0.0);
        assertEquals(1.0 / 3, of(big).combine(of(1.0)).combine(of(-big)).mean(), 0.0);
    }

    @Test
    void exactHalvesRoundToEven() {
        BigInteger twoTo53 = BigInteger.ONE.shiftLeft(53);
        assertEquals(0x1p53, LossAccumulator.quotient(twoTo53.add(BigInteger.ONE), BigInteger.ONE), 0.0);
        assertEquals(0x1p53 + 4, LossAccumulator.quotient(twoTo53.add(BigInteger.valueOf(3)), BigInteger.ONE), 0.0);
        assertEquals(Double.MIN_VALUE * 2, LossAccumulator.quotient(BigInteger.valueOf(3),
                BigInteger.TWO.shiftLeft(1074)), 0.0, "1.5 subnormal units round to 2");
        assertEquals(Double.MIN_VALUE * 2, LossAccumulator.quotient(BigInteger.valueOf(5),
                BigInteger.TWO.shiftLeft(1074)), 0.0, "2.5 subnormal units round to 2");
    }

    @Test
    void quotientsAreTheNearestDoubleOfTheExactFraction() {
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < 5_000; i++) {
            BigInteger n = new BigInteger(1 + r.nextInt(2200), new Random(r.nextLong()));
            BigInteger d = new BigInteger(1 + r.nextInt(1200), new Random(r.nextLong())).add(BigInteger.ONE);
            double q = LossAccumulator.quotient(n, d);
            if (Double.isInfinite(q) || q == 0) {
                continue;
            }
            // |n/d - q| <= |n/d - neighbour| for both neighbours, in exact arithmetic: |n - q d| vs |n - q' d|
            BigDecimal exactN = new BigDecimal(n);
            BigDecimal dd = new BigDecimal(d);
            BigDecimal error = exactN.subtract(new BigDecimal(q).multiply(dd)).abs();
            assertTrue(error.compareTo(exactN.subtract(new BigDecimal(Math.nextUp(q)).multiply(dd)).abs()) <= 0,
                    n + "/" + d);
            assertTrue(error.compareTo(exactN.subtract(new BigDecimal(Math.nextDown(q)).multiply(dd)).abs()) <= 0,
                    n + "/" + d);
        }
    }

    @Test
    void nanAndInfinitiesPropagateAsInAFloatingPointSum() {
        assertTrue(Double.isNaN(of(1, Double.NaN, 2).mean()));
        assertEquals(Double.POSITIVE_INFINITY, of(1, Double.POSITIVE_INFINITY).mean(), 0.0);
        assertEquals(Double.NEGATIVE_INFINITY, of(1, Double.NEGATIVE_INFINITY).mean(), 0.0);
        assertTrue(Double.isNaN(of(Double.POSITIVE_INFINITY).combine(of(Double.NEGATIVE_INFINITY)).mean()));
        assertTrue(Double.isNaN(of(Double.NaN).combine(of(1)).mean()));
    }

    @Test
    void noValidPixelMeansLossZeroAsBefore() {
        LossAccumulator a = new LossAccumulator();
        a.add(0.0, 0);
        assertEquals(0.0, a.mean(), 0.0);
        assertEquals(0, a.validPixels());
        assertThrows(IllegalArgumentException.class, () -> a.add(1.0, -1));
    }

    @Test
    void combiningEqualsAddingEverythingToOne() {
        LossAccumulator left = of(0.1, 0.2);
        left.combine(of(0.3));
        assertEquals(of(0.3, 0.1, 0.2), left);
        assertEquals(3, left.validPixels());
        assertEquals(0.2, left.mean(), 0.0); // (0.1 + 0.2 + 0.3) / 3 exactly, rounded once
    }
}
