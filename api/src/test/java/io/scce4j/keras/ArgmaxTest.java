package io.scce4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** TensorFlow's CPU argmax rules, as the Keras vectors of kind {@code predict} pin them for every backend. */
class ArgmaxTest {

    @Test
    void tiesGoToTheSmallestIndexAndSignedZerosTie() {
        assertEquals(1, Argmax.of(new float[] {0.1f, 0.4f, 0.4f}, 0, 3));
        assertEquals(0, Argmax.of(new float[] {-0f, 0f}, 0, 2));
        assertEquals(0, Argmax.of(new double[] {0.0, -0.0}, 0, 2));
    }

    @Test
    void nanNeverWinsAndARowWithNothingAboveTheLowestFiniteValueGivesZero() {
        assertEquals(2, Argmax.of(new float[] {Float.NaN, 0.1f, 0.2f}, 0, 3));
        assertEquals(0, Argmax.of(new float[] {Float.NaN, Float.NaN}, 0, 2));
        assertEquals(0, Argmax.of(new float[] {Float.NEGATIVE_INFINITY, -Float.MAX_VALUE}, 0, 2));
        assertEquals(1, Argmax.of(new double[] {Double.NaN, Double.POSITIVE_INFINITY}, 0, 2));
    }

    @Test
    void readsOnlyItsOwnRow() {
        float[] rows = {9f, 0f, 0f, 1f, 5f, 7f};
        assertEquals(1, Argmax.of(rows, 2, 2));
        assertEquals(1, Argmax.of(rows, 4, 2));
    }
}
