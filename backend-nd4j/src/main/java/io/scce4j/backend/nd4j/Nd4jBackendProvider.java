package io.scce4j.backend.nd4j;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.spi.Availability;
import io.scce4j.spi.BackendProvider;
import io.scce4j.spi.BuildProperties;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Provides the {@code nd4j} backend: ND4J on CPU (or CUDA, built with the {@code nd4j-cuda} profile), priority
 * 200. It is unavailable, with the reason, when ND4J's native backend cannot load here.
 */
public final class Nd4jBackendProvider implements BackendProvider {
    @Override
    public String id() {
        return Nd4jBackend.ID;
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public String version() {
        return Versions.OWN + " (ND4J " + Versions.ND4J + ")";
    }

    @Override
    public Availability availability() {
        return NativeBackend.AVAILABILITY;
    }

    @Override
    public Backend create(BackendSettings settings) {
        if (!NativeBackend.AVAILABILITY.isAvailable()) {
            throw new IllegalStateException("ND4J cannot run here: " + NativeBackend.AVAILABILITY.reason());
        }
        return new Nd4jBackend();
    }

    /** Loads ND4J's native backend once and remembers whether that worked. */
    static final class NativeBackend {
        static final Availability AVAILABILITY = load();

        private NativeBackend() {
        }

        private static Availability load() {
            try {
                Nd4j.scalar(1f).close(); // loads the native backend, or throws
                return Availability.available();
            } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
                return Availability.unavailable("ND4J's native backend does not load on "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ": " + e
                        + " (is nd4j-native with this platform's classifier on the class path?)");
            }
        }
    }

    /** Versions Maven wrote at build time. */
    static final class Versions {
        static final String OWN;
        static final String ND4J;

        static {
            Properties p = BuildProperties.of(Nd4jBackendProvider.class);
            OWN = p.getProperty("version", "unknown");
            ND4J = p.getProperty("nd4j", "unknown");
        }

        private Versions() {
        }
    }
}
