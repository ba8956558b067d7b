package io.scce4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrayFilesTest {
    @TempDir
    Path dir;

    @Test
    void theStemIsTheNameWithoutItsLastExtensionAndAHiddenNameStaysWhole() {
        assertEquals("img0", ArrayFiles.stem(Path.of("masks/img0.png")));
        assertEquals("img0.v2", ArrayFiles.stem("img0.v2.npz"));
        assertEquals(".hidden", ArrayFiles.stem(".hidden"));
        assertEquals("README", ArrayFiles.stem("README"));
    }

    @Test
    void npyNpzAndPngAreReadableInAnyCaseAndNothingElseIs() {
        assertTrue(ArrayFiles.isReadable(Path.of("a.NPY")));
        assertTrue(ArrayFiles.isReadable(Path.of("a.npz")));
        assertTrue(ArrayFiles.isReadable(Path.of("a.Png")));
        assertFalse(ArrayFiles.isReadable(Path.of("a.jpg")));
        assertFalse(ArrayFiles.isReadable(Path.of("npy")));
    }

    @Test
    void labelsComeFromAPngMaskByPathAndByBytesAlike() throws IOException {
        Tensor mask = Tensor.ofInts(Shape.of(2, 2), 0, 1, 2, 3);
        Path png = dir.resolve("m.PNG");
        PngMasks.write(png, PngMasks.image(mask));
        assertArrayEquals(mask.toIntArray(), ArrayFiles.readLabels(png, "y_true", MaskChannel.red).toIntArray());
        assertArrayEquals(mask.toIntArray(), ArrayFiles.readLabels(ByteBuffer.wrap(Files.readAllBytes(png)),
                "m.PNG", "y_true", MaskChannel.red).toIntArray());
    }

    @Test
    void aPngIsRefusedWherePredictionsAreReadByPathAndByBytes() throws IOException {
        Path png = dir.resolve("p.png");
        PngMasks.write(png, PngMasks.image(Tensor.ofInts(Shape.of(1, 1), 0)));
        IOException byPath = assertThrows(IOException.class, () -> ArrayFiles.read(png, "y_pred"));
        assertEquals(png + ": a PNG holds labels, not predictions; give predictions as .npy or .npz",
                byPath.getMessage());
        IOException byBytes = assertThrows(IOException.class,
                () -> ArrayFiles.read(ByteBuffer.wrap(Files.readAllBytes(png)), "p.png", "y_pred"));
        assertEquals("p.png: a PNG holds labels, not predictions; give predictions as .npy or .npz",
                byBytes.getMessage());
    }

    @Test
    void anythingButNpzAndPngIsReadAsNpy() throws IOException {
        Tensor t = Tensor.ofFloats(Shape.of(3), 1f, 2f, 3f);
        Path f = dir.resolve("t.bin");
        Npy.write(f, t);
        assertEquals(t, ArrayFiles.read(f, "y_pred"));
        assertEquals(t, ArrayFiles.read(ByteBuffer.wrap(Files.readAllBytes(f)), "t.bin", "y_pred"));
    }
}
