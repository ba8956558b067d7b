/**
 * The service-provider interface for backend authors: implement {@link io.scce4j.spi.BackendProvider}, validate
 * inputs with {@link io.scce4j.spi.LossInputs} so that errors read the same on every backend, and run the
 * conformance kit.
 */
package io.scce4j.spi;
