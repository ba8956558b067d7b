package io.scce4j.cli;

import io.scce4j.api.LossOptions;
import io.scce4j.api.Tensor;

/** One set of loss inputs with its options and a description for the output. */
final class Scenario {
    final String description;
    final Tensor yTrue;
    final Tensor yPred;
    final Tensor sampleWeight;
    final LossOptions options;
    final boolean embedded;

    Scenario(String description, Tensor yTrue, Tensor yPred, Tensor sampleWeight, LossOptions options,
            boolean embedded) {
        this.description = description;
        this.yTrue = yTrue;
        this.yPred = yPred;
        this.sampleWeight = sampleWeight;
        this.options = options;
        this.embedded = embedded;
    }
}
