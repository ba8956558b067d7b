/**
 * Finding backends through {@link java.util.ServiceLoader} and choosing one:
 * {@link io.scce4j.discovery.Backends} for the common case, {@link io.scce4j.discovery.BackendSelector} to
 * control where providers, properties and variables come from.
 */
package io.scce4j.discovery;
