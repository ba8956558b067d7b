package io.scce4j.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files are what their bytes say: a JPEG mask is refused as a JPEG, whatever its name. */
class FileFormatTest {
    @TempDir
    Path dir;

    private Path jpeg(String name) throws IOException {
        Path f = dir.resolve(name);
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB), "jpg", f.toFile());
        return f;
    }

    @Test
    void theFormatComesFromTheFirstBytes() throws IOException {
        assertEquals(FileFormat.JPEG, FileFormat.of(jpeg("a.png")));
        Path npy = dir.resolve("a.txt");
        Npy.write(npy, Tensor.ofInts(Shape.of(1), 1));
        assertEquals(FileFormat.NPY, FileFormat.of(npy));
        assertEquals(FileFormat.UNKNOWN, FileFormat.of(ByteBuffer.wrap(new byte[0])));
        assertEquals(FileFormat.ZIP, FileFormat.of(ByteBuffer.wrap(new byte[] {'P', 'K', 3, 4})));
        assertEquals(FileFormat.TIFF, FileFormat.of(ByteBuffer.wrap(new byte[] {'I', 'I', '*', 0, 8})));
    }

    @Test
    void aJpegMaskIsRefusedWithItsReasonWhateverItsName() throws IOException {
        for (String name : new String[] {"mask.jpg", "mask.png", "mask.npy", "mask"}) {
            Path f = jpeg(name);
            IOException e = assertThrows(IOException.class,
                    () -> ArrayFiles.readLabels(f, "y_true", MaskColors.grayOnly()));
            String not = name.endsWith(".png") ? ", not a PNG image" : name.endsWith(".npy")
                    ? ", not a NumPy .npy file" : "";
            assertEquals(f + ": a JPEG image" + not + "; JPEG masks are refused: lossy compression changes labels "
                    + "(save masks as PNG, .npy or .npz)", e.getMessage());
            IOException fromBytes = assertThrows(IOException.class, () -> ArrayFiles.readLabels(
                    ByteBuffer.wrap(Files.readAllBytes(f)), name, "y_true", MaskColors.grayOnly()));
            assertEquals(e.getMessage().replace(f.toString(), name), fromBytes.getMessage());
        }
    }

    @Test
    void aNonNumpyFileNamedNpySaysWhatItIs() throws IOException {
        IOException jpg = assertThrows(IOException.class, () -> ArrayFiles.read(jpeg("pred.npy"), "y_pred"));
        assertEquals(dir.resolve("pred.npy") + ": a JPEG image, not a NumPy .npy file; arrays are read from .npy "
                + "or .npz", jpg.getMessage());
        Path png = dir.resolve("mask.npy");
        PngMasks.write(png, PngMasks.image(Tensor.ofInts(Shape.of(1, 1), 0)));
        IOException pngAsLabels = assertThrows(IOException.class,
                () -> ArrayFiles.readLabels(png, "y_true", MaskColors.grayOnly()));
        assertEquals(png + ": a PNG image, not a NumPy .npy file as its name says (rename it to .png)",
                pngAsLabels.getMessage());
        Path zip = dir.resolve("batch.npy");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        IOException npz = assertThrows(IOException.class, () -> ArrayFiles.read(zip, "y_pred"));
        assertEquals(zip + ": a zip archive (.npz), not a NumPy .npy file as its name says (rename it to .npz)",
                npz.getMessage());
    }

    @Test
    void anUnknownFileNamedNpyKeepsTheReadersOwnMessage() throws IOException {
        Path junk = dir.resolve("junk.npy");
        Files.writeString(junk, "not numpy at all");
        IOException e = assertThrows(IOException.class, () -> ArrayFiles.read(junk, "y_pred"));
        assertEquals(junk + ": not a NumPy .npy file (bad magic string)", e.getMessage());
    }
}
