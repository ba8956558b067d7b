package io.scce4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Color-coded and RGB masks: palettes (VOC, a file), gray RGB, and the errors that name pixel and color. */
class MaskColorsTest {
    @TempDir
    Path dir;

    private Path rgbPng(String name, int... rgb) throws IOException {
        BufferedImage img = new BufferedImage(rgb.length, 1, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < rgb.length; x++) {
            img.setRGB(x, 0, rgb[x]);
        }
        Path f = dir.resolve(name);
        ImageIO.write(img, "png", f.toFile());
        return f;
    }

    @Test
    void aVocColorCodedRgbMaskReadsAsClassIndicesWithThePaletteVoc() throws IOException {
        // background, aeroplane (1), bicycle (2), person (15), the void border (224, 224, 192) = 255
        Path f = rgbPng("voc.png", 0x000000, 0x800000, 0x008000, 0xc08080, 0xe0e0c0);
        MaskColors voc = MaskColors.palette(ClassPalette.voc());
        assertArrayEquals(new int[] {0, 1, 2, 15, 255}, PngMasks.read(f, voc).toIntArray());
        assertArrayEquals(new int[] {0, 1, 2, 15, 255},
                ArrayFiles.readLabels(ByteBuffer.wrap(Files.readAllBytes(f)), "voc.png", "y_true", voc).toIntArray());
    }

    @Test
    void aPaletteMapsAPaletteMaskByItsColorsNotItsIndices() throws IOException {
        Path f = dir.resolve("indexed.png");
        PngMasks.write(f, PngMasks.image(io.scce4j.api.Tensor.ofInts(io.scce4j.api.Shape.of(1, 2), 1, 2)));
        ClassPalette swapped = ClassPalette.parse("0 0 0\n0 128 0\n128 0 0\n", "swapped.txt");
        assertArrayEquals(new int[] {2, 1}, PngMasks.read(f, MaskColors.palette(swapped)).toIntArray());
        assertArrayEquals(new int[] {1, 2}, PngMasks.read(f, MaskColors.grayOnly()).toIntArray());
    }

    @Test
    void aColorNotInThePaletteIsAnErrorNamingThePixelAndTheColor() throws IOException {
        Path f = rgbPng("odd.png", 0x000000, 0x123456);
        IOException e = assertThrows(IOException.class,
                () -> PngMasks.read(f, MaskColors.palette(ClassPalette.voc())));
        assertEquals(f + ": row 0, column 1 has the color (18, 52, 86) #123456, which is not in the palette voc "
                + "(256 colors)", e.getMessage());
    }

    @Test
    void anRgbMaskWithColoredPixelsReadWithoutAChoiceNamesThePixelAndSaysItIsRgb() throws IOException {
        Path f = rgbPng("colors.png", 0x000000, 0x800000);
        ColorMaskException e = assertThrows(ColorMaskException.class, () -> PngMasks.read(f, MaskColors.grayOnly()));
        assertEquals(f + ": an RGB mask whose pixels are colors, not gray class values (row 0, column 1 is "
                + "(128, 0, 0) #800000)", e.problem());
        assertTrue(e.getMessage().startsWith(e.problem() + "; "), e.getMessage());
    }

    @Test
    void anRgbMaskWhosePixelsAreAllGrayReadsAsGrayWithoutAChoice() throws IOException {
        Path f = rgbPng("gray.png", 0x000000, 0x030303, 0xffffff);
        assertArrayEquals(new int[] {0, 3, 255}, PngMasks.read(f, MaskColors.grayOnly()).toIntArray());
    }

    @Test
    void aPaletteFileHasOneColorPerLineAsRgbOrHexTheFirstLineBeingClassZero() throws IOException {
        Path file = dir.resolve("colors.txt");
        Files.writeString(file, "0 0 0\n#ff0000\n0, 255, 0\r\n  12\t34 56  \n");
        ClassPalette p = ClassPalette.read(file);
        assertEquals(4, p.size());
        assertEquals(0, p.classOf(0x000000));
        assertEquals(1, p.classOf(0xff0000));
        assertEquals(2, p.classOf(0x00ff00));
        assertEquals(3, p.classOf(0x0c2238));
        assertEquals(-1, p.classOf(0x0000ff));
    }

    @Test
    void aPaletteLineThatIsNoColorOrRepeatsOneIsAnErrorNamingTheLine() {
        IOException bad = assertThrows(IOException.class, () -> ClassPalette.parse("0 0 0\n256 0 0\n", "p.txt"));
        assertEquals("p.txt: line 2 '256 0 0' is no color; valid: R G B (each 0 to 255) or #rrggbb, one class per "
                + "line, line 1 being class 0", bad.getMessage());
        IOException blank = assertThrows(IOException.class, () -> ClassPalette.parse("0 0 0\n\n1 1 1\n", "p.txt"));
        assertTrue(blank.getMessage().startsWith("p.txt: line 2 '' is no color"), blank.getMessage());
        IOException twice = assertThrows(IOException.class, () -> ClassPalette.parse("#000000\n0 0 0\n", "p.txt"));
        assertEquals("p.txt: line 2 repeats the color of line 1 ((0, 0, 0) #000000); each class needs its own color",
                twice.getMessage());
        assertThrows(IOException.class, () -> ClassPalette.parse("\n", "empty.txt"));
    }
}
