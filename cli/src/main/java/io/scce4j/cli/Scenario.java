package io.scce4j.cli;

import io.scce4j.eval.LabelErrors;
import io.scce4j.api.InvalidInputException;
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
    /** What messages call the labels: their file, or "the embedded example". */
    final String labelsName;
    /** A warning about the inputs, printed once they have been computed with (an error says enough alone). */
    final String warning;

    Scenario(String description, Tensor yTrue, Tensor yPred, Tensor sampleWeight, LossOptions options,
            boolean embedded, String labelsName, String warning) {
        this.description = description;
        this.yTrue = yTrue;
        this.yPred = yPred;
        this.sampleWeight = sampleWeight;
        this.options = options;
        this.embedded = embedded;
        this.labelsName = labelsName;
        this.warning = warning;
    }

    /** Prints the warning, if any, as one line on {@code err}. */
    void warn(java.io.PrintWriter err) {
        if (warning != null) {
            err.println("scce4j: warning: " + warning);
            err.flush();
        }
    }

    /** A label error of these inputs, naming the labels' file, image, row and column. */
    InvalidInputException located(InvalidInputException e) {
        return LabelErrors.locate(e, labelsName, yPred.shape().withoutLast(), options.ignoreClass());
    }
}
