package io.scce4j.api;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * How a backend is set up when it is created: how many threads it uses and whether it may use the JDK's Vector
 * API (SIMD). A value left unset takes, in this order, the system property {@code scce4j.<id>.threads} (or
 * {@code .vector}), the environment variable {@code SCCE4J_<ID>_THREADS} (or {@code _VECTOR}), and the backend's
 * own default: properties and variables are defaults only, never stronger than what the caller set. A backend
 * may ignore a setting it has no use for; no backend's results depend on its thread count unless its docs say so.
 * Immutable.
 *
 * <pre>{@code
 * try (Backend cpu = Backends.load("cpu", BackendSettings.defaults().withThreads(4))) { ... }
 * }</pre>
 */
public final class BackendSettings {
    /** The largest thread count accepted. */
    public static final int MAX_THREADS = 1024;
    private static final BackendSettings DEFAULTS = new BackendSettings(0, null);

    private final int threads; // 0: unset
    private final Boolean vector; // null: unset

    private BackendSettings(int threads, Boolean vector) {
        this.threads = threads;
        this.vector = vector;
    }

    /** Nothing set: every value comes from the properties, the variables or the backend. */
    public static BackendSettings defaults() {
        return DEFAULTS;
    }

    /**
     * These settings with a thread count.
     *
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) outside 1 to {@value #MAX_THREADS}
     */
    public BackendSettings withThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw InvalidInputException.invalidArgument("threads is " + threads + "; valid: 1 to " + MAX_THREADS);
        }
        return new BackendSettings(threads, vector);
    }

    /** These settings with the Vector API allowed or not. */
    public BackendSettings withVector(boolean vector) {
        return new BackendSettings(threads, vector);
    }

    /** The thread count, if set. */
    public OptionalInt threads() {
        return threads == 0 ? OptionalInt.empty() : OptionalInt.of(threads);
    }

    /** The thread count, or {@code fallback} when unset. */
    public int threadsOr(int fallback) {
        return threads == 0 ? fallback : threads;
    }

    /** Whether the Vector API may be used, if set. */
    public Optional<Boolean> vector() {
        return Optional.ofNullable(vector);
    }

    /** Whether the Vector API may be used, or {@code fallback} when unset. */
    public boolean vectorOr(boolean fallback) {
        return vector == null ? fallback : vector;
    }

    /**
     * These settings with each unset value taken from backend {@code backendId}'s system property or, failing
     * that, its environment variable, where set.
     *
     * @param properties looks up a system property ({@code System::getProperty})
     * @param environment looks up an environment variable ({@code System::getenv})
     * @throws InvalidInputException ({@code INVALID_ARGUMENT}) for a value that is not a thread count or a boolean,
     *     naming the property or variable
     */
    public BackendSettings withDefaultsFor(String backendId, Function<String, String> properties,
            Function<String, String> environment) {
        Objects.requireNonNull(backendId, "backendId");
        BackendSettings s = this;
        if (threads == 0) {
            Source found = Source.find(backendId, "threads", properties, environment);
            if (found != null) {
                s = s.withThreads(found.threads());
            }
        }
        if (vector == null) {
            Source found = Source.find(backendId, "vector", properties, environment);
            if (found != null) {
                s = s.withVector(found.bool());
            }
        }
        return s;
    }

    /** A property or variable that was set, and its value. */
    private record Source(String name, String value) {
        static Source find(String id, String setting, Function<String, String> properties,
                Function<String, String> environment) {
            String property = "scce4j." + id + "." + setting;
            String p = properties.apply(property);
            if (p != null && !p.isBlank()) {
                return new Source("system property " + property, p.trim());
            }
            String variable = ("SCCE4J_" + id + "_" + setting).toUpperCase(Locale.ROOT).replace('-', '_');
            String v = environment.apply(variable);
            if (v != null && !v.isBlank()) {
                return new Source("environment variable " + variable, v.trim());
            }
            return null;
        }

        int threads() {
            try {
                int n = Integer.parseInt(value);
                if (n >= 1 && n <= MAX_THREADS) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw InvalidInputException.invalidArgument(name + "='" + value + "' is not a thread count; valid: 1 to "
                    + MAX_THREADS);
        }

        boolean bool() {
            if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(value);
            }
            throw InvalidInputException.invalidArgument(name + "='" + value + "' is not a boolean; valid: true, false");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackendSettings s && s.threads == threads && Objects.equals(s.vector, vector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(threads, vector);
    }

    /** E.g. {@code BackendSettings(threads=4, vector=default)}. */
    @Override
    public String toString() {
        return "BackendSettings(threads=" + (threads == 0 ? "default" : threads) + ", vector="
                + (vector == null ? "default" : vector) + ")";
    }
}
