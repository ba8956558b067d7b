package io.scce4j.discovery;

import io.scce4j.spi.Availability;
import io.scce4j.spi.BackendProvider;
import java.net.URL;
import java.security.CodeSource;
import java.util.Objects;

/**
 * What is known about one discovered backend without creating it: id, priority, availability, version and the
 * jar it came from.
 */
public final class BackendInfo {
    private final BackendProvider provider;
    private final String id;
    private final int priority;
    private volatile Availability availability; // checked on first use: it may load a native library
    private final String version;
    private final String location;

    BackendInfo(BackendProvider provider) {
        this.provider = provider;
        this.id = provider.id();
        this.priority = provider.priority();
        this.version = provider.version();
        this.location = locationOf(provider.getClass());
    }

    private static Availability safeAvailability(BackendProvider provider) {
        try {
            return Objects.requireNonNull(provider.availability(), "availability() returned null");
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("availability check failed: " + e);
        }
    }

    private static String locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL url = source == null ? null : source.getLocation();
        return url == null ? "unknown" : url.toString();
    }

    /** The provider itself. */
    public BackendProvider provider() {
        return provider;
    }

    /** The backend id. */
    public String id() {
        return id;
    }

    /** Its priority. */
    public int priority() {
        return priority;
    }

    /** Whether it can run here, and why not. Checked on first call (it may load a native library). */
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            synchronized (this) {
                a = availability;
                if (a == null) {
                    a = safeAvailability(provider);
                    availability = a;
                }
            }
        }
        return a;
    }

    /** Its version. */
    public String version() {
        return version;
    }

    /** Where its provider class was loaded from, e.g. a jar URL. */
    public String location() {
        return location;
    }

    /** {@code cpu (priority 100, 0.1.0, file:/.../scce4j-backend-cpu.jar)}. */
    @Override
    public String toString() {
        return id + " (priority " + priority + ", " + version + ", " + location
                + (availability().isAvailable() ? "" : ", unavailable: " + availability().reason()) + ")";
    }
}
