package io.scce4j.discovery;

/**
 * The outcome of {@link BackendSelector#select(String)}: the chosen backend and how it was chosen.
 *
 * @param backend the chosen backend
 * @param source how it was chosen
 */
public record Selection(BackendInfo backend, Source source) {

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

    /** Both parts are required. */
    public Selection {
        java.util.Objects.requireNonNull(backend, "backend");
        java.util.Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
        return backend.id() + " (by " + source.description() + ")";
    }
}
