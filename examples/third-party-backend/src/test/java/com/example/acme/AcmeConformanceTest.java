package com.example.acme;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.conformance.junit.BackendConformanceSuite;

/** Every Keras reference case, as one dynamic test each, at the tolerance AcmeBackend claims. */
class AcmeConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return new AcmeBackendProvider().create(BackendSettings.defaults());
    }
}
