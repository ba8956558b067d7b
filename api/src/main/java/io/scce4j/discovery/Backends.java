package io.scce4j.discovery;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import java.util.List;

/**
 * Static shortcuts over {@link BackendSelector#fromEnvironment()}: find the backends on the class path and
 * open one by the selection rules.
 *
 * <pre>{@code
 * try (Backend backend = Backends.load()) {          // -Dscce4j.backend, SCCE4J_BACKEND, else priority
 *     ...
 * }
 * try (Backend cpu = Backends.load("cpu")) { ... }   // exactly cpu, or an error
 * }</pre>
 */
public final class Backends {
    private Backends() {
    }

    /**
     * Opens the backend chosen by the system property, the environment variable or priority.
     *
     * @throws BackendSelectionException if none can be chosen or it fails to start
     */
    public static Backend load() {
        return BackendSelector.fromEnvironment().open(null);
    }

    /**
     * Opens exactly the backend {@code id}.
     *
     * @throws BackendSelectionException if it is missing, unavailable or fails to start
     */
    public static Backend load(String id) {
        return BackendSelector.fromEnvironment().open(id);
    }

    /**
     * Opens exactly the backend {@code id} with these settings (e.g. its thread count).
     *
     * @throws BackendSelectionException if it is missing, unavailable or fails to start
     */
    public static Backend load(String id, BackendSettings settings) {
        return BackendSelector.fromEnvironment().open(id, settings);
    }

    /** Every backend on the class path, highest priority first, without creating any. */
    public static List<BackendInfo> discover() {
        return BackendSelector.fromEnvironment().discover();
    }
}
