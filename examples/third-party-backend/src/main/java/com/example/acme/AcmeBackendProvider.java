package com.example.acme;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.spi.BackendProvider;

/** Registers the Acme backend with scce4j (listed in META-INF/services/io.scce4j.spi.BackendProvider). */
public final class AcmeBackendProvider implements BackendProvider {
    @Override
    public String id() {
        return "acme";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public String version() {
        return "1.0.0-SNAPSHOT";
    }

    @Override
    public Backend create(BackendSettings settings) {
        return new AcmeBackend();
    }
}
