package io.scce4j.conformance;

import io.scce4j.api.Backend;
import io.scce4j.api.Capability;
import io.scce4j.api.LossOptions;
import io.scce4j.api.LossWithGradient;
import io.scce4j.api.MaskPredictor;
import io.scce4j.api.SparseCategoricalCrossentropy;
import io.scce4j.api.Tensor;
import java.util.Set;

/** A correct backend with hooks where a test plants one mistake. */
class BrokenBackend implements Backend {
    private final Backend real;
    private final String name;

    BrokenBackend(Backend real, String name) {
        this.real = real;
        this.name = name;
    }

    LossOptions options(LossOptions o) {
        return o;
    }

    Tensor yTrue(LossOptions o, Tensor yTrue, Tensor yPred) {
        return yTrue;
    }

    Tensor yPred(LossOptions o, Tensor yPred) {
        return yPred;
    }

    Tensor value(SparseCategoricalCrossentropy loss, Tensor yTrue, Tensor yPred, Tensor w) {
        return loss.compute(yTrue, yPred, w);
    }

    LossWithGradient withGradient(SparseCategoricalCrossentropy loss, Tensor yTrue, Tensor yPred, Tensor w) {
        return loss.computeWithGradient(yTrue, yPred, w);
    }

    @Override
    public String id() {
        return name;
    }

    @Override
    public String version() {
        return "broken";
    }

    @Override
    public String device() {
        return real.device();
    }

    @Override
    public Set<Capability> capabilities() {
        return real.capabilities();
    }

    @Override
    public SparseCategoricalCrossentropy loss(LossOptions asked) {
        LossOptions o = options(asked);
        SparseCategoricalCrossentropy loss = real.loss(o);
        return new SparseCategoricalCrossentropy() {
            @Override
            public LossOptions options() {
                return asked;
            }

            @Override
            public Tensor compute(Tensor yTrue, Tensor yPred, Tensor w) {
                return value(loss, yTrue(o, yTrue, yPred), yPred(o, yPred), w);
            }

            @Override
            public LossWithGradient computeWithGradient(Tensor yTrue, Tensor yPred, Tensor w) {
                return withGradient(loss, yTrue(o, yTrue, yPred), yPred(o, yPred), w);
            }
        };
    }

    @Override
    public MaskPredictor predictor() {
        return real.predictor();
    }
}
