package io.scce4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.DType;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by NumPy (see src/test/resources/npy/make_fixtures.py) and hand-made broken ones. */
class NpyTest {
    @TempDir
    Path dir;

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NpyTest.class.getResource("/npy/" + name).toURI());
    }

    @Test
    void readsLittleEndianFloat32InCOrder() throws Exception {
        Tensor t = Npy.read(fixture("f4_c.npy"));
        assertEquals(DType.FLOAT32, t.dtype());
        assertEquals(Shape.of(2, 3), t.shape());
        assertArrayEquals(new float[] {0f, 0.25f, 0.5f, 0.75f, 1f, 1.25f}, t.toFloatArray());
    }

    @Test
    void readsFormatVersionsTwoAndThree() throws Exception {
        Tensor v1 = Npy.read(fixture("f4_c.npy"));
        assertEquals(v1, Npy.read(fixture("f4_v2.npy")));
        assertEquals(v1, Npy.read(fixture("f4_v3.npy")));
    }

    @Test
    void readsBigEndianFloat64() throws Exception {
        Tensor t = Npy.read(fixture("f8_big_endian.npy"));
        assertEquals(DType.FLOAT64, t.dtype());
        assertArrayEquals(new double[] {0, 0.125, 0.25, 0.375, 0.5, 0.625}, t.toDoubleArray());
    }

    @Test
    void readsFortranOrderIntoRowMajorOrder() throws Exception {
        Tensor t = Npy.read(fixture("i8_fortran.npy"));
        assertEquals(Shape.of(2, 3, 4), t.shape());
        long[] expected = new long[24];
        Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, t.toLongArray());
    }

    @Test
    void readsUint8AsInt32AndScalars() throws Exception {
        Tensor mask = Npy.read(fixture("u1_mask.npy"));
        assertEquals(DType.INT32, mask.dtype());
        assertArrayEquals(new int[] {0, 1, 255, 7, 8, 9}, mask.toIntArray());
        Tensor scalar = Npy.read(fixture("i4_scalar.npy"));
        assertEquals(Shape.scalar(), scalar.shape());
        assertEquals(7, scalar.getLong(0));
    }

    @Test
    void everyFixtureReadsTheSameFromItsBytesAsFromItsFile() throws Exception {
        for (String name : new String[] {"f4_c.npy", "f4_v2.npy", "f4_v3.npy", "f8_big_endian.npy", "i8_fortran.npy",
            "u1_mask.npy", "i4_scalar.npy"}) {
            Path f = fixture(name);
            assertEquals(Npy.read(f), Npy.read(ByteBuffer.wrap(Files.readAllBytes(f)), name), name);
        }
    }

    @Test
    void writtenFilesReadBackEqualInEveryWrittenDtype() throws IOException {
        Tensor[] all = {Tensor.ofFloats(Shape.of(2, 1), 1.5f, Float.NaN), Tensor.ofDoubles(Shape.of(3), 1e-300, -0.0,
            Double.POSITIVE_INFINITY), Tensor.ofInts(Shape.of(1, 1, 2), -1, 7), Tensor.ofLongs(Shape.of(1),
            Long.MIN_VALUE), Tensor.scalar(0.25f)};
        for (Tensor t : all) {
            Path f = dir.resolve("t.npy");
            Npy.write(f, t);
            assertEquals(t, Npy.read(f));
            assertEquals(0, (Files.size(f) - (long) t.size() * t.dtype().byteSize()) % 64, "header pads to 64 bytes");
        }
    }

    @Test
    void writeReplacesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("out.npy");
        Npy.write(f, Tensor.scalar(1f));
        Npy.write(f, Tensor.scalar(2f));
        assertEquals(2f, Npy.read(f).getFloat(0));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void writeIntoAMissingFolderFailsWithoutCreatingAnything() {
        Path f = dir.resolve("missing/out.npy");
        assertThrows(IOException.class, () -> Npy.write(f, Tensor.scalar(1f)));
        assertFalse(Files.exists(f.getParent()));
    }

    @Test
    void unsupportedDtypeNamesTheValidOnes() {
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(fixture("c16_complex.npy")));
        assertTrue(e.getMessage().endsWith("dtype '<c16' is not supported; valid: float32 (f4), float64 (f8), "
                + "int32 (i4), int64 (i8), uint8 (u1)"), e.getMessage());
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    private static byte[] npy(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h);
        return b.array();
    }

    @Test
    void truncatedBodyIsReportedWithTheBytesNeededAndFound() throws IOException {
        Path f = write("short.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }\n", 12));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().endsWith("shape [10] of <f4 needs 40 data bytes but the file has 12 (truncated?)"),
                e.getMessage());
    }

    @Test
    void headerClaimingAHugeArrayIsRejectedWithoutAllocatingIt() throws IOException {
        Path f = write("huge.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }\n",
                0));
        NpyFormatException e = assertThrows(NpyFormatException.class, () -> Npy.read(f));
        assertTrue(e.getMessage().contains("more than 2147483647 elements"), e.getMessage());
    }

    @Test
    void badMagicHeaderPastTheEndAndNegativeShapeAreOneLineErrors() throws IOException {
        Path notNpy = write("text.npy", "hello, this is not numpy".getBytes(StandardCharsets.US_ASCII));
        assertTrue(assertThrows(NpyFormatException.class, () -> Npy.read(notNpy)).getMessage()
                .endsWith("not a NumPy .npy file (bad magic string)"));
        byte[] longHeader = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", 0);
        Path cut = write("cut.npy", Arrays.copyOf(longHeader, 30));
        assertTrue(assertThrows(NpyFormatException.class, () -> Npy.read(cut)).getMessage()
                .contains("runs past the end"));
        Path negative = write("neg.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }\n", 0));
        assertTrue(assertThrows(NpyFormatException.class, () -> Npy.read(negative)).getMessage()
                .contains("negative dimension -1"));
    }
}
