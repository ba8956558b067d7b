package io.scce4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives written by NumPy ({@code np.savez}, {@code np.savez_compressed}: zip64 local headers) and by hand, read
 * from a path (the JDK's ZipFile) and from bytes (io's own central-directory reader): both must agree.
 */
class NpzTest {
    @TempDir
    Path dir;

    private static Path numpyArchive(String name) throws URISyntaxException {
        return Path.of(NpzTest.class.getResource("ReaderFuzzTestInputs/npzReader/" + name).toURI());
    }

    @Test
    void numpysStoredAndDeflatedArchivesReadTheSameFromAPathAndFromBytes() throws Exception {
        Path plain = numpyArchive("plain.npz");
        Path compressed = numpyArchive("compressed.npz");
        Tensor yPred = Npz.read(plain, "y_pred");
        assertEquals(Shape.of(2, 2), yPred.shape());
        assertEquals(yPred, Npz.read(ByteBuffer.wrap(Files.readAllBytes(plain)), "plain.npz", "y_pred"));
        assertEquals(Npz.read(plain, "y_true"),
                Npz.read(ByteBuffer.wrap(Files.readAllBytes(plain)), "plain.npz", "y_true"));
        Tensor inflated = Npz.read(compressed, "y_pred");
        assertEquals(inflated, Npz.read(ByteBuffer.wrap(Files.readAllBytes(compressed)), "c.npz", "y_pred"));
    }

    @Test
    void bytesAreReadFromTheBuffersPositionAndTheBufferIsLeftAsItWas() throws Exception {
        byte[] archive = Files.readAllBytes(numpyArchive("compressed.npz"));
        byte[] padded = new byte[archive.length + 10];
        System.arraycopy(archive, 0, padded, 7, archive.length);
        ByteBuffer b = ByteBuffer.wrap(padded, 7, archive.length);
        assertEquals(Npz.read(numpyArchive("compressed.npz"), "y_pred"), Npz.read(b, "c.npz", "y_pred"));
        assertEquals(7, b.position());
        assertEquals(7 + archive.length, b.limit());
    }

    @Test
    void aMissingArrayIsRefusedNamingTheArraysTheArchiveHasFromAPathAndFromBytes() throws Exception {
        Path plain = numpyArchive("plain.npz");
        String fromPath = assertThrows(NpyFormatException.class, () -> Npz.read(plain, "logits")).getMessage();
        String fromBytes = assertThrows(NpyFormatException.class,
                () -> Npz.read(ByteBuffer.wrap(Files.readAllBytes(plain)), "plain.npz", "logits")).getMessage();
        assertEquals(plain + ": has no array 'logits'; it has [y_true, y_pred]", fromPath);
        assertEquals("plain.npz: has no array 'logits'; it has [y_true, y_pred]", fromBytes);
    }

    @Test
    void zip64SizesAndOffsetsInTheCentralDirectoryAreRead() throws IOException {
        Tensor t = Tensor.ofFloats(Shape.of(2), 0.25f, 0.75f);
        Path npy = dir.resolve("t.npy");
        Npy.write(npy, t);
        byte[] archive = storedZip64("y_pred.npy", Files.readAllBytes(npy));
        assertEquals(t, Npz.read(ByteBuffer.wrap(archive), "zip64.npz", "y_pred"));
        Path file = dir.resolve("zip64.npz");
        Files.write(file, archive);
        assertEquals(t, Npz.read(file, "y_pred"));
    }

    @Test
    void everyCutOfAnArchiveIsRefusedInOneLineNamingItFromAPathAndFromBytes() throws Exception {
        for (String name : new String[] {"plain.npz", "compressed.npz"}) {
            byte[] whole = Files.readAllBytes(numpyArchive(name));
            for (int length = 0; length < whole.length; length++) {
                byte[] cut = Arrays.copyOf(whole, length);
                String what = name + " cut to " + length + " bytes";
                String fromBytes = assertThrows(IOException.class,
                        () -> Npz.read(ByteBuffer.wrap(cut), what, "y_pred"), what).getMessage();
                assertTrue(fromBytes.startsWith(what + ": ") || fromBytes.startsWith(what + "["), fromBytes);
                assertFalse(fromBytes.contains("\n"), fromBytes);
                Path file = dir.resolve("cut.npz");
                Files.write(file, cut);
                String fromPath = assertThrows(IOException.class, () -> Npz.read(file, "y_pred"), what)
                        .getMessage();
                assertTrue(fromPath.startsWith(file.toString()), fromPath);
            }
        }
    }

    @Test
    void anEntryNameThatIsNotUtf8IsRefusedFromAPathAndFromBytesAlike() throws Exception {
        // a fuzzing finding (finding-entry-name-not-utf8.npz): the JDK's ZipFile threw IllegalArgumentException
        // while listing such names
        byte[] archive = storedZip64("y_p\u00f2ed.npy".getBytes(StandardCharsets.ISO_8859_1), new byte[16]);
        String fromBytes = assertThrows(NpyFormatException.class,
                () -> Npz.read(ByteBuffer.wrap(archive), "f.npz", "y_pred")).getMessage();
        assertEquals("f.npz: not a NumPy .npz archive (an entry name is not UTF-8)", fromBytes);
        Path f = dir.resolve("f.npz");
        Files.write(f, archive);
        String fromPath = assertThrows(NpyFormatException.class, () -> Npz.read(f, "y_pred")).getMessage();
        assertTrue(fromPath.startsWith(f + ": not a NumPy .npz archive ("), fromPath);
        Path finding = numpyArchive("finding-entry-name-not-utf8.npz");
        assertEquals(finding + ": not a NumPy .npz archive (an entry name is not UTF-8)",
                assertThrows(NpyFormatException.class, () -> Npz.read(finding, "y_pred")).getMessage());
    }

    @Test
    void anEntryCompressedByAnotherMethodIsRefusedNamingTheValidOnes() throws IOException {
        byte[] archive = storedZip64("y_pred.npy", new byte[16]);
        ByteBuffer b = ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN);
        int central = findCentralDirectory(archive);
        b.putShort(central + 10, (short) 12); // bzip2
        NpyFormatException e = assertThrows(NpyFormatException.class,
                () -> Npz.read(ByteBuffer.wrap(archive), "bz.npz", "y_pred"));
        assertEquals("bz.npz: array 'y_pred' is compressed with method 12; valid: stored (0), deflated (8)",
                e.getMessage());
    }

    private static int findCentralDirectory(byte[] archive) {
        ByteBuffer b = ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i + 4 <= archive.length; i++) {
            if (b.getInt(i) == 0x02014b50) {
                return i;
            }
        }
        throw new AssertionError("no central directory");
    }

    /**
     * A one-entry stored zip whose central directory says "see zip64" for the sizes and the local header's
     * offset, and gives them in a zip64 extra field (what writers do past 4 GiB).
     */
    private static byte[] storedZip64(String name, byte[] content) {
        return storedZip64(name.getBytes(StandardCharsets.UTF_8), content);
    }

    private static byte[] storedZip64(byte[] n, byte[] content) {
        CRC32 crc = new CRC32();
        crc.update(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer local = ByteBuffer.allocate(30 + n.length).order(ByteOrder.LITTLE_ENDIAN);
        local.putInt(0x04034b50).putShort((short) 45).putShort((short) 0).putShort((short) 0).putInt(0)
                .putInt((int) crc.getValue()).putInt(content.length).putInt(content.length)
                .putShort((short) n.length).putShort((short) 0).put(n);
        out.writeBytes(local.array());
        out.writeBytes(content);
        int central = out.size();
        ByteBuffer cd = ByteBuffer.allocate(46 + n.length + 28).order(ByteOrder.LITTLE_ENDIAN);
        cd.putInt(0x02014b50).putShort((short) 45).putShort((short) 45).putShort((short) 0).putShort((short) 0)
                .putInt(0).putInt((int) crc.getValue()).putInt(-1).putInt(-1).putShort((short) n.length)
                .putShort((short) 28).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                .putInt(-1).put(n)
                .putShort((short) 1).putShort((short) 24).putLong(content.length).putLong(content.length)
                .putLong(0);
        out.writeBytes(cd.array());
        ByteBuffer end = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
                .putInt(cd.capacity()).putInt(central).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }
}
