/**
 * Keras's rules, each written once: how a loss call is validated and resolved ({@link io.scce4j.keras.LossCall}),
 * in which precision each profile computes ({@link io.scce4j.keras.Precision}), the clip bounds
 * ({@link io.scce4j.keras.Clip}), the weighting and reduction ({@link io.scce4j.keras.Weighting}), the float32
 * summation order of TensorFlow's {@code reduce_sum} ({@link io.scce4j.keras.PacketTreeSum}), the gradient of one
 * element ({@link io.scce4j.keras.GradientElement}) and the argmax of one row ({@link io.scce4j.keras.Argmax}).
 * Every backend consumes these; none re-derives a rule. Depends on the JDK and {@code io.scce4j.api} alone.
 *
 * <pre>{@code
 * LossCall call = LossCall.resolve(options, yTrue, yPred, sampleWeight);   // throws InvalidInputException
 * for (int i = 0; i < call.numElements(); i++) {
 *     if (call.isIgnored(i)) continue;
 *     int label = call.label(i);                                          // in [0, numClasses())
 * }
 * }</pre>
 */
package io.scce4j.keras;
