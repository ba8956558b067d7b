package io.scce4j.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void arrayFactoriesCopySoLaterChangesDoNotLeakIn() {
        float[] data = {1f, 2f};
        Tensor t = Tensor.ofFloats(Shape.of(2), data);
        data[0] = 42f;
        assertEquals(1f, t.getFloat(0));
        t.toFloatArray()[1] = 42f;
        assertEquals(2f, t.getFloat(1));
    }

    @Test
    void wrapSharesTheBufferWithoutCopying() {
        ByteBuffer bytes = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        FloatBuffer floats = bytes.asFloatBuffer();
        Tensor t = Tensor.wrap(Shape.of(2, 2), floats);
        floats.put(3, 7f);
        assertEquals(7f, t.getFloat(3));
    }

    @Test
    void wrapStartsAtTheBuffersPosition() {
        IntBuffer b = IntBuffer.wrap(new int[] {9, 1, 2});
        b.position(1);
        Tensor t = Tensor.wrap(Shape.of(2), b);
        assertArrayEquals(new int[] {1, 2}, t.toIntArray());
    }

    @Test
    void viewsAreReadOnly() {
        Tensor t = Tensor.ofFloats(Shape.of(1), 1f);
        assertThrows(ReadOnlyBufferException.class, () -> t.floatBuffer().put(0, 2f));
    }

    @Test
    void dataLengthThatDoesNotMatchTheShapeIsAShapeMismatch() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Tensor.ofDoubles(Shape.of(3, 3), new double[8]));
        assertEquals(InvalidInputException.Reason.SHAPE_MISMATCH, e.reason());
        assertEquals("data has 8 elements but shape [3, 3] needs 9", e.getMessage());
    }

    @Test
    void typedAccessorsRefuseOtherDtypes() {
        Tensor ints = Tensor.ofInts(Shape.of(1), 5);
        assertEquals(5L, ints.getLong(0));
        assertEquals(5.0, ints.getDouble(0));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ints.getFloat(0));
        assertTrue(e.getMessage().contains("dtype int32 but float32"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> Tensor.scalar(1.0).getLong(0));
    }

    @Test
    void reshapeKeepsTheDataAndChecksTheSize() {
        Tensor t = Tensor.ofLongs(Shape.of(2, 3), 0, 1, 2, 3, 4, 5);
        Tensor r = t.reshape(Shape.of(3, 2));
        assertEquals(Shape.of(3, 2), r.shape());
        assertArrayEquals(t.toLongArray(), r.toLongArray());
        assertThrows(InvalidInputException.class, () -> t.reshape(Shape.of(4)));
    }

    @Test
    void equalityComparesDtypeShapeAndValuesWithNanEqualToNan() {
        Tensor a = Tensor.ofFloats(Shape.of(2), Float.NaN, 1f);
        assertEquals(a, Tensor.ofFloats(Shape.of(2), Float.NaN, 1f));
        assertNotEquals(a, Tensor.ofFloats(Shape.of(1, 2), Float.NaN, 1f));
        assertNotEquals(a, Tensor.ofDoubles(Shape.of(2), Double.NaN, 1.0));
    }
}
