package io.scce4j.backend.nd4j;

import io.scce4j.api.DType;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Tensor;
import io.scce4j.keras.Clip;
import io.scce4j.keras.GradientElement;
import io.scce4j.keras.LossCall;
import io.scce4j.keras.PacketTreeSum;
import io.scce4j.keras.Weighting;
import io.scce4j.spi.ValidatedLoss;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The ND4J backend's loss. ND4J computes {@code z = log(clip(p))} (or the logits), the row maxima, {@code e =
 * exp(z - m)}, the row sums {@code s} and {@code log(s)}; Java gathers {@code log(s) - (z_y - m)} per element,
 * weighs and reduces as Keras does ({@link Weighting}, {@link PacketTreeSum} for float32), and forms the gradient
 * elements from {@code e} and {@code s} ({@link GradientElement}). The gradient is written out, not taken from
 * SameDiff (whose xent gradient ignores the upstream gradient).
 */
final class Nd4jLoss extends ValidatedLoss {
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).build();

    private final Nd4jBackend backend;

    Nd4jLoss(LossOptions options, Nd4jBackend backend) {
        super(options);
        this.backend = backend;
    }

    @Override
    protected Tensor value(LossCall call) {
        return run(call, false)[0];
    }

    @Override
    protected LossWithGradient valueAndGradient(LossCall call) {
        Tensor[] out = run(call, true);
        return new LossWithGradient(out[0], out[1]);
    }

    private Tensor[] run(LossCall call, boolean gradient) {
        return backend.withOpen(() -> compute(call, gradient));
    }

    private Tensor[] compute(LossCall call, boolean gradient) {
        int n = call.numElements();
        int c = call.numClasses();
        double[] losses = new double[n];
        double[] grad = gradient ? new double[n * c] : null;
        if (n > 0 && c > 0) {
            backend.inWorkspace(WORKSPACE, () -> {
                elementwise(call, losses, grad);
                return null;
            });
        }
        return new Tensor[] {value(call, losses), gradient ? gradient(call, grad) : null};
    }

    private void elementwise(LossCall call, double[] losses, double[] grad) {
        int n = call.numElements();
        int c = call.numClasses();
        boolean dbl = call.precision().lossType() == DType.FLOAT64;
        boolean fromLogits = options().fromLogits();
        INDArray p = dbl ? Nd4jArrays.matrix(call.yPred(), n, c) : Nd4jArrays.floatMatrix(call.floatPredictions(), n, c);
        INDArray clipped = fromLogits ? null : Transforms.max(Transforms.min(p, Clip.hi(call.precision().lossType()),
                true), Clip.lo(call.precision().lossType()), false);
        INDArray z = fromLogits ? p : Transforms.log(clipped, true);
        INDArray shifted = z.subColumnVector(z.max(true, 1));
        INDArray e = Transforms.exp(shifted, true);
        INDArray s = e.sum(true, 1);
        INDArray logS = Transforms.log(s, true);
        // Fresh C-order arrays: read their buffers by flat index (INDArray.getDouble(i, k) allocates per call).
        DataBuffer pd = p.data();
        DataBuffer shiftedData = shifted.data();
        DataBuffer logSData = logS.data();
        DataBuffer eData = e.data();
        DataBuffer sData = s.data();
        Weighting weights = call.weighting();
        for (int i = 0; i < n; i++) {
            if (call.isIgnored(i)) {
                continue; // loss 0, no gradient, as Keras
            }
            int y = call.label(i);
            // ND4J's scalar min/max turn NaN into a bound; tf.clip_by_value keeps it, so NaN rows stay NaN.
            boolean nanRow = !fromLogits && hasNaN(pd, i, c);
            long at = (long) i * c + y;
            losses[i] = nanRow ? Double.NaN : dbl ? logSData.getDouble(i) - shiftedData.getDouble(at)
                    : (float) (logSData.getFloat(i) - shiftedData.getFloat(at));
            if (grad != null) {
                for (int k = 0; k < c; k++) {
                    long ik = (long) i * c + k;
                    grad[i * c + k] = dbl
                            ? GradientElement.of(nanRow ? Double.NaN : eData.getDouble(ik), sData.getDouble(i),
                                    k == y, weights.upstream(i), fromLogits, pd.getDouble(ik))
                            : GradientElement.of(nanRow ? Float.NaN : eData.getFloat(ik), sData.getFloat(i),
                                    k == y, (float) weights.upstream(i), fromLogits, pd.getFloat(ik));
                }
            }
        }
    }

    private static boolean hasNaN(DataBuffer p, int row, int classes) {
        for (int k = 0; k < classes; k++) {
            if (Double.isNaN(p.getDouble((long) row * classes + k))) {
                return true;
            }
        }
        return false;
    }

    private static Tensor value(LossCall call, double[] losses) {
        int n = call.numElements();
        Weighting weights = call.weighting();
        boolean single = call.precision().reducesInFloat32();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x = (single ? (float) losses[i] : losses[i]) * weights.multiplier(i);
            v[i] = single ? (float) x : x;
        }
        if (!call.isReduced()) {
            return typed(call, v);
        }
        double sum;
        if (single) { // tf.reduce_sum's float32 order
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) v[i];
            }
            sum = PacketTreeSum.sum(f, 0, n);
        } else {
            sum = 0;
            for (double x : v) {
                sum += x;
            }
        }
        return typed(call, new double[] {weights.reduce(sum)});
    }

    private static Tensor typed(LossCall call, double[] v) {
        if (call.precision().valueType() == DType.FLOAT64) {
            return Tensor.ofDoubles(call.valueShape(), v);
        }
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
        }
        return Tensor.ofFloats(call.valueShape(), f);
    }

    private static Tensor gradient(LossCall call, double[] grad) {
        if (call.yPred().dtype() == DType.FLOAT64) {
            return Tensor.ofDoubles(call.yPred().shape(), grad);
        }
        float[] f = new float[grad.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) grad[i];
        }
        return Tensor.ofFloats(call.yPred().shape(), f);
    }
}
