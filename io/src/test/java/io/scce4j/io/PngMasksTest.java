package io.scce4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class PngMasksTest {
    @TempDir
    Path dir;

    @Test
    void sixteenBitGrayHoldsClassesBeyond255AndRoundTrips() throws IOException {
        Tensor mask = Tensor.ofInts(Shape.of(1, 3), 0, 300, 1000);
        Path f = dir.resolve("wide.png");
        PngMasks.write(f, PngMasks.image(mask));
        assertEquals(BufferedImage.TYPE_USHORT_GRAY, ImageIO.read(f.toFile()).getType());
        assertArrayEquals(new int[] {0, 300, 1000}, PngMasks.read(f, MaskChannel.red).toIntArray());
    }

    @Test
    void aPaletteMaskReadsBackItsIndicesNotItsColors() throws IOException {
        Tensor mask = Tensor.ofInts(Shape.of(2, 2), 0, 1, 2, 15);
        Path f = dir.resolve("palette.png");
        PngMasks.write(f, PngMasks.image(mask));
        assertArrayEquals(mask.toIntArray(), PngMasks.read(f, MaskChannel.green).toIntArray());
    }

    @Test
    void aMaskReadsTheSameFromItsBytesAsFromItsFile() throws IOException {
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x01_07_03);
        rgb.setRGB(1, 0, 0x00_02_09);
        Path f = dir.resolve("rgb.png");
        ImageIO.write(rgb, "png", f.toFile());
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(f));
        for (MaskChannel channel : MaskChannel.values()) {
            assertEquals(PngMasks.read(f, channel), PngMasks.read(bytes, "rgb.png", channel), channel.name());
        }
        assertArrayEquals(new int[] {7, 9}, PngMasks.read(bytes, "rgb.png", MaskChannel.max).toIntArray());
        Tensor wide = Tensor.ofInts(Shape.of(1, 2), 70, 4000);
        Path g = dir.resolve("wide.png");
        PngMasks.write(g, PngMasks.image(wide));
        assertArrayEquals(wide.toIntArray(),
                PngMasks.read(ByteBuffer.wrap(Files.readAllBytes(g)), "wide.png", MaskChannel.red).toIntArray());
    }

    @Test
    void bytesThatAreNoImageAreAOneLineErrorNamingThem() {
        IOException e = assertThrows(IOException.class,
                () -> PngMasks.read(ByteBuffer.wrap("not a png".getBytes()), "s3://bucket/m.png", MaskChannel.red));
        assertEquals("s3://bucket/m.png: not an image this program reads (PNG expected)", e.getMessage());
    }

    @Test
    void theVocColormapStartsWithItsWellKnownColors() {
        assertEquals(0x000000, Palette.rgb(0));
        assertEquals(0x800000, Palette.rgb(1));
        assertEquals(0x008000, Palette.rgb(2));
        assertEquals(0x808000, Palette.rgb(3));
        assertEquals(0x000080, Palette.rgb(4));
        assertEquals(Palette.rgb(5), Palette.rgb(261), "ids from 256 repeat the colors");
    }

    @Test
    void aFileThatIsNoImageIsAOneLineError() throws IOException {
        Path f = dir.resolve("text.png");
        Files.writeString(f, "not a png");
        IOException e = assertThrows(IOException.class, () -> PngMasks.read(f, MaskChannel.red));
        assertTrue(e.getMessage().endsWith("not an image this program reads (PNG expected)"), e.getMessage());
    }
}
