package io.scce4j.backend.cpu;

import io.scce4j.api.Backend;
import io.scce4j.spi.BackendProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Provides the {@code cpu} backend: plain Java, always available, priority 100 (the fallback when no native
 * backend can run). The system property {@value #THREADS_PROPERTY} sets its thread count (default: the
 * number of processors); results do not depend on it.
 */
public final class CpuBackendProvider implements BackendProvider {
    /** The system property that sets the number of threads. */
    public static final String THREADS_PROPERTY = "scce4j.cpu.threads";

    @Override
    public String id() {
        return CpuBackend.ID;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public String version() {
        return Version.VALUE;
    }

    @Override
    public Backend create() {
        String threads = System.getProperty(THREADS_PROPERTY);
        int n = Runtime.getRuntime().availableProcessors();
        if (threads != null && !threads.isBlank()) {
            try {
                n = Integer.parseInt(threads.trim());
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > 1024) {
                throw new IllegalArgumentException("system property " + THREADS_PROPERTY + "='" + threads
                        + "' is not a thread count; valid: 1 to 1024");
            }
        }
        return new CpuBackend(n);
    }

    /** The version, from a resource Maven fills in at build time. */
    static final class Version {
        static final String VALUE = load();

        private Version() {
        }

        private static String load() {
            try (InputStream in = CpuBackendProvider.class.getResourceAsStream("version.properties")) {
                if (in == null) {
                    return "unknown";
                }
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
