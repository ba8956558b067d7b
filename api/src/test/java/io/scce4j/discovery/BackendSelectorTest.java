package io.scce4j.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.spi.Availability;
import io.scce4j.spi.BackendProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendSelectorTest {
    private static final Function<String, String> NOTHING = k -> null;
    private static final List<BackendProvider> THREE = List.of(new FakeProvider("cpu", 100),
            new FakeProvider("tf", 300), new FakeProvider("nd4j", 200));

    private static BackendSelector selector(List<BackendProvider> providers, Map<String, String> props,
            Map<String, String> env) {
        return BackendSelector.of(providers, props::get, env::get);
    }

    @Test
    void withNothingNamedTheHighestPriorityAvailableBackendWins() {
        Selection s = selector(THREE, Map.of(), Map.of()).select(null);
        assertEquals("tf", s.backend().id());
        assertEquals(Selection.Source.PRIORITY, s.source());
    }

    @Test
    void unavailableBackendsAreSkippedWhenChoosingByPriority() {
        List<BackendProvider> providers = List.of(new FakeProvider("cpu", 100),
                new FakeProvider("tf", 300, Availability.unavailable("no native library for linux-aarch64")));
        assertEquals("cpu", selector(providers, Map.of(), Map.of()).select(null).backend().id());
    }

    @Test
    void argumentBeatsPropertyBeatsEnvironmentVariable() {
        Map<String, String> props = Map.of(BackendSelector.PROPERTY, "nd4j");
        Map<String, String> env = Map.of(BackendSelector.ENVIRONMENT_VARIABLE, "cpu");
        assertEquals("tf", selector(THREE, props, env).select("tf").backend().id());
        Selection byProperty = selector(THREE, props, env).select(null);
        assertEquals("nd4j", byProperty.backend().id());
        assertEquals(Selection.Source.SYSTEM_PROPERTY, byProperty.source());
        Selection byEnv = selector(THREE, Map.of(), env).select(null);
        assertEquals("cpu", byEnv.backend().id());
        assertEquals(Selection.Source.ENVIRONMENT_VARIABLE, byEnv.source());
    }

    @Test
    void aNamedBackendThatIsUnavailableFailsInsteadOfFallingBack() {
        List<BackendProvider> providers = List.of(new FakeProvider("cpu", 100),
                new FakeProvider("tf", 300, Availability.unavailable("libtensorflow failed to load")));
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> selector(providers, Map.of(BackendSelector.PROPERTY, "tf"), Map.of()).select(null));
        assertEquals(BackendSelectionException.Reason.UNAVAILABLE, e.reason());
        assertEquals("Backend 'tf' requested via system property 'scce4j.backend' is present but unavailable: "
                + "libtensorflow failed to load", e.getMessage());
    }

    @Test
    void aMissingBackendIsReportedWithHowItWasAskedForAndWhatIsAvailable() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> selector(THREE, Map.of(), Map.of(BackendSelector.ENVIRONMENT_VARIABLE, "acme")).select(null));
        assertEquals(BackendSelectionException.Reason.NOT_FOUND, e.reason());
        String m = e.getMessage();
        assertTrue(m.startsWith("Backend 'acme' requested via environment variable 'SCCE4J_BACKEND' was not found. "
                + "Available: tf (priority 300, 9.9, file:"), m);
        assertTrue(m.contains("cpu (priority 100, 9.9, "), m);
    }

    @Test
    void twoProvidersWithOneIdFail() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> selector(List.of(new FakeProvider("cpu", 1), new FakeProvider("cpu", 2)), Map.of(), Map.of()));
        assertEquals(BackendSelectionException.Reason.DUPLICATE_ID, e.reason());
        assertTrue(e.getMessage().contains("both claim id 'cpu'"), e.getMessage());
    }

    @Test
    void equalTopPrioritiesAreAmbiguous() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class, () -> selector(
                List.of(new FakeProvider("a", 5), new FakeProvider("b", 5)), Map.of(), Map.of()).select(null));
        assertEquals(BackendSelectionException.Reason.AMBIGUOUS, e.reason());
    }

    @Test
    void noBackendAtAllExplainsHowToAddOne() {
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> selector(List.of(), Map.of(), Map.of()).select(null));
        assertEquals(BackendSelectionException.Reason.NONE_FOUND, e.reason());
        assertTrue(e.getMessage().startsWith("No scce4j backend found. Add scce4j-backend-cpu"), e.getMessage());
    }

    @Test
    void anAvailabilityCheckThatThrowsMakesTheBackendUnavailable() {
        BackendProvider throwing = new FakeProvider("boom", 500) {
            @Override
            public Availability availability() {
                throw new UnsatisfiedLinkError("no libboom in java.library.path");
            }
        };
        BackendSelector s = selector(List.of(throwing, new FakeProvider("cpu", 100)), Map.of(), Map.of());
        assertEquals("cpu", s.select(null).backend().id());
        assertTrue(s.discover().get(0).availability().reason().contains("no libboom"));
    }

    @Test
    void aProviderThatFailsToStartIsReportedAsUnavailable() {
        BackendProvider failing = new FakeProvider("bad", 1) {
            @Override
            public Backend create(BackendSettings settings) {
                throw new IllegalStateException("out of licences");
            }
        };
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> selector(List.of(failing), Map.of(), Map.of()).open("bad"));
        assertEquals(BackendSelectionException.Reason.UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("failed to start: java.lang.IllegalStateException: out of licences"));
    }

    @Test
    void aServicesEntryThatCannotBeLoadedIsReportedAndSkipped(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(BackendProvider.class.getName()), "com.example.Missing\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            BackendSelector s = BackendSelector.fromClassLoader(loader, NOTHING, NOTHING);
            assertEquals(1, s.problems().size());
            assertTrue(s.problems().get(0).contains("com.example.Missing"), s.problems().get(0));
        }
    }

    @Test
    void settingsLeftUnsetComeFromTheBackendsPropertyThenItsVariable() {
        FakeProvider cpu = new FakeProvider("cpu", 100);
        selector(List.of(cpu), Map.of("scce4j.cpu.threads", "3"), Map.of("SCCE4J_CPU_THREADS", "5",
                "SCCE4J_CPU_VECTOR", "false")).open("cpu");
        assertEquals(BackendSettings.defaults().withThreads(3).withVector(false), cpu.created);
        selector(List.of(cpu), Map.of(), Map.of("SCCE4J_CPU_THREADS", "5")).open("cpu");
        assertEquals(BackendSettings.defaults().withThreads(5), cpu.created);
        selector(List.of(cpu), Map.of(), Map.of()).open("cpu");
        assertEquals(BackendSettings.defaults(), cpu.created);
    }

    @Test
    void settingsTheCallerGivesWinOverPropertiesAndVariables() {
        FakeProvider cpu = new FakeProvider("cpu", 100);
        selector(List.of(cpu), Map.of("scce4j.cpu.threads", "3"), Map.of("SCCE4J_CPU_THREADS", "5"))
                .open("cpu", BackendSettings.defaults().withThreads(2));
        assertEquals(BackendSettings.defaults().withThreads(2), cpu.created);
    }

    @Test
    void aThreadCountPropertyThatIsNotOneNamesItselfAndTheValidRange() {
        FakeProvider tf = new FakeProvider("tf", 300);
        BackendSelectionException e = assertThrows(BackendSelectionException.class,
                () -> selector(List.of(tf), Map.of("scce4j.tf.threads", "0"), Map.of()).open("tf"));
        assertEquals(BackendSelectionException.Reason.UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("system property scce4j.tf.threads='0' is not a thread count; valid: 1 to "
                + "1024"), e.getMessage());
    }
}
