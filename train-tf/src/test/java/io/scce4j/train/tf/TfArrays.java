package io.scce4j.train.tf;

import io.scce4j.api.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/** Copies between the api's tensors and TensorFlow's (the caller closes what it gets). */
final class TfArrays {
    private TfArrays() {
    }

    static Shape shape(Tensor t) {
        return Shape.of(t.shape().toArray());
    }

    static org.tensorflow.Tensor tf(Tensor t) {
        switch (t.dtype()) {
            case FLOAT32: return TFloat32.tensorOf(shape(t), DataBuffers.of(t.toFloatArray(), true, false));
            case FLOAT64: return TFloat64.tensorOf(shape(t), DataBuffers.of(t.toDoubleArray(), true, false));
            case INT32: return TInt32.tensorOf(shape(t), DataBuffers.of(t.toIntArray(), true, false));
            default: return TInt64.tensorOf(shape(t), DataBuffers.of(t.toLongArray(), true, false));
        }
    }

    @SuppressWarnings("unchecked")
    static Class<? extends TType> type(Tensor t) {
        switch (t.dtype()) {
            case FLOAT32: return TFloat32.class;
            case FLOAT64: return TFloat64.class;
            case INT32: return TInt32.class;
            default: return TInt64.class;
        }
    }

    static Tensor api(org.tensorflow.Tensor t) {
        io.scce4j.api.Shape s = io.scce4j.api.Shape.of(t.shape().asArray());
        int n = (int) t.shape().size();
        if (t instanceof TFloat32) {
            float[] v = new float[n];
            t.asRawTensor().data().asFloats().read(v);
            return Tensor.ofFloats(s, v);
        }
        if (t instanceof TFloat64) {
            double[] v = new double[n];
            t.asRawTensor().data().asDoubles().read(v);
            return Tensor.ofDoubles(s, v);
        }
        throw new IllegalArgumentException("not a float tensor: " + t.dataType());
    }
}
