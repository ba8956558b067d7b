package io.scce4j.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.scce4j.api.Backend;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.discovery.Selection;

/**
 * Binds the {@link Backend} chosen by the api's selection rules (an id given here, else
 * {@code -Dscce4j.backend}, else {@code SCCE4J_BACKEND}, else the available backend of highest priority) as a
 * singleton, and the {@link BackendSelector} that chose it. Replace the selector with
 * {@code OptionalBinder.newOptionalBinder(binder(), BackendSelector.class).setBinding()...} or
 * {@code Modules.override}. The injector does not close the backend: call {@link Backend#close()} when done.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new Scce4jModule());
 * Backend backend = injector.getInstance(Backend.class);
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
    }

    @Provides
    @Singleton
    Selection selection(BackendSelector selector) {
        return selector.select(backendId);
    }

    @Provides
    @Singleton
    Backend backend(Selection selection) {
        return BackendSelector.create(selection);
    }
}
