package io.scce4j.backend.tf;

import io.scce4j.api.Backend;
import io.scce4j.api.BackendSettings;
import io.scce4j.spi.Availability;
import io.scce4j.spi.BackendProvider;
import io.scce4j.spi.BuildProperties;
import java.util.Properties;
import org.tensorflow.TensorFlow;

/**
 * Provides the {@code tf} backend: TensorFlow Java, priority 300 (exactness first). It is unavailable, with the
 * reason, when TensorFlow's native library cannot load here, so that {@code cpu} takes over. The thread setting
 * sets TensorFlow's intra-op threads (default 1, as the Keras oracle runs: TensorFlow splits large sums by thread
 * count, so the bits of a reduced loss depend on it).
 */
public final class TfBackendProvider implements BackendProvider {
    @Override
    public String id() {
        return TfBackend.ID;
    }

    @Override
    public int priority() {
        return 300;
    }

    @Override
    public String version() {
        return Versions.OWN + " (TensorFlow Java " + Versions.TENSORFLOW_JAVA + ")";
    }

    @Override
    public Availability availability() {
        return NativeLibrary.AVAILABILITY;
    }

    @Override
    public Backend create(BackendSettings settings) {
        if (!NativeLibrary.AVAILABILITY.isAvailable()) {
            throw new IllegalStateException("TensorFlow cannot run here: " + NativeLibrary.AVAILABILITY.reason());
        }
        return new TfBackend(settings.threadsOr(1));
    }

    /** Loads TensorFlow's native library once and remembers whether that worked. */
    static final class NativeLibrary {
        static final Availability AVAILABILITY = load();
        static final String TENSORFLOW = AVAILABILITY.isAvailable() ? TensorFlow.version() : "none";

        private NativeLibrary() {
        }

        private static Availability load() {
            try {
                TensorFlow.version();
                return Availability.available();
            } catch (Throwable e) { // UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError
                return Availability.unavailable("TensorFlow's native library does not load on "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ": " + e
                        + " (is tensorflow-core-native with this platform's classifier on the class path?)");
            }
        }
    }

    /** Versions Maven wrote at build time. */
    static final class Versions {
        static final String OWN;
        static final String TENSORFLOW_JAVA;

        static {
            Properties p = BuildProperties.of(TfBackendProvider.class);
            OWN = p.getProperty("version", "unknown");
            TENSORFLOW_JAVA = p.getProperty("tensorflow", "unknown");
        }

        private Versions() {
        }
    }
}
