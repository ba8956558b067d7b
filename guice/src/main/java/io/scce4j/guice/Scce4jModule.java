package io.scce4j.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.discovery.Selection;

/**
 * The composition root for Guice users. Binds, each replaceable by the user's own module:
 * <ul>
 *   <li>{@link BackendSelector}: by default {@link BackendSelector#fromEnvironment()} (the class path's backends,
 *       the JVM's system properties and the process environment);</li>
 *   <li>{@link BackendSettings}: by default {@link BackendSettings#defaults()} (threads and the like from each
 *       backend's properties and variables, else its own defaults);</li>
 *   <li>{@link Selection}: the backend chosen by the selector's rules (the id given here, else
 *       {@code -Dscce4j.backend}, else {@code SCCE4J_BACKEND}, else the available backend of highest priority);</li>
 *   <li>{@link Backend}: that backend, created once with those settings (a singleton).</li>
 * </ul>
 * Replace a default with {@code OptionalBinder.newOptionalBinder(binder(), BackendSettings.class).setBinding()}
 * (or the same for {@code BackendSelector}) in your module, or with {@code Modules.override}. The injector does
 * not close the backend: call {@link Backend#close()} when done.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new Scce4jModule(), new AbstractModule() {
 *     protected void configure() {
 *         OptionalBinder.newOptionalBinder(binder(), BackendSettings.class).setBinding()
 *                 .toInstance(BackendSettings.defaults().withThreads(4));
 *     }
 * });
 * try (Backend backend = injector.getInstance(Backend.class)) { ... }
 * }</pre>
 */
public final class Scce4jModule extends AbstractModule {
    private final String backendId;

    /** Chooses by property, variable or priority. */
    public Scce4jModule() {
        this(null);
    }

    /** Chooses exactly {@code backendId} (never falls back); null behaves as {@link #Scce4jModule()}. */
    public Scce4jModule(String backendId) {
        this.backendId = backendId;
    }

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), BackendSelector.class)
                .setDefault()
                .toProvider(BackendSelector::fromEnvironment)
                .in(Singleton.class);
        OptionalBinder.newOptionalBinder(binder(), BackendSettings.class)
                .setDefault()
                .toInstance(BackendSettings.defaults());
    }

    @Provides
    @Singleton
    Selection selection(BackendSelector selector) {
        return selector.select(backendId);
    }

    @Provides
    @Singleton
    Backend backend(BackendSelector selector, Selection selection, BackendSettings settings) {
        return selector.create(selection, settings);
    }
}
