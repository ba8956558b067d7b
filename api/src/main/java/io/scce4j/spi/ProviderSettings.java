package io.scce4j.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Small helpers every backend provider needs: a thread count from a system property, and build-time facts
 * (versions) from a properties file Maven filters.
 *
 * <pre>{@code
 * int threads = ProviderSettings.threads("acme.threads", Runtime.getRuntime().availableProcessors());
 * String version = ProviderSettings.buildProperties(AcmeProvider.class).getProperty("version", "unknown");
 * }</pre>
 */
public final class ProviderSettings {
    private ProviderSettings() {
    }

    /**
     * The thread count in system property {@code property}, or {@code defaultValue} when it is unset.
     *
     * @throws IllegalArgumentException when it is set to anything but an integer from 1 to 1024
     */
    public static int threads(String property, int defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > 1024) {
            throw new IllegalArgumentException("system property " + property + "='" + value
                    + "' is not a thread count; valid: 1 to 1024");
        }
        return n;
    }

    /** The {@code version.properties} resource beside {@code owner}'s class file, empty when absent. */
    public static Properties buildProperties(Class<?> owner) {
        Properties p = new Properties();
        try (InputStream in = owner.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read version.properties of " + owner.getName(), e);
        }
        return p;
    }
}
