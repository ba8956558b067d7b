package io.scce4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void sizeIsTheProductOfTheDimensionsAndOneForAScalar() {
        assertEquals(8 * 96 * 128 * 23, Shape.of(8, 96, 128, 23).size());
        assertEquals(1, Shape.scalar().size());
        assertEquals(0, Shape.of(0, 5).size());
    }

    @Test
    void negativeDimensionIsRejectedWithItsAxis() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Shape.of(3, -1));
        assertEquals(InvalidInputException.Reason.INVALID_ARGUMENT, e.reason());
        assertTrue(e.getMessage().contains("dimension 1 of shape [3, -1] is negative"), e.getMessage());
    }

    @Test
    void sizeAboveIntRangeIsRejectedNamingTheLimit() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Shape.of(1L << 20, 1L << 20));
        assertTrue(e.getMessage().contains("more than 2147483647 elements"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Shape.of(Long.MAX_VALUE, 2));
    }

    @Test
    void aZeroDimensionMakesAnyOtherDimensionAcceptable() {
        assertEquals(0, Shape.of(1L << 40, 0).size());
        assertEquals(0, Shape.of(0, 1L << 40).size());
    }

    @Test
    void withoutLastAndAppendAreInverse() {
        Shape s = Shape.of(2, 3, 4);
        assertEquals(Shape.of(2, 3), s.withoutLast());
        assertEquals(s, s.withoutLast().append(4));
        assertThrows(InvalidInputException.class, () -> Shape.scalar().withoutLast());
    }

    @Test
    void negativeAxisCountsFromTheEnd() {
        assertEquals(4, Shape.of(2, 3, 4).dim(-1));
        assertThrows(InvalidInputException.class, () -> Shape.of(2).dim(1));
    }

    @Test
    void dimensionsAreCopiedInAndOut() {
        long[] dims = {2, 3};
        Shape s = Shape.of(dims);
        dims[0] = 99;
        s.toArray()[1] = 99;
        assertArrayEquals(new long[] {2, 3}, s.toArray());
        assertEquals("[2, 3]", s.toString());
    }
}
