package io.scce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scce4j.guice.Scce4jModule;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend in a jar of its own, outside the command's class path, reaches the command through {@code --plugins}
 * or {@code SCCE4J_PLUGINS}; {@code scce4j backends} says where each backend came from and which plugin sources
 * were read.
 */
class PluginsTest {
    @TempDir
    static Path dir;
    private static Path jar;
    private static Path folder;
    private static String forumCases;

    @BeforeAll
    static void buildTheJar() throws IOException {
        jar = PluginJar.write(dir, "tiny-backend.jar");
        folder = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(jar, folder.resolve("tiny-backend.jar"));
        Files.writeString(folder.resolve("README.txt"), "not a jar: left alone");
        forumCases = Path.of("..", "conformance-tests", "src", "main", "resources", "io", "scce4j", "conformance",
                "cases", "keras3", "forum.json").toString();
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.runWithEnvironment(args, new PrintWriter(out), new PrintWriter(err), environment::get,
                new Scce4jModule());
        return new Result(status, out.toString(), err.toString());
    }

    private static String url(Path p) {
        try {
            return p.toUri().toURL().toString();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Result run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void withoutPluginsAnOutsideBackendIsMissingWithExitFour() {
        Result r = run("conformance", "--backend", PluginJar.ID, "--cases", forumCases);
        assertEquals(4, r.status(), r.out() + r.err());
        assertTrue(r.err().contains("Backend 'tiny' requested via argument was not found"), r.err());
    }

    @Test
    void thePluginsOptionRunsTheKitOnABackendFromItsOwnJar() {
        Result r = run("--plugins", jar.toString(), "conformance", "--backend", PluginJar.ID, "--cases", forumCases,
                "--calls-per-thread", "10");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("backend tiny 9.9, tolerance claimed"), r.out());
        String last = r.out().lines().reduce((a, b) -> b).orElse("");
        assertEquals("6 passed, 0 failed, 0 skipped", last, "3 cases and 3 checks");
    }

    @Test
    void thePluginsOptionIsAlsoAcceptedAfterTheSubcommand() {
        Result r = run("conformance", "--plugins=" + jar, "--backend", PluginJar.ID, "--cases", forumCases,
                "--calls-per-thread", "10");
        assertEquals(0, r.status(), r.out() + r.err());
    }

    @Test
    void theVariableReadsAPathListOfJarsAndFolders() {
        Result r = run(Map.of(Plugins.VARIABLE, folder + java.io.File.pathSeparator), "backends");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("tiny ") && l.contains(" SCCE4J_PLUGINS ")
                && l.contains(url(folder.resolve("tiny-backend.jar")))), r.out());
        assertTrue(r.out().contains("plugins read: SCCE4J_PLUGINS " + folder + " (folder): tiny-backend.jar"),
                r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("cpu ") && l.contains(" class path ")), r.out());
    }

    @Test
    void backendsListsWhereEachBackendCameFromAsJson() throws IOException {
        Result r = run("--plugins", jar.toString(), "backends", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = Output.JSON.readTree(r.out());
        JsonNode tiny = null;
        for (JsonNode b : j.get("backends")) {
            if (b.get("id").asText().equals(PluginJar.ID)) {
                tiny = b;
            } else {
                assertEquals(Plugins.CLASS_PATH, b.get("source").asText(), b.toString());
            }
        }
        assertTrue(tiny != null, r.out());
        assertEquals("--plugins", tiny.get("source").asText());
        assertEquals(url(jar), tiny.get("location").asText());
        assertEquals(List.of(jar.toString()), List.of(j.get("plugin_sources").get(0).get("jars").get(0).asText()));
    }

    @Test
    void withoutPluginsBackendsSaysHowToAddThem() {
        Result r = run("backends");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("plugins: none (add backend jars with --plugins DIR_OR_JAR[,...] or "
                + "SCCE4J_PLUGINS="), r.out());
    }

    @Test
    void theVersionListsPluginBackendsToo() {
        Result r = run("--plugins", jar.toString(), "--version");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("backend tiny 9.9"), r.out());
    }

    @Test
    void aMissingPluginIsAUsageErrorNamingWhereItWasGiven() {
        Result r = run("--plugins", dir.resolve("missing.jar").toString(), "backends");
        assertEquals(2, r.status());
        assertEquals("scce4j: error: --plugins: " + dir.resolve("missing.jar") + ": no such jar or folder\n",
                r.err());
        Result v = run(Map.of(Plugins.VARIABLE, dir.resolve("gone").toString()), "backends");
        assertEquals(2, v.status());
        assertTrue(v.err().startsWith("scce4j: error: SCCE4J_PLUGINS: "), v.err());
    }

    @Test
    void aFileThatIsNotAJarIsAUsageError() {
        Result r = run("--plugins", folder.resolve("README.txt").toString(), "backends");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("scce4j: error: --plugins: ") && r.err().contains("is not a readable jar"),
                r.err());
    }

    @Test
    void theHelpShowsTheOption() {
        Result r = run("--help");
        assertTrue(r.out().contains("--plugins=DIR_OR_JAR") && r.out().contains("SCCE4J_PLUGINS"), r.out());
    }
}
