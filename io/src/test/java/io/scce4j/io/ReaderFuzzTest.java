package io.scce4j.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.scce4j.api.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the three readers (Jazzer), each from a path and from bytes. {@code mvn verify}
 * replays the seed corpus under {@code src/test/resources/io/scce4j/io/ReaderFuzzTestInputs/<method>/}
 * (regression mode); {@code mvn -Pfuzz -pl io test -Dfuzz.target=npzReader} fuzzes one target for a bounded time
 * (see the README). A reader may accept an input or refuse it with an {@link IOException} carrying a message; any
 * other exception, an error or a hang is a finding.
 */
class ReaderFuzzTest {
    private static final ThreadLocal<Path> SCRATCH = ThreadLocal.withInitial(() -> {
        try {
            Path f = Files.createTempFile("scce4j-fuzz", ".bin");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    @FuzzTest(maxDuration = "2m")
    void npyReader(byte[] data) throws IOException {
        readOrRefuse(() -> Npy.read(ByteBuffer.wrap(data), "fuzz.npy"));
        Path f = scratch(data);
        readOrRefuse(() -> Npy.read(f));
    }

    @FuzzTest(maxDuration = "2m")
    void npzReader(byte[] data) throws IOException {
        Path f = scratch(data);
        readOrRefuse(() -> Npz.read(f, "y_pred"));
        readOrRefuse(() -> Npz.read(f, "y_true"));
        readOrRefuse(() -> Npz.read(ByteBuffer.wrap(data), "fuzz.npz", "y_pred"));
        readOrRefuse(() -> Npz.read(ByteBuffer.wrap(data), "fuzz.npz", "y_true"));
    }

    @FuzzTest(maxDuration = "2m")
    void pngReader(byte[] data) throws IOException {
        Path f = scratch(data);
        readOrRefuse(() -> PngMasks.read(f, MaskChannel.max));
        readOrRefuse(() -> PngMasks.read(ByteBuffer.wrap(data), "fuzz.png", MaskChannel.max));
    }

    /** A reader's two allowed outcomes: a whole tensor, or an IOException with a message. */
    private static void readOrRefuse(Reader reader) {
        try {
            touchEveryElement(reader.read());
        } catch (IOException e) {
            requireMessage(e);
        }
    }

    @FunctionalInterface
    private interface Reader {
        Tensor read() throws IOException;
    }

    private static Path scratch(byte[] data) throws IOException {
        Path f = SCRATCH.get();
        Files.write(f, data);
        return f;
    }

    /** A tensor that reads back must be whole: every element readable. */
    private static void touchEveryElement(Tensor t) {
        for (int i = 0; i < t.size(); i++) {
            if (t.dtype().isFloating()) {
                t.getDouble(i);
            } else {
                t.getLong(i);
            }
        }
    }

    private static void requireMessage(IOException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new IllegalStateException("a refusal without a message", e);
        }
    }
}
