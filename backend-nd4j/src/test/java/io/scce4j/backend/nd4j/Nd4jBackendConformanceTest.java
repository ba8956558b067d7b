package io.scce4j.backend.nd4j;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.conformance.junit.BackendConformanceSuite;

/** The nd4j backend against every Keras reference case, at the tolerance it claims. */
class Nd4jBackendConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return new Nd4jBackendProvider().create(BackendSettings.defaults());
    }
}
