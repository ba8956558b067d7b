package io.scce4j.spi;

import java.util.Objects;

/**
 * Whether a backend can run here, and if not, why (platform, missing native library, load error).
 *
 * <pre>{@code
 * return nativeLoaded ? Availability.available()
 *                     : Availability.unavailable("libtensorflow not found for linux-aarch64");
 * }</pre>
 */
public final class Availability {
    private static final Availability AVAILABLE = new Availability(true, "");

    private final boolean available;
    private final String reason;

    private Availability(boolean available, String reason) {
        this.available = available;
        this.reason = reason;
    }

    /** The backend can run. */
    public static Availability available() {
        return AVAILABLE;
    }

    /** The backend cannot run, for this one-line reason. */
    public static Availability unavailable(String reason) {
        return new Availability(false, Objects.requireNonNull(reason, "reason"));
    }

    /** Whether the backend can run. */
    public boolean isAvailable() {
        return available;
    }

    /** Why not; empty when available. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return available ? "available" : "unavailable: " + reason;
    }
}
