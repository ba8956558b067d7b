package com.example.acme;

import io.scce4j.api.Backend;
import io.scce4j.api.Capability;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import io.scce4j.keras.Argmax;
import io.scce4j.keras.Clip;
import io.scce4j.keras.LossCall;
import io.scce4j.keras.PredictCall;
import io.scce4j.keras.Weighting;
import io.scce4j.spi.CloseGuard;
import io.scce4j.spi.ValidatedLoss;
import io.scce4j.spi.ValidatedPredictor;
import java.util.Set;

/**
 * A small backend that computes the Keras 3 per-element loss in double precision and rounds the result to
 * float32. It offers no gradient and no Keras 2 profile, so the kit skips those cases. What is Keras's rule
 * rather than arithmetic (validation, clip bounds, weighting and reduction, the argmax rule) comes from
 * {@code io.scce4j.keras}, so it cannot drift from what every other backend does.
 */
public final class AcmeBackend implements Backend {
    private final CloseGuard guard = new CloseGuard("acme");

    @Override
    public String id() {
        return "acme";
    }

    @Override
    public String version() {
        return "1.0.0-SNAPSHOT";
    }

    @Override
    public String device() {
        return "CPU, 1 thread";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of();
    }

    /**
     * Keras 3 rounds every step to float32; this backend does not. Where the loss is small its float32 steps near
     * 1.0 (log of the row sum) leave Keras a few ulps of 1.0 away from the exact value, so the claim has an
     * absolute part of four such ulps besides a relative one.
     */
    @Override
    public Tolerance tolerance() {
        return Tolerance.of(5e-7, 1e-5);
    }

    /** Nothing native to free; the kit still requires that a closed backend refuses work. */
    @Override
    public void close() {
        guard.close(() -> { });
    }

    @Override
    public SparseCategoricalCrossentropy loss(LossOptions options) {
        guard.checkOpen();
        if (options.profile() != LossProfile.KERAS3) {
            throw InvalidInputException.invalidArgument("backend 'acme' supports profile keras3 only");
        }
        return new ValidatedLoss(options) {
            @Override
            protected Tensor value(LossCall call) {
                return guard.call(() -> AcmeBackend.compute(call));
            }

            @Override
            protected LossWithGradient valueAndGradient(LossCall call) {
                throw new UnsupportedOperationException("backend 'acme' computes no gradient");
            }
        };
    }

    private static Tensor compute(LossCall call) {
        int n = call.numElements();
        int classes = call.numClasses();
        Weighting weighting = call.weighting();
        float[] values = new float[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double loss = call.isIgnored(i) ? 0 : element(call.yPred(), i * classes, classes, call.label(i),
                    call.options().fromLogits());
            double v = loss * weighting.multiplier(i);
            values[i] = (float) v;
            sum += v;
        }
        if (!call.isReduced()) {
            return Tensor.ofFloats(call.valueShape(), values);
        }
        return Tensor.scalar((float) weighting.reduce(sum));
    }

    /** log(sum_j exp(z_j - m)) - (z_y - m), with z = log(clip(p)) for probabilities; inputs cast to float32. */
    private static double element(Tensor yPred, int base, int classes, int label, boolean fromLogits) {
        double[] z = new double[classes];
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            float p = (float) yPred.getDouble(base + c);
            z[c] = fromLogits ? p : Math.log(Clip.clip(p));
            m = Double.isNaN(z[c]) || z[c] > m ? z[c] : m;
        }
        double s = 0;
        for (double v : z) {
            s += Math.exp(v - m);
        }
        return Math.log(s) - (z[label] - m);
    }

    @Override
    public MaskPredictor predictor() {
        guard.checkOpen();
        return new ValidatedPredictor() {
            @Override
            protected Tensor mask(PredictCall call) {
                guard.checkOpen();
                int classes = call.numClasses();
                double[] p = call.yPred().toDoubleArray();
                int[] mask = new int[call.numElements()];
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = Argmax.of(p, i * classes, classes);
                }
                return Tensor.ofInts(call.maskShape(), mask);
            }
        };
    }
}
