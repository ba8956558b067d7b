/**
 * The service-provider interface for backend authors: implement {@link io.scce4j.spi.BackendProvider}, extend
 * {@link io.scce4j.spi.ValidatedLoss} (it validates with {@link io.scce4j.spi.LossInputs}) so that errors read
 * the same on every backend, and run the conformance kit.
 */
package io.scce4j.spi;
