package io.scce4j.guice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import com.google.inject.multibindings.OptionalBinder;
import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.discovery.BackendSelectionException;
import io.scce4j.discovery.BackendSelector;
import io.scce4j.discovery.Selection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Scce4jModuleTest {

    @Test
    void bindsTheBackendFoundOnTheClassPathAsASingleton() {
        Injector injector = Guice.createInjector(new Scce4jModule("cpu"));
        Backend backend = injector.getInstance(Backend.class);
        try {
            assertEquals("cpu", backend.id());
            assertSame(backend, injector.getInstance(Backend.class));
            assertEquals(Selection.Source.ARGUMENT, injector.getInstance(Selection.class).source());
        } finally {
            backend.close();
        }
    }

    @Test
    void aSelectorBoundByTheUserReplacesTheDefault() {
        Map<String, String> props = Map.of(BackendSelector.PROPERTY, "cpu");
        BackendSelector custom = BackendSelector.fromClassLoader(getClass().getClassLoader(), props::get, k -> null);
        Injector injector = Guice.createInjector(new Scce4jModule(), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), BackendSelector.class).setBinding().toInstance(custom);
            }
        });
        assertEquals(Selection.Source.SYSTEM_PROPERTY, injector.getInstance(Selection.class).source());
    }

    @Test
    void anExplicitIdThatIsMissingFailsWithTheSelectorsMessage() {
        Injector injector = Guice.createInjector(new Scce4jModule("no-such-backend"));
        ProvisionException e = assertThrows(ProvisionException.class, () -> injector.getInstance(Backend.class));
        assertTrue(e.getCause() instanceof BackendSelectionException, e.toString());
        assertTrue(e.getCause().getMessage().contains("'no-such-backend' requested via argument was not found"));
    }

    @Test
    void settingsBoundByTheUserReachTheBackend() {
        Injector injector = Guice.createInjector(new Scce4jModule("cpu"), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), BackendSettings.class).setBinding()
                        .toInstance(BackendSettings.defaults().withThreads(3));
            }
        });
        try (Backend backend = injector.getInstance(Backend.class)) {
            assertTrue(backend.device().startsWith("CPU, 3 threads"), backend.device());
        }
    }
}
