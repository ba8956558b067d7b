package io.scce4j.backend.tf;

import io.scce4j.api.DType;
import io.scce4j.api.Tensor;
import io.scce4j.keras.PredictCall;
import java.nio.IntBuffer;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/** {@code tf.argmax(y_pred, axis=-1)} as the segmentation tutorial's create_mask runs it, for both dtypes. */
final class ArgmaxGraph implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;

    ArgmaxGraph(ConfigProto config) {
        Ops tf = Ops.create(graph);
        tf.withName("argmax32").math.argMax(tf.withName("pred32").placeholder(TFloat32.class), tf.constant(1),
                TInt64.class);
        tf.withName("argmax64").math.argMax(tf.withName("pred64").placeholder(TFloat64.class), tf.constant(1),
                TInt64.class);
        session = new Session(graph, config);
    }

    Tensor predict(PredictCall call) {
        Tensor yPred = call.yPred();
        int n = call.numElements();
        int[] mask = new int[n];
        if (n > 0) {
            boolean f64 = yPred.dtype() == DType.FLOAT64;
            try (org.tensorflow.Tensor p = TfTensors.matrix(yPred, n, call.numClasses());
                    Result r = session.runner().feed(f64 ? "pred64" : "pred32", p)
                            .fetch(f64 ? "argmax64" : "argmax32").run()) {
                long[] idx = new long[n];
                r.get(0).asRawTensor().data().asLongs().read(idx);
                for (int i = 0; i < n; i++) {
                    mask[i] = (int) idx[i];
                }
            }
        }
        return Tensor.wrap(call.maskShape(), IntBuffer.wrap(mask));
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
