package io.scce4j.discovery;

/**
 * The outcome of {@link BackendSelector#select(String)}: the chosen backend and how it was chosen.
 */
public final class Selection {

    /** How a backend was chosen. */
    public enum Source {
        /** Named by the caller (an API argument or a command-line option). */
        ARGUMENT("argument"),
        /** Named by the system property {@value BackendSelector#PROPERTY}. */
        SYSTEM_PROPERTY("system property '" + BackendSelector.PROPERTY + "'"),
        /** Named by the environment variable {@value BackendSelector#ENVIRONMENT_VARIABLE}. */
        ENVIRONMENT_VARIABLE("environment variable '" + BackendSelector.ENVIRONMENT_VARIABLE + "'"),
        /** Nothing named one: the available backend of highest priority. */
        PRIORITY("highest priority");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        /** In words, for messages. */
        public String description() {
            return description;
        }
    }

    private final BackendInfo backend;
    private final Source source;

    Selection(BackendInfo backend, Source source) {
        this.backend = backend;
        this.source = source;
    }

    /** The chosen backend. */
    public BackendInfo backend() {
        return backend;
    }

    /** How it was chosen. */
    public Source source() {
        return source;
    }

    @Override
    public String toString() {
        return backend.id() + " (by " + source.description() + ")";
    }
}
