package com.example.acme;

import io.scce4j.api.Backend;
import io.scce4j.api.Capability;
import io.scce4j.api.IgnoreClass;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossProfile;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.Reduction;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import io.scce4j.spi.LossInputs;
import io.scce4j.spi.PredictInputs;
import java.util.Set;

/**
 * A small backend that computes the Keras 3 loss in double precision and rounds the result to float32. It
 * offers no gradient and no Keras 2 profile, so the kit skips those cases.
 */
public final class AcmeBackend implements Backend {
    private static final float LO = (float) 1e-7;
    private static final float HI = (float) (1.0 - 1e-7);

    private volatile boolean closed;

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

    /** Keras 3 rounds every step to float32; this backend does not, so it claims a few float32 ulps. */
    @Override
    public Tolerance tolerance() {
        return Tolerance.of(1e-7, 1e-5);
    }

    /** Nothing native to free; the kit still requires that a closed backend refuses work. */
    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("backend 'acme' is closed; create a new one");
        }
    }

    @Override
    public SparseCategoricalCrossentropy loss(LossOptions options) {
        checkOpen();
        if (options.profile() != LossProfile.KERAS3) {
            throw InvalidInputException.invalidArgument("backend 'acme' supports profile keras3 only");
        }
        return new SparseCategoricalCrossentropy() {
            @Override
            public LossOptions options() {
                return options;
            }

            @Override
            public Tensor compute(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
                checkOpen();
                return AcmeBackend.compute(LossInputs.validate(options, yTrue, yPred, sampleWeight));
            }

            @Override
            public LossWithGradient computeWithGradient(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
                throw new UnsupportedOperationException("backend 'acme' computes no gradient");
            }
        };
    }

    private static Tensor compute(LossInputs in) {
        LossOptions o = in.options();
        int n = in.numElements();
        int classes = in.numClasses();
        IgnoreClass ignore = o.ignoreClass();
        boolean mean = o.reduction() == Reduction.SUM_OVER_BATCH_SIZE;
        // Keras 3: valid elements of a mean weigh T/V (0 when none is valid), ignored ones 0.
        double validWeight = ignore.isSet() && mean ? (in.numValid() == 0 ? 0 : (double) n / in.numValid()) : 1;
        float[] values = new float[n];
        double sum = 0;
        double weightSum = 0;
        for (int i = 0; i < n; i++) {
            boolean ignored = in.isIgnored(i);
            double w = (float) in.weight(i) * (ignore.isSet() ? (ignored ? 0 : validWeight) : 1);
            double loss = ignored ? 0 : element(in.yPred(), i * classes, classes, in.label(i), o.fromLogits());
            double v = loss * w;
            values[i] = (float) v;
            sum += v;
            weightSum += w;
        }
        if (!in.isReduced()) {
            return Tensor.ofFloats(in.valueShape(), values);
        }
        double divisor;
        switch (o.reduction()) {
            case SUM:
                divisor = 1;
                break;
            case SUM_OVER_BATCH_SIZE:
                divisor = n;
                break;
            default: // mean_with_sample_weight: Keras divides by the sum of the weight tensor as given
                boolean scalarOnly = in.weightKind() == LossInputs.WeightKind.SCALAR && !ignore.isSet();
                boolean none = in.weightKind() == LossInputs.WeightKind.NONE && !ignore.isSet();
                divisor = none ? n : scalarOnly ? (float) in.weight(0) : weightSum;
        }
        return Tensor.scalar(divisor == 0 ? 0f : (float) (sum / divisor));
    }

    /** log(sum_j exp(z_j - m)) - (z_y - m), with z = log(clip(p)) for probabilities; inputs cast to float32. */
    private static double element(Tensor yPred, int base, int classes, int label, boolean fromLogits) {
        double[] z = new double[classes];
        double m = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            float p = (float) yPred.getDouble(base + c);
            z[c] = fromLogits ? p : Math.log(Math.max(Math.min(p, HI), LO));
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
        checkOpen();
        return yPred -> {
            checkOpen();
            PredictInputs in = PredictInputs.validate(yPred); // the errors every backend raises
            int classes = in.numClasses();
            int[] mask = new int[in.numElements()];
            for (int i = 0; i < mask.length; i++) {
                double best = -Double.MAX_VALUE; // TensorFlow: NaN never wins, ties keep the first
                for (int c = 0; c < classes; c++) {
                    double v = yPred.getDouble(i * classes + c);
                    if (v > best) {
                        best = v;
                        mask[i] = c;
                    }
                }
            }
            return Tensor.ofInts(in.maskShape(), mask);
        };
    }
}
