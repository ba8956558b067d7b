package io.scce4j.spi;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;

/**
 * The service a backend registers so that {@link java.util.ServiceLoader} finds it: list the implementing class
 * in {@code META-INF/services/io.scce4j.spi.BackendProvider}.
 *
 * <p>A provider is cheap to construct and must not load native code in its constructor: {@link #availability()}
 * and {@link #create} do that. Ids are unique. When nothing names a backend, the available provider of highest
 * {@link #priority()} is chosen.
 * <pre>{@code
 * public final class AcmeBackendProvider implements BackendProvider {
 *     public String id() { return "acme"; }
 *     public int priority() { return 50; }
 *     public String version() { return "1.0"; }
 *     public Backend create(BackendSettings settings) { return new AcmeBackend(settings.threadsOr(1)); }
 * }
 * }</pre>
 */
public interface BackendProvider {

    /** The backend's id: lower-case letters, digits, '-' and '_'. */
    String id();

    /** Higher wins when no backend is named. */
    int priority();

    /** The backend's version, shown in listings and error messages. */
    String version();

    /** Whether the backend can run here; the default says it can. Must not throw. */
    default Availability availability() {
        return Availability.available();
    }

    /**
     * A new backend. Only called when {@link #availability()} said available.
     *
     * @param settings what the caller asked for, with unset values already filled from this backend's system
     *     properties and environment variables where those are set; what is still unset takes the backend's
     *     own default
     * @throws RuntimeException if it cannot be created after all
     */
    Backend create(BackendSettings settings);
}
