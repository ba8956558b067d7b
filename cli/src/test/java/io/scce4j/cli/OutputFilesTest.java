package io.scce4j.cli;

import static io.scce4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.io.MaskColors;
import io.scce4j.io.Npy;
import io.scce4j.io.PngMasks;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 14, point 1: every option that writes an array writes the format its extension names, and refuses any
 * other extension as a usage error that writes nothing; a batch of masks becomes one PNG per image.
 */
class OutputFilesTest {
    @TempDir
    Path dir;
    private Path inputs;
    private Path out;
    private Path pred;
    private Path batch;
    private Path labels;

    /** One-hot predictions of class (pixel index % 3), so the mask's classes are known. */
    private static Tensor oneHot(int images, int h, int w) {
        int pixels = Math.max(1, images) * h * w;
        float[] p = new float[pixels * 3];
        for (int i = 0; i < pixels; i++) {
            p[i * 3 + (i + i / (h * w)) % 3] = 1f;
        }
        return Tensor.ofFloats(images == 0 ? Shape.of(h, w, 3) : Shape.of(images, h, w, 3), p);
    }

    @BeforeEach
    void inputs() throws IOException {
        inputs = Files.createDirectories(dir.resolve("in"));
        out = Files.createDirectories(dir.resolve("out"));
        pred = inputs.resolve("pred.npy");
        Npy.write(pred, oneHot(0, 2, 3));
        batch = inputs.resolve("batch.npy");
        Npy.write(batch, oneHot(3, 2, 3));
        labels = inputs.resolve("labels.npy");
        Npy.write(labels, Tensor.ofInts(Shape.of(2, 3), 0, 1, 2, 0, 1, 2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"m.jpg", "m.tif", "m.txt", "m.NPZ"})
    void predictOutWithAnotherExtensionIsAUsageErrorNamingItAndTheValidOnesAndWritesNothing(String name)
            throws IOException {
        String ext = name.substring(name.lastIndexOf('.')).toLowerCase(java.util.Locale.ROOT);
        run("predict", "--y-pred", pred.toString(), "--out", out.resolve(name).toString()).assertError(2,
                "--out " + out.resolve(name) + ": cannot write " + ext + " files; valid: .npy, .png");
        CliRun.assertNothingIn(out);
    }

    @Test
    void predictOutWithoutAnExtensionIsAUsageError() throws IOException {
        run("predict", "--y-pred", pred.toString(), "--out", out.resolve("mask").toString()).assertError(2,
                "--out " + out.resolve("mask") + ": no extension; valid: .npy, .png");
        CliRun.assertNothingIn(out);
    }

    @Test
    void lossOutAndGradientOutWriteNpyAndRefuseAnythingElse() throws IOException {
        run("loss", "--y-true", labels.toString(), "--y-pred", pred.toString(), "--out",
                out.resolve("loss.png").toString()).assertError(2, "--out " + out.resolve("loss.png")
                        + ": cannot write .png files; valid: .npy");
        run("loss", "--y-true", labels.toString(), "--y-pred", pred.toString(), "--gradient-out",
                out.resolve("grad.jpg").toString()).assertError(2, "--gradient-out " + out.resolve("grad.jpg")
                        + ": cannot write .jpg files; valid: .npy");
        CliRun.assertNothingIn(out);
        run("loss", "--y-true", labels.toString(), "--y-pred", pred.toString(), "--out",
                out.resolve("loss.NPY").toString()).assertOk();
        assertEquals(Shape.scalar(), Npy.read(out.resolve("loss.NPY")).shape());
    }

    @Test
    void theHeatmapAndTheOverlayAreWrittenAsPngOnly() throws IOException {
        run("compare", "--y-true", labels.toString(), "--y-pred", pred.toString(), "--backends", "cpu",
                "--heatmap", out.resolve("heat.jpg").toString()).assertError(2, "--heatmap " + out.resolve("heat.jpg")
                        + ": cannot write .jpg files; valid: .png");
        Path photo = inputs.resolve("photo.png");
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        run("predict", "--y-pred", pred.toString(), "--image", photo.toString(), "--overlay",
                out.resolve("over.jpg").toString()).assertError(2, "--overlay " + out.resolve("over.jpg")
                        + ": cannot write .jpg files; valid: .png");
        CliRun.assertNothingIn(out);
    }

    @Test
    void aBatchOfMasksIntoAFolderIsOnePalettePngPerImageNamedAfterThePrediction() throws IOException {
        String folder = out.resolve("masks") + "/";
        CliRun.Result r = run("predict", "--y-pred", batch.toString(), "--out", folder, "--backend", "cpu")
                .assertOk();
        for (int n = 0; n < 3; n++) {
            Path png = out.resolve("masks/batch-" + n + ".png");
            assertTrue(Files.exists(png), png.toString());
            assertTrue(ImageIO.read(png.toFile()).getColorModel() instanceof IndexColorModel);
            int[] expected = new int[6];
            for (int i = 0; i < 6; i++) {
                expected[i] = (n * 6 + i + n) % 3;
            }
            assertArrayEquals(expected, PngMasks.read(png, MaskColors.grayOnly()).toIntArray(), "image " + n);
            assertTrue(r.out().contains("wrote " + png), r.out());
        }
    }

    @Test
    void aBatchOfMasksFollowsANamePatternNumberedFromZero() throws IOException {
        run("predict", "--y-pred", batch.toString(), "--out", out.resolve("mask-{n}.png").toString()).assertOk();
        for (int n = 0; n < 3; n++) {
            assertEquals(Shape.of(2, 3), PngMasks.read(out.resolve("mask-" + n + ".png"), MaskColors.grayOnly())
                    .shape());
        }
    }

    @Test
    void aBatchOfOneImageIsOnePngAsKerasModelPredictGivesIt() throws IOException {
        Path one = inputs.resolve("one.npy");
        Npy.write(one, oneHot(1, 2, 3));
        run("predict", "--y-pred", one.toString(), "--out", out.resolve("m.png").toString()).assertOk();
        assertEquals(Shape.of(2, 3), PngMasks.read(out.resolve("m.png"), MaskColors.grayOnly()).shape());
    }

    @Test
    void aBatchAskedAsOnePngIsAUsageErrorThatNamesTheFolderAndPatternWays() throws IOException {
        run("predict", "--y-pred", batch.toString(), "--out", out.resolve("m.png").toString()).assertError(2,
                "--out " + out.resolve("m.png") + ": y_pred holds 3 images and a PNG holds one; give a folder "
                        + "(--out masks/) or a pattern (--out mask-{n}.png), or .npy for one file");
        CliRun.assertNothingIn(out);
        run("predict", "--y-pred", batch.toString(), "--out", out.resolve("all.npy").toString()).assertOk();
        assertEquals(Shape.of(3, 2, 3), Npy.read(out.resolve("all.npy")).shape());
    }

    @Test
    void theHelpSaysWhatHappensToABatch() {
        String help = run("predict", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("a batch [N, H, W, C] needs a folder (--out masks/ writes masks/STEM-0.png"), help);
        assertTrue(help.contains("or a pattern (--out mask-{n}.png)"), help);
        assertFalse(help.contains("${"), help);
    }
}
