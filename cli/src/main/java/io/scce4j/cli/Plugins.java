package io.scce4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Backend jars added to the command at run time, from {@value #OPTION} (comma-separated, repeatable) and the
 * environment variable {@value #VARIABLE} (a path list, as {@code CLASSPATH}): each entry a jar, or a folder whose
 * {@code *.jar} files are all read. Discovery then runs over a class loader on those jars whose parent is the
 * command's own, so a backend jar needs nothing but {@code scce4j-api} (and its own libraries, as further jars).
 *
 * <pre>{@code
 * scce4j --plugins target/acme-backend.jar conformance --backend acme
 * SCCE4J_PLUGINS=~/scce4j-plugins scce4j backends
 * }</pre>
 */
final class Plugins implements AutoCloseable {
    static final String OPTION = "--plugins";
    static final String VARIABLE = "SCCE4J_PLUGINS";
    /** What {@code scce4j backends} shows for a backend from the command's own class path. */
    static final String CLASS_PATH = "class path";

    /**
     * One entry that was read.
     *
     * @param origin {@value #OPTION} or {@value #VARIABLE}
     * @param path the entry, absolute
     * @param folder whether it is a folder (then {@code jars} are the jars in it)
     * @param jars the jars it contributed
     */
    record Source(String origin, Path path, boolean folder, List<Path> jars) {
        @Override
        public String toString() {
            return origin + " " + path + (folder ? " (folder): " + (jars.isEmpty() ? "no jars"
                    : jars.stream().map(j -> j.getFileName().toString()).collect(Collectors.joining(", "))) : "");
        }
    }

    /** A plugin entry that cannot be read: usage error. */
    static final class PluginException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PluginException(String message) {
            super(message);
        }
    }

    private final List<Source> sources;
    private final Map<String, String> originByLocation = new LinkedHashMap<>();
    private final URLClassLoader loader;
    private final ClassLoader parent;

    private Plugins(List<Source> sources, ClassLoader parent) {
        this.sources = List.copyOf(sources);
        this.parent = parent;
        List<URL> urls = new ArrayList<>();
        for (Source s : sources) {
            for (Path jar : s.jars()) {
                URL url = url(jar);
                if (originByLocation.putIfAbsent(url.toString(), s.origin()) == null) {
                    urls.add(url);
                }
            }
        }
        this.loader = urls.isEmpty() ? null : new URLClassLoader("scce4j-plugins", urls.toArray(new URL[0]), parent);
    }

    /** No plugins. */
    static Plugins none() {
        return new Plugins(List.of(), Plugins.class.getClassLoader());
    }

    /**
     * Reads the option's values (each comma-separated) and the variable's value (a path list; null when unset).
     *
     * @throws PluginException for an entry that does not exist or a file that is not a jar
     */
    static Plugins read(List<String> optionValues, String variable, ClassLoader parent) {
        List<Source> sources = new ArrayList<>();
        for (String value : optionValues) {
            for (String entry : value.split(",")) {
                add(sources, OPTION, entry);
            }
        }
        if (variable != null) {
            for (String entry : variable.split(File.pathSeparator)) {
                add(sources, VARIABLE, entry);
            }
        }
        return new Plugins(sources, parent);
    }

    private static void add(List<Source> sources, String origin, String entry) {
        if (entry.isBlank()) {
            return;
        }
        Path path = Path.of(entry.strip()).toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar"))
                        .filter(Files::isRegularFile).sorted().collect(Collectors.toList());
                jars.forEach(j -> checkJar(origin, j));
                sources.add(new Source(origin, path, true, jars));
            } catch (IOException e) {
                throw new PluginException(origin + ": cannot list the folder " + path + ": " + e.getMessage());
            }
        } else if (Files.isRegularFile(path)) {
            checkJar(origin, path);
            sources.add(new Source(origin, path, false, List.of(path)));
        } else {
            throw new PluginException(origin + ": " + path + ": no such jar or folder");
        }
    }

    private static void checkJar(String origin, Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            file.getManifest(); // a readable jar
        } catch (IOException | SecurityException e) {
            throw new PluginException(origin + ": " + jar + " is not a readable jar: " + e.getMessage());
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values of {@value #OPTION} in a command line ({@code --plugins X} or {@code --plugins=X}), anywhere. */
    static List<String> optionValues(String[] args) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ("--".equals(args[i])) {
                break;
            }
            if (OPTION.equals(args[i]) && i + 1 < args.length) {
                values.add(args[++i]);
            } else if (args[i].startsWith(OPTION + "=")) {
                values.add(args[i].substring(OPTION.length() + 1));
            }
        }
        return values;
    }

    /** Whether any jar was added. */
    boolean hasJars() {
        return loader != null;
    }

    /** The class loader to discover backends with: over the plugin jars, or the command's own when there are none. */
    ClassLoader loader() {
        return loader != null ? loader : parent;
    }

    /** The entries read, in order. */
    List<Source> sources() {
        return sources;
    }

    /**
     * Where a backend came from, by its provider's location ({@code BackendInfo.location()}): {@value #OPTION},
     * {@value #VARIABLE}, or {@value #CLASS_PATH}.
     */
    String originOf(String location) {
        return originByLocation.getOrDefault(location, CLASS_PATH);
    }

    /** The sources as JSON: {@code [{"origin": ..., "path": ..., "folder": ..., "jars": [...]}]}. */
    ArrayNode json() {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (Source s : sources) {
            ArrayNode jars = list.addObject().put("origin", s.origin()).put("path", s.path().toString())
                    .put("folder", s.folder()).putArray("jars");
            s.jars().forEach(j -> jars.add(j.toString()));
        }
        return list;
    }

    @Override
    public void close() {
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
