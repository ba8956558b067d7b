package io.scce4j.backend.cpu;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.spi.BackendProvider;
import io.scce4j.spi.BuildProperties;

/**
 * Provides the {@code cpu} backend: plain Java, always available, priority 100 (the fallback when no native
 * backend can run). Settings: threads (default: the number of processors; results do not depend on it) and
 * the Vector API (default: used when the JVM has it).
 */
public final class CpuBackendProvider implements BackendProvider {

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
    public Backend create(BackendSettings settings) {
        return new CpuBackend(settings.threadsOr(Runtime.getRuntime().availableProcessors()),
                settings.vectorOr(true));
    }

    /** The version Maven wrote at build time. */
    static final class Version {
        static final String VALUE = BuildProperties.of(CpuBackendProvider.class).getProperty("version", "unknown");

        private Version() {
        }
    }
}
