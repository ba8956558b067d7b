package io.scce4j.backend.tf;

import io.scce4j.api.DType;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.spi.LossInputs;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/** Copies between the api's tensors and TensorFlow's. The caller closes every TensorFlow tensor. */
final class TfTensors {
    private TfTensors() {
    }

    /** Predictions as {@code [P, C]} in the loss's dtype (Keras 3 casts float64 to float32 first). */
    static org.tensorflow.Tensor predictions(LossInputs in) {
        return matrix(in.yPred(), in.numElements(), in.numClasses(), in.computeDType());
    }

    static org.tensorflow.Tensor matrix(Tensor t, long rows, long cols, DType as) {
        org.tensorflow.ndarray.Shape shape = org.tensorflow.ndarray.Shape.of(rows, cols);
        if (as == DType.FLOAT64) {
            DoubleBuffer src = t.doubleBuffer();
            return TFloat64.tensorOf(shape, x -> DataBuffers.of(src).copyTo(x.asRawTensor().data().asDoubles(),
                    t.size()));
        }
        if (t.dtype() == DType.FLOAT32) {
            FloatBuffer src = t.floatBuffer();
            return TFloat32.tensorOf(shape, x -> DataBuffers.of(src).copyTo(x.asRawTensor().data().asFloats(),
                    t.size()));
        }
        float[] narrowed = new float[t.size()];
        for (int i = 0; i < narrowed.length; i++) {
            narrowed[i] = (float) t.getDouble(i);
        }
        return TFloat32.tensorOf(shape, x -> x.asRawTensor().data().asFloats().write(narrowed));
    }

    /** Labels as int64 {@code [P]}; ignored elements get 0, as Keras 3 replaces them. */
    static TInt64 labels(LossInputs in) {
        long[] v = new long[in.numElements()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.isIgnored(i) ? 0 : in.label(i);
        }
        return TInt64.tensorOf(org.tensorflow.ndarray.Shape.of(v.length),
                x -> x.asRawTensor().data().asLongs().write(v));
    }

    /** Which elements count: bool {@code [P]}. */
    static TBool valid(LossInputs in) {
        boolean[] v = new boolean[in.numElements()];
        for (int i = 0; i < v.length; i++) {
            v[i] = !in.isIgnored(i);
        }
        return TBool.tensorOf(org.tensorflow.ndarray.Shape.of(v.length), x -> x.copyFrom(DataBuffers.of(v, true,
                false)));
    }

    /** Sample weights in the reduction's dtype: a scalar, or {@code [P]}. */
    static org.tensorflow.Tensor weights(LossInputs in, DType as) {
        boolean scalar = in.weightKind() == LossInputs.WeightKind.SCALAR;
        int n = scalar ? 1 : in.numElements();
        org.tensorflow.ndarray.Shape shape = scalar ? org.tensorflow.ndarray.Shape.scalar()
                : org.tensorflow.ndarray.Shape.of(n);
        if (as == DType.FLOAT64) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = in.weight(i);
            }
            return TFloat64.tensorOf(shape, x -> x.asRawTensor().data().asDoubles().write(v));
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) in.weight(i);
        }
        return TFloat32.tensorOf(shape, x -> x.asRawTensor().data().asFloats().write(v));
    }

    /** A fetched float tensor as an api tensor of {@code shape}, widened to {@code as} where asked. */
    static Tensor toApi(org.tensorflow.Tensor t, Shape shape, DType as) {
        int n = shape.size();
        if (t instanceof TFloat64) {
            double[] v = new double[n];
            t.asRawTensor().data().asDoubles().read(v);
            return Tensor.ofDoubles(shape, v);
        }
        float[] v = new float[n];
        t.asRawTensor().data().asFloats().read(v);
        if (as == DType.FLOAT64) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = v[i];
            }
            return Tensor.ofDoubles(shape, w);
        }
        return Tensor.ofFloats(shape, v);
    }
}
