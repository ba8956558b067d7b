package io.scce4j.backend.tf;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.conformance.junit.BackendConformanceSuite;

/** The tf backend against every Keras reference case, at the tolerance it claims. */
class TfBackendConformanceTest extends BackendConformanceSuite {
    @Override
    protected Backend backend() {
        return new TfBackendProvider().create(BackendSettings.defaults());
    }
}
