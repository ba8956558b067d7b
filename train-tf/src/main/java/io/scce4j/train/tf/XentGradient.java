package io.scce4j.train.tf;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.SparseSoftmaxCrossEntropyWithLogits;

/**
 * The gradient of {@code SparseSoftmaxCrossEntropyWithLogits}, which TensorFlow's C++ gradient registry (the one
 * {@code Graph.addGradients} and every TensorFlow Java optimizer use) lacks: Python's
 * {@code _SparseSoftmaxCrossEntropyWithLogitsGrad}, {@code expand_dims(d loss, -1) * backprop}, and no gradient
 * for the labels. Registered once per process, by this class's initializer (the JVM runs it once, whichever
 * thread gets here first).
 */
final class XentGradient {
    /** Null when registered (here or before, by anyone); else why not. */
    private static final RuntimeException FAILURE = register();

    private XentGradient() {
    }

    /** Registers the gradient if no one has; a no-op after the first call. */
    static void ensureRegistered() {
        // The work happens in the class initializer, which this call triggers.
    }

    /** Why the gradient is not available (TensorFlow Java refuses custom gradients on Windows), or null. */
    static RuntimeException failure() {
        return FAILURE;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static RuntimeException register() {
        try {
            // False means a gradient was there already (a newer TensorFlow's, or the application's): keep it.
            TensorFlow.registerCustomGradient(SparseSoftmaxCrossEntropyWithLogits.Inputs.class,
                    (tf, op, grads) -> gradient(tf, (SparseSoftmaxCrossEntropyWithLogits.Inputs) op, grads));
            return null;
        } catch (UnsupportedOperationException e) {
            return e;
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<Operand<?>> gradient(Ops tf, SparseSoftmaxCrossEntropyWithLogits.Inputs op,
            List<Output<?>> grads) {
        Operand backprop = ((SparseSoftmaxCrossEntropyWithLogits<?>) op.getOutputs()).backprop();
        Operand dLoss = grads.get(0);
        Operand dFeatures = tf.math.mul(tf.expandDims(dLoss, tf.constant(-1)), backprop); // Python's _BroadcastMul
        // TensorFlow Java 1.1.0 cannot take a null ("no gradient") here: zeros for the integer labels instead.
        return List.of(dFeatures, tf.zerosLike(op.labels));
    }
}
