package io.scce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Tensor;
import io.scce4j.guice.Scce4jModule;
import io.scce4j.io.Npy;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Runs the command in this JVM, as the tests of what a user sees need it. */
final class CliRun {
    /** Exit status and what went to stdout and stderr. */
    record Result(int status, String out, String err) {
        /** Asserts exit {@code status} with one {@code scce4j: error:} line (and picocli's usage hint for 2). */
        Result assertError(int expectedStatus, String message) {
            assertEquals(expectedStatus, status, out + err);
            String first = err.lines().findFirst().orElse("");
            assertEquals("scce4j: error: " + message, first);
            assertEquals(expectedStatus == ExitCodes.USAGE ? 2 : 1, err.lines().count(), err);
            assertFalse(err.contains("\tat "), err);
            return this;
        }

        Result assertOk() {
            assertEquals(0, status, out + err);
            return this;
        }
    }

    private CliRun() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err), new Scce4jModule());
        return new Result(status, out.toString(), err.toString());
    }

    /** An .npz archive holding {@code tensor} as {@code key}. */
    static Path npz(Path file, String key, Tensor tensor) throws IOException {
        Path npy = Files.createTempFile(file.toAbsolutePath().getParent(), "entry", ".npy");
        Npy.write(npy, tensor);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(key + ".npy"));
            zip.write(Files.readAllBytes(npy));
            zip.closeEntry();
        }
        Files.delete(npy);
        return file;
    }

    static void assertNothingIn(Path dir, String... allowed) throws IOException {
        try (var files = Files.list(dir)) {
            java.util.List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> !java.util.Arrays.asList(allowed).contains(n)).toList();
            assertTrue(names.isEmpty(), "nothing written: " + names);
        }
    }
}
