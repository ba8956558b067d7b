package io.scce4j.conformance.training;

import java.util.List;

/**
 * What a trainer produced for one {@link TrainingCase}: the loss it computed at each step (before that step's
 * update, as Keras logs it) and the weights after the last step, under Keras's names and in Keras's layout.
 *
 * @param losses one loss per step
 * @param weights the final weights
 */
public record TrainingRun(List<Double> losses, List<NamedTensor> weights) {
    /** Copies both lists. */
    public TrainingRun {
        losses = List.copyOf(losses);
        weights = List.copyOf(weights);
    }
}
