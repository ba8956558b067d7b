package io.scce4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path report = dir.resolve("report.html");
        Files.writeString(report, "the previous report");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(report, out -> {
            out.write("half of the new rep".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertEquals("the previous report", Files.readString(report));
        assertEquals(List.of("report.html"), names());
    }

    @Test
    void aWriteThatFailsWithAnUncheckedErrorLeavesNothingEither() throws IOException {
        Path mask = dir.resolve("mask.png");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(mask, out -> {
            out.write(1);
            throw new IllegalStateException("renderer failed");
        }));
        assertEquals(List.of(), names());
    }

    @Test
    void aSuccessfulWriteReplacesTheFileWhole() throws IOException {
        Path csv = dir.resolve("per-image.csv");
        Files.writeString(csv, "old");
        AtomicFiles.writeString(csv, "new,content\n");
        assertEquals("new,content\n", Files.readString(csv));
        assertEquals(List.of("per-image.csv"), names());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
