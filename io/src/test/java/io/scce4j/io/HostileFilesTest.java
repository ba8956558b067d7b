package io.scce4j.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.scce4j.api.Tensor;
import io.scce4j.io.HostileFiles.HostileFile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The readers against {@link HostileFiles}, from a path and from bytes: each file is refused with an
 * {@link IOException} whose message is one line starting with the file's name and holding the expected words
 * (what is wrong and the valid range), after allocating at most 20 MB (the thread's allocation counter), never
 * what the file claims. The timeout only guards against a hang.
 */
class HostileFilesTest {
    /** Far below every claim made here (the smallest is 1.5 GB), far above what a refusal costs. */
    private static final long ALLOCATION_LIMIT = 20L << 20;

    @TempDir
    static Path dir;

    static Stream<HostileFile> hostileFiles() {
        return HostileFiles.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // a hang guard, not a performance assertion
    void isRefusedFromItsPathInOneLineNamingItWithoutAllocatingTheClaim(HostileFile f) throws IOException {
        Path file = dir.resolve(f.fileName());
        Files.write(file, f.bytes());
        assertRefused(f, file.toString(), () -> {
            switch (f.kind()) {
                case NPY: return Npy.read(file);
                case NPZ: return Npz.read(file, "y_pred");
                default: return PngMasks.read(file, MaskChannel.red);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void isRefusedFromItsBytesInOneLineNamingItWithoutAllocatingTheClaim(HostileFile f) throws IOException {
        String name = "stream://" + f.fileName();
        ByteBuffer bytes = ByteBuffer.wrap(f.bytes());
        assertRefused(f, name, () -> {
            switch (f.kind()) {
                case NPY: return Npy.read(bytes, name);
                case NPZ: return Npz.read(bytes, name, "y_pred");
                default: return PngMasks.read(bytes, name, MaskChannel.red);
            }
        });
    }

    @FunctionalInterface
    private interface Reader {
        Tensor read() throws IOException;
    }

    private static void assertRefused(HostileFile f, String name, Reader reader) {
        long before = allocatedByThisThread();
        IOException refusal = null;
        try {
            Tensor t = reader.read();
            fail(f + ": read as " + t.dtype() + " " + t.shape());
        } catch (IOException e) {
            refusal = e;
        }
        long allocated = allocatedByThisThread() - before;
        String message = refusal.getMessage();
        System.out.printf("hostile file: %-60s %7d kB allocated: %s%n", f, allocated >> 10, message);
        assertFalse(message.contains("\n") || message.contains("\r"), f + ": more than one line: " + message);
        assertTrue(message.startsWith(name + ": ") || message.startsWith(name + "["), f + ": " + message);
        assertTrue(message.contains(f.expected()), f + ": expected '" + f.expected() + "' in " + message);
        assertTrue(allocated < ALLOCATION_LIMIT, f + ": allocated " + allocated + " bytes");
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
