package io.scce4j.train.tf;

import io.scce4j.api.InvalidInputException;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;

/**
 * How each Keras lines sample weights up with what they multiply, on static ranks (the graph form of the api's
 * {@code io.scce4j.keras.WeightLayout}, which works on arrays):
 * <ul>
 *   <li>Keras 3's {@code squeeze_or_expand_to_same_rank}: when the ranks differ by one and the longer shape ends
 *       in 1, that 1 is squeezed, except that a rank-1 partner is expanded instead;</li>
 *   <li>tf_keras's {@code squeeze_or_expand_dimensions}: a weight one rank above loses its last axis, one rank below
 *       gains a trailing 1, a scalar stays.</li>
 * </ul>
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class WeightRanks {
    private WeightRanks() {
    }

    /** Keras 3: {@code x1, x2} aligned. */
    static Operand[] keras3(Ops tf, Operand x1, Operand x2) {
        int r1 = rank(x1);
        int r2 = rank(x2);
        if (r1 == r2 + 1 && x1.shape().size(r1 - 1) == 1) {
            if (r2 == 1) {
                x2 = tf.expandDims(x2, tf.constant(-1));
            } else {
                x1 = tf.squeeze(x1, Squeeze.axis(-1L));
            }
        }
        if (r2 == r1 + 1 && x2.shape().size(r2 - 1) == 1) {
            if (r1 == 1) {
                x1 = tf.expandDims(x1, tf.constant(-1));
            } else {
                x2 = tf.squeeze(x2, Squeeze.axis(-1L));
            }
        }
        return new Operand[] {x1, x2};
    }

    /** tf_keras: the weight {@code sw} aligned with {@code losses}. */
    static Operand keras2(Ops tf, Operand losses, Operand sw) {
        int lr = rank(losses);
        int wr = rank(sw);
        if (wr == 0) {
            return sw;
        }
        if (wr - lr == 1) {
            if (sw.shape().size(wr - 1) > 1) {
                throw InvalidInputException.shapeMismatch("sample_weight has shape " + sw.shape() + "; one rank "
                        + "above the loss " + losses.shape() + " its last axis must be 1 (Keras 2 squeezes it)");
            }
            return tf.squeeze(sw, Squeeze.axis(-1L));
        }
        return lr - wr == 1 ? tf.expandDims(sw, tf.constant(-1)) : sw;
    }

    /**
     * Refuses weights that would broadcast the loss to more elements than it has (Keras would count each loss
     * several times; the project's api refuses them too), where the static shapes tell.
     */
    static void checkBroadcast(Shape weight, Shape loss, Operand<?> given) {
        if (given == null || weight.isUnknown() || loss.isUnknown()) {
            return;
        }
        int wr = weight.numDimensions();
        int lr = loss.numDimensions();
        boolean ok = wr <= lr;
        for (int k = 1; ok && k <= wr; k++) {
            long w = weight.size(wr - k);
            long l = loss.size(lr - k);
            ok = w == 1 || w < 0 || l < 0 || w == l;
        }
        if (!ok) {
            throw InvalidInputException.shapeMismatch("sample_weight of shape " + given.shape() + " does not "
                    + "broadcast to the loss shape " + loss + " without repeating losses; valid: [] (scalar), "
                    + loss + ", that shape with a trailing 1, or a shape that broadcasts to it (e.g. [N, 1, 1] "
                    + "per image)");
        }
    }

    private static int rank(Operand x) {
        Shape s = x.shape();
        if (s.isUnknown()) {
            throw InvalidInputException.shapeMismatch("sample weights and losses must have a known rank; got "
                    + "shape " + s);
        }
        return s.numDimensions();
    }
}
