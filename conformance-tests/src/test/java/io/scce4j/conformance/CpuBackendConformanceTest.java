package io.scce4j.conformance;

import io.scce4j.api.Backend;
import io.scce4j.conformance.junit.BackendConformanceSuite;
import io.scce4j.discovery.Backends;

/** The cpu backend against every Keras reference case, at the tolerance it claims. */
class CpuBackendConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return Backends.load("cpu");
    }
}
