package io.scce4j.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The {@code version.properties} a backend's build writes beside its provider class (Maven resource filtering),
 * so that {@link BackendProvider#version()} reports what was built.
 *
 * <pre>{@code
 * String version = BuildProperties.of(AcmeProvider.class).getProperty("version", "unknown");
 * }</pre>
 */
public final class BuildProperties {
    private BuildProperties() {
    }

    /** The {@code version.properties} resource beside {@code owner}'s class file, empty when absent. */
    public static Properties of(Class<?> owner) {
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
