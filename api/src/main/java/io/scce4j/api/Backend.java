package io.scce4j.api;

import java.util.Set;

/**
 * A backend computes losses and masks: plain Java ({@code cpu}), TensorFlow ({@code tf}), ND4J
 * ({@code nd4j}) or a third party's. Obtain one with {@link io.scce4j.discovery.Backends#load()} and close it when done: native
 * backends release their resources in {@link #close()}.
 * <pre>{@code
 * try (Backend backend = Backends.load("cpu")) {
 *     Tensor loss = backend.loss(LossOptions.defaults()).compute(yTrue, yPred);
 *     Tensor mask = backend.predictor().predict(yPred);
 * }
 * }</pre>
 */
public interface Backend extends AutoCloseable {

    /** The backend's id, e.g. {@code "cpu"}. */
    String id();

    /** The backend's version, and that of the library under it where there is one. */
    String version();

    /** Where it computes, in words, e.g. {@code "CPU, 2 threads"}. */
    String device();

    /** The optional features it offers. */
    Set<Capability> capabilities();

    /**
     * A loss with these options.
     *
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for options this backend cannot honour
     */
    SparseCategoricalCrossentropy loss(LossOptions options);

    /** A loss with Keras's default options. */
    default SparseCategoricalCrossentropy loss() {
        return loss(LossOptions.defaults());
    }

    /**
     * How far from Keras's numbers this backend's losses and gradients may lie, as it claims and as the
     * conformance kit checks. The default claims Keras's exact bits. Masks are always exact.
     */
    default Tolerance tolerance() {
        return Tolerance.EXACT;
    }

    /** The argmax mask predictor. */
    MaskPredictor predictor();

    /** Releases native resources; the default does nothing. Using the backend afterwards is an error. */
    @Override
    default void close() {
    }
}
