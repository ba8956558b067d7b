package io.scce4j.backend.tf;

import io.scce4j.api.DType;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.keras.LossCall;
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

    /** Predictions as {@code [P, C]} in the loss's dtype. */
    static org.tensorflow.Tensor predictions(LossCall in) {
        long rows = in.numElements();
        long cols = in.numClasses();
        return in.precision().lossType() == DType.FLOAT64 ? doubles(in.yPred().doubleBuffer(), rows, cols)
                : floats(in.floatPredictions(), rows, cols);
    }

    /** A float tensor as {@code [rows, cols]} in its own dtype. */
    static org.tensorflow.Tensor matrix(Tensor t, long rows, long cols) {
        return t.dtype() == DType.FLOAT64 ? doubles(t.doubleBuffer(), rows, cols) : floats(t.floatBuffer(), rows, cols);
    }

    private static org.tensorflow.Tensor doubles(DoubleBuffer src, long rows, long cols) {
        return TFloat64.tensorOf(org.tensorflow.ndarray.Shape.of(rows, cols),
                x -> DataBuffers.of(src).copyTo(x.asRawTensor().data().asDoubles(), rows * cols));
    }

    private static org.tensorflow.Tensor floats(FloatBuffer src, long rows, long cols) {
        return TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(rows, cols),
                x -> DataBuffers.of(src).copyTo(x.asRawTensor().data().asFloats(), rows * cols));
    }

    /** Labels as int64 {@code [P]}; ignored elements get 0, as Keras 3 replaces them. */
    static TInt64 labels(LossCall in) {
        long[] v = new long[in.numElements()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.label(i);
        }
        return TInt64.tensorOf(org.tensorflow.ndarray.Shape.of(v.length),
                x -> x.asRawTensor().data().asLongs().write(v));
    }

    /** Which elements count: bool {@code [P]}. */
    static TBool valid(LossCall in) {
        boolean[] v = new boolean[in.numElements()];
        for (int i = 0; i < v.length; i++) {
            v[i] = !in.isIgnored(i);
        }
        return TBool.tensorOf(org.tensorflow.ndarray.Shape.of(v.length), x -> x.copyFrom(DataBuffers.of(v, true,
                false)));
    }

    /** Sample weights in the reduction's dtype: a scalar, or {@code [P]}. */
    static org.tensorflow.Tensor weights(LossCall in) {
        DType as = in.precision().reductionType();
        boolean scalar = in.weightKind() == LossCall.WeightKind.SCALAR;
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

    /** The sample weights as given (before broadcasting), flat, in float32. */
    static org.tensorflow.Tensor givenWeights(LossCall in) {
        Tensor w = in.sampleWeight();
        float[] v = new float[w.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) w.getDouble(i);
        }
        return TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(v.length), x -> x.asRawTensor().data().asFloats().write(v));
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
