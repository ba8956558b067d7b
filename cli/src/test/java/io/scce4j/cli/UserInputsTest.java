package io.scce4j.cli;

import static io.scce4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.io.Npy;
import io.scce4j.io.Palette;
import io.scce4j.io.PngMasks;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, point 8: inputs as users have them. JPEG masks are refused with the reason, a file is named for what
 * its bytes are, VOC color-coded masks read with {@code --palette}, an RGB mask without a way to read it says so,
 * logits given as probabilities warn, and a channels-first prediction is named as such.
 */
class UserInputsTest {
    private static final int[] LABELS = {0, 1, 2, 255, 1, 0};

    @TempDir
    Path dir;
    private Path pred;

    @BeforeEach
    void prediction() throws IOException {
        float[] p = new float[6 * 3];
        for (int i = 0; i < 6; i++) {
            p[i * 3] = 0.2f;
            p[i * 3 + 1] = 0.3f;
            p[i * 3 + 2] = 0.5f;
        }
        pred = dir.resolve("pred.npy");
        Npy.write(pred, Tensor.ofFloats(Shape.of(2, 3, 3), p));
    }

    private Path rgbPng(Path file, int[] labels, java.util.function.IntUnaryOperator color) throws IOException {
        BufferedImage img = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < labels.length; i++) {
            img.setRGB(i % 3, i / 3, color.applyAsInt(labels[i]));
        }
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    private double loss(String... args) throws IOException {
        CliRun.Result r = run(args).assertOk();
        return Output.JSON.readTree(r.out()).get("results").get(0).get("loss").get("data").get(0).asDouble();
    }

    @Test
    void aJpegMaskIsRefusedWithTheReasonWhateverItsName() throws IOException {
        for (String name : new String[] {"mask.jpg", "mask.png"}) {
            Path jpeg = dir.resolve(name);
            ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "jpg", jpeg.toFile());
            run("loss", "--y-true", jpeg.toString(), "--y-pred", pred.toString()).assertError(3, jpeg
                    + ": a JPEG image" + (name.endsWith(".png") ? ", not a PNG image" : "") + "; JPEG masks are "
                    + "refused: lossy compression changes labels (save masks as PNG, .npy or .npz)");
        }
    }

    @Test
    void aNonNumpyFileNamedNpyIsNamedForWhatItIs() throws IOException {
        Path jpeg = dir.resolve("pred.npy");
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "jpg", jpeg.toFile());
        Path y = dir.resolve("y.npy");
        Npy.write(y, Tensor.ofInts(Shape.of(2, 3), 0, 1, 2, 0, 1, 2));
        run("loss", "--y-true", y.toString(), "--y-pred", jpeg.toString()).assertError(3, jpeg + ": a JPEG image, "
                + "not a NumPy .npy file; arrays are read from .npy or .npz");
    }

    @Test
    void aVocColorCodedMaskReadsWithPaletteVocAsItsGrayTwin() throws IOException {
        Path gray = dir.resolve("gray.png");
        PngMasks.write(gray, PngMasks.image(Tensor.ofInts(Shape.of(2, 3), LABELS)));
        Path voc = rgbPng(dir.resolve("voc.png"), LABELS, Palette::rgb);
        double expected = loss("loss", "--y-true", gray.toString(), "--y-pred", pred.toString(), "--ignore-class",
                "255", "--backend", "cpu", "--format", "json");
        assertEquals(expected, loss("loss", "--y-true", voc.toString(), "--y-pred", pred.toString(),
                "--ignore-class", "255", "--palette", "voc", "--backend", "cpu", "--format", "json"), 0.0);
    }

    @Test
    void aPaletteFileMapsItsColorsByLineAndAColorNotInItIsNamedWithItsPixel() throws IOException {
        Path colors = dir.resolve("colors.txt");
        Files.writeString(colors, "#000000\n255 0 0\n0 255 0\n");
        int[] rgb = {0x000000, 0xff0000, 0x00ff00};
        Path mask = rgbPng(dir.resolve("mine.png"), new int[] {0, 1, 2, 2, 1, 0}, c -> rgb[c]);
        loss("loss", "--y-true", mask.toString(), "--y-pred", pred.toString(), "--palette", colors.toString(),
                "--format", "json", "--backend", "cpu");
        Path odd = rgbPng(dir.resolve("odd.png"), new int[] {0, 1, 2, 2, 1, 3}, c -> c == 3 ? 0x0000ff : rgb[c]);
        run("loss", "--y-true", odd.toString(), "--y-pred", pred.toString(), "--palette", colors.toString())
                .assertError(3, odd + ": row 1, column 2 has the color (0, 0, 255) #0000ff, which is not in the "
                        + "palette " + colors + " (3 colors)");
    }

    @Test
    void anRgbMaskWithColorsAndNoPaletteOrChannelSaysItIsRgbAndNamesTheOptions() throws IOException {
        Path voc = rgbPng(dir.resolve("voc.png"), LABELS, Palette::rgb);
        run("loss", "--y-true", voc.toString(), "--y-pred", pred.toString()).assertError(3, voc + ": an RGB mask "
                + "whose pixels are colors, not gray class values (row 0, column 1 is (128, 0, 0) #800000); add "
                + "--palette voc (or --palette FILE) to map colors to classes, or --mask-channel red|green|blue|max "
                + "to read one channel");
        Path masks = Files.createDirectories(dir.resolve("masks"));
        Path preds = Files.createDirectories(dir.resolve("preds"));
        Files.copy(voc, masks.resolve("a.png"));
        Files.copy(pred, preds.resolve("a.npy"));
        CliRun.Result r = run("eval", "--y-true", masks.toString(), "--y-pred", preds.toString());
        assertTrue(r.err().contains("scce4j: error: " + masks.resolve("a.png") + ": an RGB mask whose pixels"),
                r.err());
        run("eval", "--y-true", masks.toString(), "--y-pred", preds.toString(), "--palette", "voc",
                "--ignore-class", "255", "--backend", "cpu").assertOk();
        run("loss", "--y-true", voc.toString(), "--y-pred", pred.toString(), "--palette", "voc", "--mask-channel",
                "red").assertError(2, "give --palette or --mask-channel, not both");
    }

    @Test
    void logitsWithoutFromLogitsGiveOneWarningLineAndStillTheNumber() throws IOException {
        Path y = dir.resolve("y.npy");
        Npy.write(y, Tensor.ofInts(Shape.of(2, 3), 0, 1, 2, 0, 1, 2));
        Path logits = dir.resolve("logits.npy");
        float[] z = new float[18];
        for (int i = 0; i < z.length; i++) {
            z[i] = (i % 3) * 2.5f - 2f;
        }
        Npy.write(logits, Tensor.ofFloats(Shape.of(2, 3, 3), z));
        CliRun.Result r = run("loss", "--y-true", y.toString(), "--y-pred", logits.toString(), "--backend", "cpu")
                .assertOk();
        assertEquals(List.of("scce4j: warning: " + logits + ": y_pred does not look like probabilities (values "
                + "from -2.000 to 3.000, outside [0, 1]; 6 of 6 rows do not sum to 1, the first to 1.500); if it "
                + "holds logits, add --from-logits"), r.err().lines().toList());
        assertTrue(r.out().contains("loss: "), r.out());
        assertEquals("", run("loss", "--y-true", y.toString(), "--y-pred", logits.toString(), "--from-logits",
                "--backend", "cpu").assertOk().err());
        assertEquals("", run("loss", "--y-true", y.toString(), "--y-pred", pred.toString(), "--backend", "cpu")
                .assertOk().err(), "probabilities: no warning");
    }

    @Test
    void aFolderOfLogitsWarnsOnceNamingTheFirstFile() throws IOException {
        Path masks = Files.createDirectories(dir.resolve("lm"));
        Path preds = Files.createDirectories(dir.resolve("lp"));
        for (String n : new String[] {"a", "b"}) {
            Npy.write(masks.resolve(n + ".npy"), Tensor.ofInts(Shape.of(1, 1), 0));
            Npy.write(preds.resolve(n + ".npy"), Tensor.ofFloats(Shape.of(1, 1, 2), 3f, -1f));
        }
        CliRun.Result r = run("eval", "--y-true", masks.toString(), "--y-pred", preds.toString(), "--backend", "cpu")
                .assertOk();
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("scce4j: warning: " + preds.resolve("a.npy")))
                .count(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.contains("warning")).count(), r.err());
    }

    @Test
    void aChannelsFirstPredictionIsRefusedNamingYPredAndTheShapeThatWouldFit() throws IOException {
        Path y = dir.resolve("y.npy");
        Npy.write(y, Tensor.ofInts(Shape.of(2, 4, 5), new int[40]));
        Path nchw = dir.resolve("nchw.npy");
        Npy.write(nchw, Tensor.ofFloats(Shape.of(2, 3, 4, 5), new float[120]));
        run("loss", "--y-true", y.toString(), "--y-pred", nchw.toString()).assertError(3, nchw + ": y_pred has "
                + "shape [2, 3, 4, 5], which looks channels-first ([N, C, H, W]); classes must be on the last axis: "
                + "[2, 4, 5, 3] would fit y_true [2, 4, 5] (NumPy: np.moveaxis(y_pred, 1, -1))");
        Path masks = Files.createDirectories(dir.resolve("cm"));
        Path preds = Files.createDirectories(dir.resolve("cp"));
        Npy.write(masks.resolve("a.npy"), Tensor.ofInts(Shape.of(4, 5), new int[20]));
        Npy.write(preds.resolve("a.npy"), Tensor.ofFloats(Shape.of(3, 4, 5), new float[60]));
        CliRun.Result r = run("eval", "--y-true", masks.toString(), "--y-pred", preds.toString());
        assertTrue(r.err().contains("scce4j: error: " + preds.resolve("a.npy") + ": y_pred has shape [3, 4, 5], "
                + "which looks channels-first ([C, H, W])"), r.err());
    }
}
