package io.scce4j.conformance.training;

import io.scce4j.api.LossOptions;
import io.scce4j.api.Tensor;
import java.util.List;
import java.util.Set;

/**
 * One training run of Keras: the batch, the loss's options, and what Keras's {@code model.fit} logged and left.
 *
 * @param id unique, e.g. {@code keras3-training-002}
 * @param comment what the case is
 * @param flags e.g. {@code Ordinary}, {@code Saturated}, {@code IgnoreClass}, {@code SampleWeight},
 *     {@code TrailingOne}
 * @param options the options of Keras's {@code SparseCategoricalCrossentropy} compiled into the model
 * @param x the images {@code [N, H, W, C]}, float32
 * @param y the labels {@code [N, H, W]} or {@code [N, H, W, 1]}
 * @param sampleWeight the {@code sample_weight} given to {@code fit}, or null
 * @param lossOfPredict the loss object applied to {@code model.predict(x)} at the initial weights: the clipped
 *     path, which Keras's training takes only when it cannot reach the softmax's logits
 * @param expectedLosses the loss {@code fit} logged at each step (float32 values)
 * @param expectedWeights the weights after the last step
 */
public record TrainingCase(String id, String comment, Set<String> flags, LossOptions options, Tensor x, Tensor y,
        Tensor sampleWeight, double lossOfPredict, List<Double> expectedLosses, List<NamedTensor> expectedWeights) {
    /** Copies the collections. */
    public TrainingCase {
        flags = Set.copyOf(flags);
        expectedLosses = List.copyOf(expectedLosses);
        expectedWeights = List.copyOf(expectedWeights);
    }

    /** Whether the case carries this flag. */
    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The expected final weight of this name. */
    public NamedTensor expectedWeight(String name) {
        return expectedWeights.stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no weight '" + name + "'"));
    }

    /** The id. */
    @Override
    public String toString() {
        return id;
    }
}
