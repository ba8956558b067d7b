/**
 * The plugin contract for backend authors: implement {@link io.scce4j.spi.BackendProvider}, extend
 * {@link io.scce4j.spi.ValidatedLoss} and {@link io.scce4j.spi.ValidatedPredictor} (they resolve each call with
 * Keras's rules in {@code io.scce4j.keras}) so that errors read the same on every backend, guard native resources
 * with {@link io.scce4j.spi.CloseGuard}, and run the conformance kit.
 */
package io.scce4j.spi;
