package io.scce4j.backend.nd4j;

import io.scce4j.api.Tensor;
import io.scce4j.spi.PredictInputs;
import java.nio.IntBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The mask with ND4J's argMax, with TensorFlow's CPU rules (ties to the first, NaN never wins). */
final class Nd4jArgmax {
    private Nd4jArgmax() {
    }

    static Tensor predict(Tensor yPred) {
        PredictInputs in = PredictInputs.validate(yPred);
        int n = in.numElements();
        int c = in.numClasses();
        int[] mask = new int[n];
        if (n > 0) {
            try (INDArray p = Nd4jArrays.matrix(yPred, n, c, yPred.dtype()); INDArray arg = Nd4j.argMax(p, 1)) {
                DataBuffer args = arg.data();
                for (int i = 0; i < n; i++) {
                    mask[i] = (int) args.getLong(i);
                }
                // ND4J's argMax and TensorFlow's differ on NaN and on rows with nothing above the lowest finite
                // value; such rows take TensorFlow's rule here.
                boolean[] special = specialRows(p.data(), n, c, lowest(p));
                for (int i = 0; i < n; i++) {
                    if (special[i]) {
                        mask[i] = tensorflowArgmax(p.data(), i, c, lowest(p));
                    }
                }
            }
        }
        return Tensor.wrap(in.maskShape(), IntBuffer.wrap(mask));
    }

    // Flat indices: INDArray.getDouble(i, k) allocates per call.
    private static boolean[] specialRows(DataBuffer p, int rows, int classes, double lowest) {
        boolean[] special = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            boolean above = false;
            for (int k = 0; k < classes && !special[i]; k++) {
                double v = p.getDouble((long) i * classes + k);
                special[i] = Double.isNaN(v);
                above |= v > lowest;
            }
            special[i] |= !above;
        }
        return special;
    }

    private static double lowest(INDArray p) {
        return p.dataType() == org.nd4j.linalg.api.buffer.DataType.DOUBLE ? -Double.MAX_VALUE : -Float.MAX_VALUE;
    }

    private static int tensorflowArgmax(DataBuffer p, int row, int classes, double lowest) {
        double best = lowest;
        int arg = 0;
        for (int k = 0; k < classes; k++) {
            double v = p.getDouble((long) row * classes + k);
            if (v > best) {
                best = v;
                arg = k;
            }
        }
        return arg;
    }
}
