package io.scce4j.discovery;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.spi.BackendProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds backends and chooses one, by these rules in order:
 * <ol>
 *   <li>an id passed by the caller;</li>
 *   <li>the system property {@value #PROPERTY};</li>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE};</li>
 *   <li>otherwise the available backend of highest priority.</li>
 * </ol>
 * A backend named by 1 to 3 is used or the selection fails: it never falls back to another. A provider that
 * throws while loading is reported in {@link #problems()} and skipped; two providers with one id fail.
 *
 * <pre>{@code
 * BackendSelector selector = BackendSelector.fromEnvironment();
 * Selection chosen = selector.select(null);      // by property, variable or priority
 * try (Backend backend = selector.open(null)) { ... }
 * }</pre>
 * {@link Backends} offers the same as static shortcuts.
 */
public final class BackendSelector {
    /** The system property naming a backend id. */
    public static final String PROPERTY = "scce4j.backend";
    /** The environment variable naming a backend id. */
    public static final String ENVIRONMENT_VARIABLE = "SCCE4J_BACKEND";

    private static final System.Logger LOG = System.getLogger(BackendSelector.class.getName());
    private static final int MAX_PROVIDERS = 1000; // guards against a ServiceLoader that keeps failing

    private final List<BackendInfo> backends;
    private final List<String> problems;
    private final Function<String, String> properties;
    private final Function<String, String> environment;

    private BackendSelector(List<BackendProvider> providers, List<String> problems,
            Function<String, String> properties, Function<String, String> environment) {
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
        this.properties = Objects.requireNonNull(properties, "properties");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.backends = Collections.unmodifiableList(infos(providers));
    }

    /**
     * Providers from {@link ServiceLoader} on the context class loader (or this class's), the JVM's system
     * properties and the process environment.
     */
    public static BackendSelector fromEnvironment() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return fromClassLoader(loader != null ? loader : BackendSelector.class.getClassLoader(),
                System::getProperty, System::getenv);
    }

    /** Providers from {@link ServiceLoader} on {@code loader}, with the given property and variable lookups. */
    public static BackendSelector fromClassLoader(ClassLoader loader, Function<String, String> properties,
            Function<String, String> environment) {
        List<BackendProvider> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Iterator<BackendProvider> it = ServiceLoader.load(BackendProvider.class, loader).iterator();
        for (int attempts = 0; attempts < MAX_PROVIDERS; attempts++) {
            try {
                if (!it.hasNext()) {
                    break;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                String problem = "a backend provider failed to load and was skipped: " + e.getMessage();
                problems.add(problem);
                LOG.log(System.Logger.Level.WARNING, problem, e);
            }
        }
        return new BackendSelector(found, problems, properties, environment);
    }

    /** Exactly these providers, with the given property and variable lookups (for tests and containers). */
    public static BackendSelector of(List<? extends BackendProvider> providers,
            Function<String, String> properties, Function<String, String> environment) {
        return new BackendSelector(new ArrayList<>(providers), List.of(), properties, environment);
    }

    private static List<BackendInfo> infos(List<BackendProvider> providers) {
        Map<String, BackendInfo> byId = new LinkedHashMap<>();
        for (BackendProvider p : providers) {
            BackendInfo info = new BackendInfo(p);
            BackendInfo previous = byId.putIfAbsent(info.id(), info);
            if (previous != null) {
                throw new BackendSelectionException(BackendSelectionException.Reason.DUPLICATE_ID,
                        "Backends " + previous.provider().getClass().getName() + " (" + previous.location() + ") and "
                                + p.getClass().getName() + " (" + info.location() + ") both claim id '" + info.id()
                                + "'; ids must be unique: remove one from the class path",
                        null);
            }
        }
        List<BackendInfo> list = new ArrayList<>(byId.values());
        list.sort(Comparator.comparingInt(BackendInfo::priority).reversed().thenComparing(BackendInfo::id));
        return list;
    }

    /** Every discovered backend, highest priority first. */
    public List<BackendInfo> discover() {
        return backends;
    }

    /** The ids of the backends that can run here, highest priority first (checks every one's availability). */
    public List<String> availableIds() {
        return backends.stream().filter(b -> b.availability().isAvailable()).map(BackendInfo::id)
                .collect(Collectors.toList());
    }

    /** Providers that failed to load, one line each. */
    public List<String> problems() {
        return problems;
    }

    /**
     * Chooses a backend by the rules above, without creating it.
     *
     * @param explicitId an id from the caller, or null (then the property, the variable, the priority)
     * @throws BackendSelectionException when the named backend is missing or unavailable, or none is available
     */
    public Selection select(String explicitId) {
        String id = blankToNull(explicitId);
        Selection.Source source = Selection.Source.ARGUMENT;
        if (id == null) {
            id = blankToNull(properties.apply(PROPERTY));
            source = Selection.Source.SYSTEM_PROPERTY;
        }
        if (id == null) {
            id = blankToNull(environment.apply(ENVIRONMENT_VARIABLE));
            source = Selection.Source.ENVIRONMENT_VARIABLE;
        }
        if (id != null) {
            return new Selection(named(id, source), source);
        }
        return new Selection(byPriority(), Selection.Source.PRIORITY);
    }

    private BackendInfo named(String id, Selection.Source source) {
        for (BackendInfo b : backends) {
            if (b.id().equals(id)) {
                if (!b.availability().isAvailable()) {
                    throw new BackendSelectionException(BackendSelectionException.Reason.UNAVAILABLE,
                            "Backend '" + id + "' requested via " + source.description()
                                    + " is present but unavailable: " + b.availability().reason(),
                            null);
                }
                return b;
            }
        }
        throw new BackendSelectionException(BackendSelectionException.Reason.NOT_FOUND,
                "Backend '" + id + "' requested via " + source.description() + " was not found. Available: "
                        + describeAll() + ". Add the artifact providing '" + id + "' or choose an available id.",
                null);
    }

    private BackendInfo byPriority() {
        List<BackendInfo> available = backends.stream().filter(b -> b.availability().isAvailable())
                .collect(Collectors.toList());
        if (available.isEmpty()) {
            String why = backends.isEmpty() ? "No scce4j backend found"
                    : "No scce4j backend is available (" + describeAll() + ")";
            throw new BackendSelectionException(BackendSelectionException.Reason.NONE_FOUND, why
                    + ". Add scce4j-backend-cpu, -tf or -nd4j to the class path, or implement "
                    + "io.scce4j.spi.BackendProvider and list it in META-INF/services/io.scce4j.spi.BackendProvider.",
                    null);
        }
        BackendInfo best = available.get(0);
        if (available.size() > 1 && available.get(1).priority() == best.priority()) {
            throw new BackendSelectionException(BackendSelectionException.Reason.AMBIGUOUS,
                    "Backends '" + best.id() + "' and '" + available.get(1).id() + "' share the highest priority "
                            + best.priority() + "; name one with -D" + PROPERTY + "=<id> or " + ENVIRONMENT_VARIABLE,
                    null);
        }
        return best;
    }

    /**
     * Chooses a backend as {@link #select(String)} does and creates it with default settings.
     *
     * @throws BackendSelectionException as {@link #select(String)}, or when the provider fails to create it
     */
    public Backend open(String explicitId) {
        return open(explicitId, BackendSettings.defaults());
    }

    /**
     * Chooses a backend as {@link #select(String)} does and creates it with {@code settings}.
     *
     * @throws BackendSelectionException as {@link #select(String)}, or when the provider fails to create it
     */
    public Backend open(String explicitId, BackendSettings settings) {
        return create(select(explicitId), settings);
    }

    /**
     * Creates the backend of a selection with {@code settings}, whose unset values are first taken from the
     * backend's system properties and environment variables (as this selector looks them up). A failure becomes
     * an {@code UNAVAILABLE} error naming the backend.
     */
    public Backend create(Selection s, BackendSettings settings) {
        Objects.requireNonNull(settings, "settings");
        try {
            BackendSettings resolved = settings.withDefaultsFor(s.backend().id(), properties, environment);
            return Objects.requireNonNull(s.backend().provider().create(resolved), "create() returned null");
        } catch (RuntimeException | LinkageError e) {
            throw new BackendSelectionException(BackendSelectionException.Reason.UNAVAILABLE,
                    "Backend '" + s.backend().id() + "' (chosen by " + s.source().description()
                            + ") failed to start: " + e,
                    e);
        }
    }

    private String describeAll() {
        return backends.isEmpty() ? "none"
                : backends.stream().map(BackendInfo::toString).collect(Collectors.joining(", "));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
