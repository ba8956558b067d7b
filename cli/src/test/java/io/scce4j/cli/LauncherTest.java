package io.scce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./scce4j}, run with stand-ins for {@code java} and {@code mvn} on the PATH: what it
 * hands the JVM, what it keeps from the JVM's stderr, its exit status, and its build log.
 */
class LauncherTest {
    private static final String ABSL = "WARNING: All log messages before absl::InitializeLog() is called are written "
            + "to STDERR";
    private static final String MLIR = "I0000 00:00:1796210021.951707     918 mlir_graph_optimization_pass.cc:401] "
            + "MLIR V1 optimization pass is not enabled";

    @TempDir
    Path dir;
    private Path root;
    private Path bin;

    private record Result(int status, String out, String err) {
    }

    @BeforeEach
    void layOut() throws IOException {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "a bash script");
        root = Files.createDirectories(dir.resolve("root"));
        Files.copy(Path.of("..", "scce4j"), root.resolve("scce4j"));
        executable(root.resolve("scce4j"));
        bin = Files.createDirectories(dir.resolve("bin"));
        // The JVM's stand-in: its arguments on stdout, then TensorFlow's two lines among others on stderr (one of
        // them cut in two writes, as a native logger may), a progress bar, and exit status 7.
        script(bin.resolve("java"), "echo \"args: $*\"",
                "printf 'first\\n' >&2",
                "printf '%s\\n' '" + ABSL + "' >&2",
                "printf '%s' '" + MLIR.substring(0, 50) + "' >&2", "sleep 0.2",
                "printf '%s\\n' '" + MLIR.substring(50) + "' >&2",
                "printf 'I0000 00:00:1796210021.951707     918 other.cc:12] another line\\n' >&2",
                "printf '\\rprogress 1' >&2", "printf '\\rprogress 2\\n' >&2",
                "printf 'Exception in thread \"main\" no newline' >&2",
                "exit 7");
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void script(Path p, String... lines) throws IOException {
        Files.writeString(p, "#!/usr/bin/env bash\n" + String.join("\n", lines) + "\n");
        executable(p);
    }

    private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(root.resolve("scce4j").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("TF_CPP_MIN_LOG_LEVEL");
        pb.environment().remove("CLASSPATH");
        pb.environment().remove("SCCE4J_JAVA_OPTS");
        pb.environment().remove("SCCE4J_JAVA");
        pb.environment().put("PATH", bin + java.io.File.pathSeparator + System.getenv("PATH"));
        pb.environment().putAll(env);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private void built() throws IOException {
        Files.createDirectories(root.resolve("cli/target"));
        Files.writeString(root.resolve("cli/target/scce4j-cli.jar"), "stand-in");
    }

    @Test
    void theTwoTensorFlowLinesNoLogLevelSilencesAreDroppedAndEverythingElseKeptInOrderWithTheExitStatus()
            throws Exception {
        built();
        Result r = launch(Map.of(), "compare");
        assertEquals(7, r.status());
        assertEquals("first\nI0000 00:00:1796210021.951707     918 other.cc:12] another line\n"
                + "\rprogress 1\rprogress 2\nException in thread \"main\" no newline", r.err());
        assertTrue(r.out().startsWith("args: "), r.out());
    }

    @Test
    void aLogLevelOfZeroKeepsThem() throws Exception {
        built();
        Result r = launch(Map.of("TF_CPP_MIN_LOG_LEVEL", "0"), "compare");
        assertEquals(7, r.status());
        assertTrue(r.err().contains(ABSL + "\n" + MLIR + "\n"), r.err());
    }

    @Test
    void scce4jJavaChoosesTheJvm() throws Exception {
        built();
        Path other = dir.resolve("jdk25-java");
        script(other, "echo \"other jvm: $*\"");
        Result r = launch(Map.of("SCCE4J_JAVA", other.toString(), "TF_CPP_MIN_LOG_LEVEL", "0"), "backends");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("other jvm: ") && r.out().contains("io.scce4j.cli.Main backends"), r.out());
    }

    @Test
    void theJvmGetsTheClassPathTheJavaOptionsAndTheArguments() throws Exception {
        built();
        Result r = launch(Map.of("CLASSPATH", "/opt/acme/acme.jar", "SCCE4J_JAVA_OPTS", "-Xmx1g -Dx=y"),
                "--plugins", "a.jar", "backends");
        assertEquals("args: --add-modules jdk.incubator.vector -Xmx1g -Dx=y -cp " + root.resolve(
                "cli/target/scce4j-cli.jar") + ":/opt/acme/acme.jar io.scce4j.cli.Main --plugins a.jar backends\n",
                r.out());
        Result scalar = launch(Map.of("SCCE4J_SIMD", "0"), "backends");
        assertTrue(scalar.out().startsWith("args: -cp "), scalar.out());
    }

    @Test
    void theBuildLogIsPlainTextAndMavenIsAskedForNoColors() throws Exception {
        Path args = dir.resolve("mvn-args.txt");
        // Maven's stand-in: writes what Maven 3.8.7 writes in batch mode (resets around its lines), then the jar.
        script(bin.resolve("mvn"), "echo \"$*\" > '" + args + "'",
                "printf '\\033[0m\\033[0m[INFO] Building scce4j cli\\033[0m\\n\\033[1;31m[ERROR]\\033[m not really\\n'",
                "mkdir -p cli/target && echo jar > cli/target/scce4j-cli.jar");
        Result r = launch(Map.of(), "backends");
        assertEquals(7, r.status(), r.err());
        String log = Files.readString(root.resolve(".scce4j-build.log"));
        assertEquals("[INFO] Building scce4j cli\n[ERROR] not really\n", log);
        assertFalse(log.contains("\u001b"));
        assertTrue(Files.readString(args).contains("-Dstyle.color=never"), Files.readString(args));
    }

    @Test
    void aFailedBuildEndsWithExitOneAndTheLogsLastLines() throws Exception {
        script(bin.resolve("mvn"), "printf '\\033[0m[ERROR] COMPILATION ERROR\\n'", "exit 1");
        Result r = launch(Map.of(), "backends");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("scce4j: error: the build failed; the last lines of ")
                && r.err().contains("[ERROR] COMPILATION ERROR\n") && !r.err().contains("\u001b"), r.err());
    }
}
