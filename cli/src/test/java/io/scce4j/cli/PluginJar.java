package io.scce4j.cli;

import io.scce4j.api.Backend;
import io.scce4j.spi.BackendProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds, at test time, a backend jar that is not on the test class path: a third party's backend as the command
 * meets it. Its backend, {@code tiny}, is the cpu backend under another id.
 */
final class PluginJar {
    static final String ID = "tiny";

    private static final String SOURCE = String.join("\n",
            "package com.example.tiny;",
            "import io.scce4j.api.*;",
            "import io.scce4j.discovery.Backends;",
            "import io.scce4j.spi.BackendProvider;",
            "public final class TinyProvider implements BackendProvider {",
            "    public String id() { return \"tiny\"; }",
            "    public int priority() { return 1; }",
            "    public String version() { return \"9.9\"; }",
            "    public Backend create(BackendSettings settings) {",
            "        Backend cpu = Backends.load(\"cpu\");",
            "        return new Backend() {",
            "            public String id() { return \"tiny\"; }",
            "            public String version() { return \"9.9\"; }",
            "            public String device() { return \"the cpu backend's\"; }",
            "            public java.util.Set<Capability> capabilities() { return cpu.capabilities(); }",
            "            public Tolerance tolerance() { return cpu.tolerance(); }",
            "            public SparseCategoricalCrossentropy loss(LossOptions o) { return cpu.loss(o); }",
            "            public MaskPredictor predictor() { return cpu.predictor(); }",
            "            public void close() { cpu.close(); }",
            "        };",
            "    }",
            "}",
            "");

    private PluginJar() {
    }

    /** Compiles the tiny backend against the api and writes {@code dir/name}; returns its path. */
    static Path write(Path dir, String name) throws IOException {
        Path src = Files.createDirectories(dir.resolve("tiny-src/com/example/tiny")).resolve("TinyProvider.java");
        Files.writeString(src, SOURCE);
        Path classes = Files.createDirectories(dir.resolve("tiny-classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        String classPath = Stream.of(Backend.class, io.scce4j.discovery.Backends.class).map(PluginJar::location)
                .distinct().collect(Collectors.joining(java.io.File.pathSeparator));
        boolean ok = javac.getTask(diagnostics, null, null,
                List.of("--release", "17", "-classpath", classPath, "-d", classes.toString()), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(src)).call();
        if (!ok) {
            throw new IllegalStateException("the tiny backend did not compile: " + diagnostics);
        }
        Path jar = dir.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + BackendProvider.class.getName()));
            out.write("com.example.tiny.TinyProvider\n".getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                }
            }
        }
        return jar;
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
