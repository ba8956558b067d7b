package io.scce4j.eval;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.nio.Buffer;

/**
 * Images of a batch: image {@code n} of a tensor {@code [N, ...]} as a tensor {@code [...]} over the same data,
 * without copying.
 * <pre>{@code
 * Tensor masks = predictor.predict(yPred);            // int32 [N, H, W]
 * for (int n = 0; n < Batches.count(masks); n++) {
 *     Tensor mask = Batches.image(masks, n);           // int32 [H, W]
 * }
 * }</pre>
 */
public final class Batches {
    private Batches() {
    }

    /** The number of images: the first dimension; 1 for a rank-0 tensor. */
    public static int count(Tensor batch) {
        return batch.rank() == 0 ? 1 : (int) batch.shape().dim(0);
    }

    /**
     * Image {@code n} of {@code batch}: the tensor without its first axis, sharing the data.
     *
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) when {@code n} is not in {@code [0, N)}
     */
    public static Tensor image(Tensor batch, int n) {
        if (batch.rank() == 0 || n < 0 || n >= batch.shape().dim(0)) {
            throw InvalidInputException.invalidArgument("image " + n + " of a batch of shape " + batch.shape()
                    + "; valid: 0 to " + (count(batch) - 1));
        }
        long[] dims = batch.shape().toArray();
        Shape one = Shape.of(java.util.Arrays.copyOfRange(dims, 1, dims.length));
        int size = one.size();
        int from = n * size;
        switch (batch.dtype()) {
            case FLOAT32: return Tensor.wrap(one, window(batch.floatBuffer(), from, size));
            case FLOAT64: return Tensor.wrap(one, window(batch.doubleBuffer(), from, size));
            case INT32: return Tensor.wrap(one, window(batch.intBuffer(), from, size));
            default: return Tensor.wrap(one, window(batch.longBuffer(), from, size));
        }
    }

    private static <B extends Buffer> B window(B buffer, int from, int size) {
        buffer.position(from).limit(from + size);
        return buffer;
    }
}
