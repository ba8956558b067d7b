package io.scce4j.backend.nd4j;

import io.scce4j.api.DType;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.Tensor;
import io.scce4j.spi.KerasWeighting;
import io.scce4j.spi.LossInputs;
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
 * weighs and reduces as Keras does ({@link KerasWeighting}), and forms the gradient rows from {@code e / s}.
 * The gradient is written out, not taken from SameDiff (whose xent gradient ignores the upstream gradient).
 */
final class Nd4jLoss extends ValidatedLoss {
    private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE).build();
    private static final double LO = 1e-7;
    private static final double HI = 1.0 - 1e-7;

    private final Nd4jBackend backend;

    Nd4jLoss(LossOptions options, Nd4jBackend backend) {
        super(options);
        this.backend = backend;
    }

    @Override
    protected Tensor value(LossInputs in) {
        return run(in, false)[0];
    }

    @Override
    protected LossWithGradient valueAndGradient(LossInputs in) {
        Tensor[] out = run(in, true);
        return new LossWithGradient(out[0], out[1]);
    }

    private Tensor[] run(LossInputs in, boolean gradient) {
        return backend.withOpen(() -> compute(in, gradient));
    }

    private Tensor[] compute(LossInputs in, boolean gradient) {
        boolean dbl = in.computeDType() == DType.FLOAT64;
        boolean single = !dbl || options().profile() == LossProfile.KERAS2_LEGACY;
        KerasWeighting weights = KerasWeighting.of(in, single);
        int n = in.numElements();
        int c = in.numClasses();
        double[] losses = new double[n];
        double[] grad = gradient ? new double[n * c] : null;
        if (n > 0 && c > 0) {
            backend.inWorkspace(WORKSPACE, () -> {
                elementwise(in, dbl, weights, losses, grad);
                return null;
            });
        }
        return new Tensor[] {value(in, weights, losses, single), gradient ? gradient(in, grad, dbl) : null};
    }

    private void elementwise(LossInputs in, boolean dbl, KerasWeighting weights, double[] losses, double[] grad) {
        int n = in.numElements();
        int c = in.numClasses();
        boolean fromLogits = options().fromLogits();
        INDArray p = Nd4jArrays.matrix(in.yPred(), n, c, in.computeDType());
        double lo = dbl ? LO : (float) LO;
        double hi = dbl ? HI : (float) HI;
        INDArray clipped = fromLogits ? null : Transforms.max(Transforms.min(p, hi, true), lo, false);
        INDArray z = fromLogits ? p : Transforms.log(clipped, true);
        INDArray shifted = z.subColumnVector(z.max(true, 1));
        INDArray e = Transforms.exp(shifted, true);
        INDArray s = e.sum(true, 1);
        INDArray logS = Transforms.log(s, true);
        INDArray softmaxArray = grad == null ? null : e.divColumnVector(s);
        // Fresh C-order arrays: read their buffers by flat index (INDArray.getDouble(i, k) allocates per call).
        DataBuffer pd = p.data();
        DataBuffer shiftedData = shifted.data();
        DataBuffer logSData = logS.data();
        DataBuffer softmax = softmaxArray == null ? null : softmaxArray.data();
        for (int i = 0; i < n; i++) {
            if (in.isIgnored(i)) {
                continue; // loss 0, no gradient, as Keras
            }
            int y = in.label(i);
            // ND4J's scalar min/max turn NaN into a bound; tf.clip_by_value keeps it, so NaN rows stay NaN.
            boolean nanRow = !fromLogits && hasNaN(pd, i, c);
            long at = (long) i * c + y;
            losses[i] = nanRow ? Double.NaN : dbl ? logSData.getDouble(i) - shiftedData.getDouble(at)
                    : (float) (logSData.getFloat(i) - shiftedData.getFloat(at));
            if (grad != null) {
                gradientRow(pd, nanRow ? null : softmax, i, y, c, weights.upstream(i), dbl, lo, hi, grad);
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

    // g * (softmax - onehot), then for probabilities * 1/p inside [lo, hi] (inclusive; NaN excluded), else 0.
    // A null softmax stands for a row whose softmax is NaN.
    private void gradientRow(DataBuffer p, DataBuffer softmax, int i, int y, int c, double g, boolean dbl, double lo,
            double hi, double[] grad) {
        for (int k = 0; k < c; k++) {
            long at = (long) i * c + k;
            double b = (softmax == null ? Double.NaN : softmax.getDouble(at)) - (k == y ? 1 : 0);
            double dz = dbl ? g * b : (float) ((float) g * (float) b);
            double v = p.getDouble(at);
            double out = dz;
            if (!options().fromLogits()) {
                out = v <= hi && v >= lo ? (dbl ? dz * (1.0 / v) : (float) (dz * (float) (1f / (float) v))) : 0.0;
            }
            grad[i * c + k] = out;
        }
    }

    private static Tensor value(LossInputs in, KerasWeighting weights, double[] losses, boolean single) {
        int n = in.numElements();
        if (!in.isReduced()) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double x = (single ? (float) losses[i] : losses[i]) * weights.multiplier(i);
                v[i] = single ? (float) x : x;
            }
            return typed(in, v);
        }
        double sum = 0; // in double: the same bits whatever ND4J's thread count
        for (int i = 0; i < n; i++) {
            double x = (single ? (float) losses[i] : losses[i]) * weights.multiplier(i);
            sum += single ? (float) x : x;
        }
        return typed(in, new double[] {weights.reduce(sum)});
    }

    private static Tensor typed(LossInputs in, double[] v) {
        if (in.valueDType() == DType.FLOAT64) {
            return Tensor.ofDoubles(in.valueShape(), v);
        }
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
        }
        return Tensor.ofFloats(in.valueShape(), f);
    }

    private static Tensor gradient(LossInputs in, double[] grad, boolean dbl) {
        if (in.yPred().dtype() == DType.FLOAT64) {
            return Tensor.ofDoubles(in.yPred().shape(), grad);
        }
        float[] f = new float[grad.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) grad[i];
        }
        return Tensor.ofFloats(in.yPred().shape(), f);
    }
}
