package io.scce4j.backend.nd4j;

import io.scce4j.api.DType;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Between ND4J's {@link INDArray} and the api's {@link Tensor}, for ND4J users who hold their data in ND4J.
 *
 * <pre>{@code
 * Tensor yPred = Nd4jArrays.tensor(predictions);   // no copy for a dense C-order array
 * Tensor loss = backend.loss().compute(Nd4jArrays.tensor(labels), yPred);
 * INDArray back = Nd4jArrays.indArray(loss);      // a copy
 * }</pre>
 */
public final class Nd4jArrays {
    private Nd4jArrays() {
    }

    /**
     * A tensor over the array's data: without copying when the array is dense and in C order (no view with
     * strides), a copy otherwise. The tensor reads the array's memory: keep the array alive and unchanged while
     * the tensor is used. Types: FLOAT, DOUBLE, INT, LONG.
     *
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for any other data type
     */
    public static Tensor tensor(INDArray array) {
        Shape shape = Shape.of(array.shape());
        DataType type = array.dataType();
        INDArray dense = array.ordering() == 'c' && !array.isView() ? array : array.dup('c');
        ByteBuffer bytes = dense.data().asNio().order(ByteOrder.nativeOrder());
        bytes.position((int) (dense.offset() * type.width()));
        ByteBuffer data = bytes.slice().order(ByteOrder.nativeOrder());
        switch (type) {
            case FLOAT: return Tensor.wrap(shape, data.asFloatBuffer().limit(shape.size()));
            case DOUBLE: return Tensor.wrap(shape, data.asDoubleBuffer().limit(shape.size()));
            case INT: return Tensor.wrap(shape, data.asIntBuffer().limit(shape.size()));
            case LONG: return Tensor.wrap(shape, data.asLongBuffer().limit(shape.size()));
            default:
                throw InvalidInputException.invalidArgument("INDArray data type " + type
                        + " is not supported; valid: FLOAT, DOUBLE, INT, LONG");
        }
    }

    /** A new C-order INDArray holding a copy of the tensor. */
    public static INDArray indArray(Tensor t) {
        long[] shape = t.shape().toArray();
        switch (t.dtype()) {
            case FLOAT32: return Nd4j.create(t.toFloatArray(), shape, DataType.FLOAT);
            case FLOAT64: return Nd4j.create(t.toDoubleArray(), shape, DataType.DOUBLE);
            case INT32: return Nd4j.createFromArray(t.toIntArray()).reshape(shape);
            default: return Nd4j.createFromArray(t.toLongArray()).reshape(shape);
        }
    }

    /** {@code [rows, cols]} in the tensor's float type, in the active workspace if there is one. */
    static INDArray matrix(Tensor t, int rows, int cols) {
        long[] shape = {rows, cols};
        return t.dtype() == DType.FLOAT64 ? Nd4j.create(t.toDoubleArray(), shape, DataType.DOUBLE)
                : Nd4j.create(t.toFloatArray(), shape, DataType.FLOAT);
    }

    /** {@code [rows, cols]} float32 from a buffer, in the active workspace if there is one. */
    static INDArray floatMatrix(FloatBuffer values, int rows, int cols) {
        float[] f = new float[rows * cols];
        values.get(0, f);
        return Nd4j.create(f, new long[] {rows, cols}, DataType.FLOAT);
    }
}
