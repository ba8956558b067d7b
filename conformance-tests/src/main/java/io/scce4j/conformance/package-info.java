/**
 * The conformance kit: Keras reference vectors ({@link io.scce4j.conformance.CaseLoader#bundled()}) and a runner
 * that checks any {@link io.scce4j.api.Backend} against them ({@link io.scce4j.conformance.ConformanceKit}),
 * without JUnit. {@link io.scce4j.conformance.junit.BackendConformanceSuite} runs the same from JUnit 5.
 */
package io.scce4j.conformance;
