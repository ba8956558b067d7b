/**
 * What users of scce4j program against: {@link io.scce4j.api.Tensor}, the loss
 * {@link io.scce4j.api.SparseCategoricalCrossentropy} configured by {@link io.scce4j.api.LossOptions}, the
 * {@link io.scce4j.api.MaskPredictor}, the {@link io.scce4j.api.Backend} that makes them, and the one error type
 * {@link io.scce4j.api.InvalidInputException}. Depends on the JDK alone.
 *
 * <pre>{@code
 * try (Backend backend = Backends.load()) {                 // io.scce4j.discovery.Backends
 *     Tensor yTrue = Tensor.ofInts(Shape.of(1, 2), 1, 2);
 *     Tensor yPred = Tensor.ofFloats(Shape.of(1, 2, 3), 0.05f, 0.95f, 0f, 0.1f, 0.8f, 0.1f);
 *     float loss = backend.loss().compute(yTrue, yPred).getFloat(0);   // 1.1769392
 *     Tensor mask = backend.predictor().predict(yPred);                // [[1, 1]]
 * }
 * }</pre>
 */
package io.scce4j.api;
