package io.scce4j.cli;

import static io.scce4j.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.scce4j.api.IgnoreClass;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.api.Tolerance;
import io.scce4j.io.MaskColors;
import io.scce4j.io.Npy;
import io.scce4j.io.PngMasks;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 14, point 10: the small things a user reads. Hints that fit, a "wrote" line for every file written, batch
 * images counted, a heat map with a scale, void pixels and every backend, a mask that stays a mask beside its
 * legend, help examples that do not break inside a word, and completion values.
 */
class OutputDetailsTest {
    @TempDir
    Path dir;

    private Path probabilities(String name, Shape shape) throws IOException {
        float[] p = new float[shape.size()];
        int classes = (int) shape.dim(-1);
        for (int i = 0; i < p.length; i++) {
            p[i] = (i / classes + i) % classes == 0 ? 1f : 0f;
        }
        Path f = dir.resolve(name);
        Npy.write(f, Tensor.ofFloats(shape, p));
        return f;
    }

    @Test
    void aLargeLossWrittenWithOutDoesNotSayUseOutToSaveIt() throws IOException {
        Path y = dir.resolve("y.npy");
        Npy.write(y, Tensor.ofInts(Shape.of(16, 16), new int[256]));
        Path p = probabilities("p.npy", Shape.of(16, 16, 2));
        String withOut = run("loss", "--y-true", y.toString(), "--y-pred", p.toString(), "--reduction", "none",
                "--out", dir.resolve("l.npy").toString(), "--backend", "cpu").assertOk().out();
        assertTrue(withOut.contains("loss: (256 values, float32 [16, 16]) (float32)"), withOut);
        assertTrue(withOut.contains("wrote " + dir.resolve("l.npy")), withOut);
        String without = run("loss", "--y-true", y.toString(), "--y-pred", p.toString(), "--reduction", "none",
                "--backend", "cpu").assertOk().out();
        assertTrue(without.contains("(256 values, float32 [16, 16]; use --out to save them)"), without);
        String predicted = run("predict", "--y-pred", p.toString(), "--out", dir.resolve("m.npy").toString())
                .assertOk().out();
        assertFalse(predicted.contains("use --out"), predicted);
    }

    @Test
    void theOverlayGetsAWroteLine() throws IOException {
        Path p = probabilities("p.npy", Shape.of(2, 3, 3));
        Path photo = dir.resolve("photo.png");
        ImageIO.write(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        Path overlay = dir.resolve("overlay.png");
        String out = run("predict", "--y-pred", p.toString(), "--image", photo.toString(), "--overlay",
                overlay.toString()).assertOk().out();
        assertTrue(out.contains("wrote overlay " + overlay), out);
    }

    @Test
    void aBatchNpzInEvalCountsAsItsImages() throws IOException {
        Path masks = Files.createDirectories(dir.resolve("bm"));
        Path preds = Files.createDirectories(dir.resolve("bp"));
        CliRun.npz(masks.resolve("batch.npz"), "y_true", Tensor.ofInts(Shape.of(2, 1, 3), 0, 1, 2, 2, 1, 0));
        CliRun.npz(preds.resolve("batch.npz"), "y_pred", Tensor.ofFloats(Shape.of(2, 1, 3, 3), new float[] {
            .8f, .1f, .1f, .1f, .8f, .1f, .1f, .1f, .8f, .1f, .1f, .8f, .1f, .8f, .1f, .8f, .1f, .1f}));
        JsonNode j = Output.JSON.readTree(run("eval", "--y-true", masks.toString(), "--y-pred", preds.toString(),
                "--backend", "cpu", "--format", "json").assertOk().out());
        assertEquals(2, j.get("images").asInt());
        Set<String> names = new TreeSet<>();
        j.get("worst").forEach(w -> names.add(w.get("file").asText()));
        assertEquals(Set.of("batch.npz[0]", "batch.npz[1]"), names);
        String text = run("eval", "--y-true", masks.toString(), "--y-pred", preds.toString(), "--backend", "cpu")
                .assertOk().out();
        assertTrue(text.startsWith("2 images, 6 pixels evaluated"), text);
    }

    @Test
    void theLegendGoesToItsOwnFileAndTheMaskStaysAPaletteMaskOfClasses() throws IOException {
        Path p = probabilities("p.npy", Shape.of(2, 3, 3));
        Path mask = dir.resolve("mask.png");
        String out = run("predict", "--y-pred", p.toString(), "--out", mask.toString(), "--legend").assertOk().out();
        BufferedImage m = ImageIO.read(mask.toFile());
        assertTrue(m.getColorModel() instanceof IndexColorModel, "8-bit palette");
        assertEquals(3, m.getWidth());
        assertEquals(Tensor.ofInts(Shape.of(2, 3), 0, 2, 1, 0, 2, 1), PngMasks.read(mask, MaskColors.grayOnly()),
                "the values are the classes");
        Path legend = dir.resolve("mask-legend.png");
        assertTrue(ImageIO.read(legend.toFile()).getWidth() > 3, "the mask with its key");
        assertTrue(out.contains("wrote " + mask) && out.contains("wrote legend " + legend), out);
        Path named = dir.resolve("key.png");
        run("predict", "--y-pred", p.toString(), "--legend=" + named).assertOk();
        assertTrue(Files.exists(named));
        run("predict", "--y-pred", p.toString(), "--legend").assertError(2,
                "--legend needs a FILE, or --out to write it beside");
    }

    private static LossHeatmap.Run heatmapRun(String id, float[] loss, int[] mask) {
        return new LossHeatmap.Run(id, Tensor.ofFloats(Shape.of(1, 2, 2), loss), Tensor.ofInts(Shape.of(1, 2, 2),
                mask));
    }

    @Test
    void theHeatmapDrawsVoidPixelsApartAColorScaleFromMinToMaxAndAPanelPerOtherBackend() {
        Tensor labels = Tensor.ofInts(Shape.of(1, 2, 2), 255, 0, 1, 1);
        List<LossHeatmap.Run> runs = List.of(heatmapRun("a", new float[] {0f, 0.5f, 1f, 2f}, new int[] {0, 0, 1, 1}),
                heatmapRun("b", new float[] {0f, 0.5f, 1f, 2f}, new int[] {0, 0, 1, 0}),
                heatmapRun("c", new float[] {0f, 0.9f, 1f, 2f}, new int[] {0, 0, 1, 1}));
        BufferedImage img = LossHeatmap.render(runs, labels, IgnoreClass.of(255), Tolerance.of(0, 1e-6));
        int scale = 128;
        int top = LossHeatmap.HEADER;
        assertEquals(LossHeatmap.VOID.getRGB(), img.getRGB(1, top + 1), "the void pixel");
        assertEquals(Color.BLACK.getRGB(), img.getRGB(scale + 1, top + 1), "the smallest valid loss, 0.5");
        assertEquals(Color.WHITE.getRGB(), img.getRGB(scale + 1, top + scale + 1), "the largest, 2");
        int column = img.getWidth() / 3;
        assertEquals(3 * column, img.getWidth(), "one panel for the loss, one per other backend");
        assertEquals(LossHeatmap.MASKS_DIFFER.getRGB(), img.getRGB(column + scale + 1, top + scale + 1), "b's mask");
        assertEquals(LossHeatmap.LOSS_DIFFERS.getRGB(), img.getRGB(2 * column + scale + 1, top + 1), "c's loss");
        assertEquals(LossHeatmap.AGREE.getRGB(), img.getRGB(2 * column + 1, top + scale + 1));
        int bar = top + 2 * scale + 8 + 5;
        assertTrue((img.getRGB(3, bar) & 0xff) < 0x30, "the scale starts dark, at the minimum");
        assertEquals(Color.WHITE.getRGB(), img.getRGB(column - 13, bar), "and ends white, at the maximum");
    }

    @Test
    void compareWritesTheHeatmapOfTheEmbeddedExampleWithOneProfileAndSaysSo() {
        Path heat = dir.resolve("heat.png");
        String out = run("compare", "--profile", "keras3", "--backends", "cpu", "--heatmap", heat.toString())
                .assertOk().out();
        assertTrue(Files.exists(heat));
        assertTrue(out.contains("wrote heatmap " + heat), out);
        run("compare", "--backends", "cpu", "--heatmap", heat.toString()).assertError(2, "--heatmap draws one "
                + "input: give --y-true and --y-pred (or --profile, to run the embedded example once)");
    }

    @Test
    void helpExampleLinesFitTheUsageWidthSoNoWordIsBroken() {
        CommandLine root = new CommandLine(Scce4jCommand.class, new GuiceFactory(com.google.inject.Guice
                .createInjector(new io.scce4j.guice.Scce4jModule(), binder -> binder.bind(Plugins.class)
                        .toInstance(Plugins.none()))));
        int width = root.getCommandSpec().usageMessage().width();
        List<CommandLine> commands = new java.util.ArrayList<>(List.of(root));
        commands.addAll(root.getSubcommands().values());
        for (CommandLine c : commands) {
            String help = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            for (String line : c.getCommandSpec().usageMessage().footer()) {
                if (line.startsWith("  scce4j") || line.startsWith("      ")) {
                    assertTrue(line.length() <= width, c.getCommandName() + ": longer than " + width + ": " + line);
                    assertTrue(help.contains(line + System.lineSeparator()) || help.contains(line + "\n"),
                            c.getCommandName() + ": the example line is not printed whole: " + line + "\n" + help);
                }
            }
        }
    }

    @Test
    void completionOffersValuesForProfileReductionBackendAndMaskChannel() {
        String script = run("generate-completion").assertOk().out();
        for (String command : List.of("loss", "compare", "eval")) {
            String fn = script.substring(script.indexOf("function _picocli_scce4j_" + command + "()"));
            fn = fn.substring(0, fn.indexOf("\n}\n"));
            assertTrue(fn.contains("(\"keras3\" \"keras2\" \"keras2-legacy\")"), command + ": --profile\n" + fn);
            assertTrue(fn.contains("(\"red\" \"green\" \"blue\" \"max\")"), command + ": --mask-channel");
            assertTrue(fn.contains("(\"voc\")"), command + ": --palette");
            assertTrue(fn.contains("\"cpu\""), command + ": --backend(s)");
            if (!command.equals("eval")) {
                assertTrue(fn.contains("(\"none\" \"sum\" \"sum_over_batch_size\" \"mean_with_sample_weight\")"),
                        command + ": --reduction\n" + fn);
            }
        }
    }
}
