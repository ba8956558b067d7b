package io.scce4j.backend.nd4j;

import io.scce4j.api.DType;
import io.scce4j.api.Tensor;
import io.scce4j.keras.Argmax;
import io.scce4j.keras.PredictCall;
import java.nio.IntBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The mask with ND4J's argMax. ND4J's argMax and TensorFlow's agree except on rows holding NaN or nothing above
 * the lowest finite value; those rows take {@link Argmax}'s rule.
 */
final class Nd4jArgmax {
    private Nd4jArgmax() {
    }

    static Tensor predict(PredictCall call) {
        Tensor yPred = call.yPred();
        int n = call.numElements();
        int c = call.numClasses();
        int[] mask = new int[n];
        if (n > 0) {
            try (INDArray p = Nd4jArrays.matrix(yPred, n, c); INDArray arg = Nd4j.argMax(p, 1)) {
                DataBuffer args = arg.data();
                DataBuffer data = p.data();
                double lowest = yPred.dtype() == DType.FLOAT64 ? -Double.MAX_VALUE : -Float.MAX_VALUE;
                for (int i = 0; i < n; i++) {
                    mask[i] = special(data, i, c, lowest) ? tensorflowArgmax(yPred, i, c) : (int) args.getLong(i);
                }
            }
        }
        return Tensor.wrap(call.maskShape(), IntBuffer.wrap(mask));
    }

    // Flat indices: INDArray.getDouble(i, k) allocates per call.
    private static boolean special(DataBuffer p, int row, int classes, double lowest) {
        boolean above = false;
        for (int k = 0; k < classes; k++) {
            double v = p.getDouble((long) row * classes + k);
            if (Double.isNaN(v)) {
                return true;
            }
            above |= v > lowest;
        }
        return !above;
    }

    private static int tensorflowArgmax(Tensor yPred, int row, int classes) {
        if (yPred.dtype() == DType.FLOAT64) {
            double[] v = new double[classes];
            yPred.doubleBuffer().get(row * classes, v);
            return Argmax.of(v, 0, classes);
        }
        float[] v = new float[classes];
        yPred.floatBuffer().get(row * classes, v);
        return Argmax.of(v, 0, classes);
    }
}
