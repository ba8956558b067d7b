package io.scce4j.backend.cpu;

import io.scce4j.api.Backend;
import io.scce4j.spi.BackendProvider;
import io.scce4j.spi.ProviderSettings;

/**
 * Provides the {@code cpu} backend: plain Java, always available, priority 100 (the fallback when no native
 * backend can run). The system property {@value #THREADS_PROPERTY} sets its thread count (default: the
 * number of processors); results do not depend on it.
 */
public final class CpuBackendProvider implements BackendProvider {
    /** The system property that sets the number of threads. */
    public static final String THREADS_PROPERTY = "scce4j.cpu.threads";

    @Override
    public String id() {
        return CpuBackend.ID;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public String version() {
        return Version.VALUE;
    }

    @Override
    public Backend create() {
        return new CpuBackend(ProviderSettings.threads(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));
    }

    /** The version Maven wrote at build time. */
    static final class Version {
        static final String VALUE = ProviderSettings.buildProperties(CpuBackendProvider.class)
                .getProperty("version", "unknown");

        private Version() {
        }
    }
}
