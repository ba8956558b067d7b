package io.scce4j.spi;

import java.util.Objects;

/**
 * Whether a backend can run here, and if not, why (platform, missing native library, load error).
 *
 * <pre>{@code
 * return nativeLoaded ? Availability.available()
 *                     : Availability.unavailable("libtensorflow not found for linux-aarch64");
 * }</pre>
 *
 * @param isAvailable whether the backend can run
 * @param reason why not, one line; empty when available
 */
public record Availability(boolean isAvailable, String reason) {
    private static final Availability AVAILABLE = new Availability(true, "");

    /** Checks that an unavailable backend says why. */
    public Availability {
        Objects.requireNonNull(reason, "reason");
        if (!isAvailable && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable backend must say why");
        }
    }

    /** The backend can run. */
    public static Availability available() {
        return AVAILABLE;
    }

    /** The backend cannot run, for this one-line reason. */
    public static Availability unavailable(String reason) {
        return new Availability(false, Objects.requireNonNull(reason, "reason"));
    }

    @Override
    public String toString() {
        return isAvailable ? "available" : "unavailable: " + reason;
    }
}
