package io.scce4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.guice.Scce4jModule;
import io.scce4j.io.Npy;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: folders of PNG masks and .npz predictions made from the Keras oracle's metric vectors, through
 * {@code scce4j eval}, against what Keras's loss, MeanIoU and IoU returned for the same data.
 */
class EvalTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err), new Scce4jModule());
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    private static JsonNode kerasMetrics() throws IOException {
        try (InputStream in = EvalTest.class.getResourceAsStream(
                "/io/scce4j/conformance/metrics/keras3-mean-iou.json")) {
            assertNotNull(in, "the oracle's metric vectors are on the class path");
            return JSON.readTree(in);
        }
    }

    private static void writeGrayPng(Path file, int[] labels, int h, int w) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, labels[y * w + x]);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    private static void writeNpz(Path file, Tensor yPred, Path scratch) throws IOException {
        Path npy = scratch.resolve("entry.npy");
        Npy.write(npy, yPred);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("y_pred.npy"));
            zip.write(Files.readAllBytes(npy));
            zip.closeEntry();
        }
    }

    @Test
    void evalOnFoldersMatchesKerasLossMeanIouAndPerClassIou() throws IOException {
        for (JsonNode c : kerasMetrics().get("cases")) {
            String id = c.get("id").asText();
            Path masks = Files.createDirectories(dir.resolve(id + "/masks"));
            Path preds = Files.createDirectories(dir.resolve(id + "/predictions"));
            int[] ts = JSON.convertValue(c.get("y_true").get("shape"), int[].class);
            int[] ps = JSON.convertValue(c.get("y_pred").get("shape"), int[].class);
            int n = ts[0];
            int h = ts[1];
            int w = ts[2];
            int classes = ps[3];
            for (int img = 0; img < n; img++) {
                int[] labels = new int[h * w];
                float[] pred = new float[h * w * classes];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = c.get("y_true").get("data").get(img * h * w + i).asInt();
                }
                for (int i = 0; i < pred.length; i++) {
                    pred[i] = (float) c.get("y_pred").get("data").get(img * h * w * classes + i).asDouble();
                }
                writeGrayPng(masks.resolve("image" + img + ".png"), labels, h, w);
                writeNpz(preds.resolve("image" + img + ".npz"), Tensor.ofFloats(Shape.of(h, w, classes), pred), dir);
            }
            Path html = dir.resolve(id + "/report.html");
            Path csv = dir.resolve(id + "/per-image.csv");
            String[] r = run("eval", "--y-true", masks.toString(), "--y-pred", preds.toString(), "--ignore-class",
                    "255", "--num-classes", Integer.toString(classes), "--backend", "cpu", "--format", "json",
                    "--report", html.toString(), "--csv", csv.toString());
            assertEquals("0", r[0], r[2]);
            JsonNode got = JSON.readTree(r[1]);
            assertEquals(c.get("loss").asDouble(), got.get("loss").asDouble(), 1e-5 * c.get("loss").asDouble(), id);
            assertEquals(c.get("mean_iou").asDouble(), got.get("mean_iou").asDouble(), 1e-6, id);
            for (int k = 0; k < classes; k++) {
                assertEquals(c.get("iou").get(k).asDouble(), got.get("iou").get(k).asDouble(), 1e-6, id + " class "
                        + k);
            }
            assertEquals(n + 1, Files.readAllLines(csv).size());
            Matcher png = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)").matcher(Files.readString(html));
            assertTrue(png.find(), "the report embeds the confusion heat map");
            BufferedImage heatmap = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png.group(1))));
            assertNotNull(heatmap);
            assertTrue(heatmap.getWidth() > classes * 4);
            assertTrue(r[2].contains("eval: " + n + "/" + n), "progress lines off a terminal: " + r[2]);
        }
    }

    @Test
    void predictWritesAPaletteMaskALegendAndAnOverlayThatDecode() throws IOException {
        float[] p = new float[4 * 5 * 3];
        for (int i = 0; i < 20; i++) {
            p[i * 3 + i % 3] = 1f;
        }
        Path pred = dir.resolve("p.npy");
        Npy.write(pred, Tensor.ofFloats(Shape.of(4, 5, 3), p));
        Path photo = dir.resolve("photo.png");
        ImageIO.write(new BufferedImage(5, 4, BufferedImage.TYPE_INT_RGB), "png", photo.toFile());
        Path mask = dir.resolve("mask.png");
        Path legend = dir.resolve("legend.png");
        Path overlay = dir.resolve("overlay.png");
        assertEquals("0", run("predict", "--y-pred", pred.toString(), "--out", mask.toString())[0]);
        assertEquals("0", run("predict", "--y-pred", pred.toString(), "--out", legend.toString(), "--legend",
                "--image", photo.toString(), "--overlay", overlay.toString())[0]);
        BufferedImage m = ImageIO.read(mask.toFile());
        assertEquals(5, m.getWidth());
        assertEquals(2, m.getRaster().getSample(2, 0, 0), "palette index = class");
        assertEquals(0x800000, m.getRGB(1, 0) & 0xffffff, "pixel 1 is class 1, VOC's dark red");
        assertEquals(5, ImageIO.read(legend.toFile()).getWidth(), "the mask stays a mask");
        assertTrue(ImageIO.read(dir.resolve("legend-legend.png").toFile()).getWidth() > 5, "the legend beside it");
        assertEquals(5, ImageIO.read(overlay.toFile()).getWidth());
    }

    @Test
    void evalReadsRgbMasksFromTheChosenChannel() throws IOException {
        Path masks = Files.createDirectories(dir.resolve("rgb/masks"));
        Path preds = Files.createDirectories(dir.resolve("rgb/preds"));
        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, 0x01_07_00); // red 1, green 7
        rgb.setRGB(1, 0, 0x00_07_00); // red 0
        ImageIO.write(rgb, "png", masks.resolve("a.png").toFile());
        Npy.write(preds.resolve("a.npy"), Tensor.ofFloats(Shape.of(1, 2, 2), 0.2f, 0.8f, 0.9f, 0.1f));
        String[] r = run("eval", "--y-true", masks.toString(), "--y-pred", preds.toString(), "--mask-channel",
                "red", "--format", "json");
        assertEquals("0", r[0], r[2]);
        assertEquals(1.0, JSON.readTree(r[1]).get("pixel_accuracy").asDouble(), 0.0);
        String[] green = run("eval", "--y-true", masks.toString(), "--y-pred", preds.toString(), "--mask-channel",
                "green");
        assertEquals("3", green[0], "green holds 7, outside [0, 2)");
        assertTrue(green[2].contains("scce4j: error: " + masks.resolve("a.png") + ": image 0, row 0, column 0: "
                + "label 7 is outside [0, 2)"), green[2]);
    }

    @Test
    void aMaskWithoutAPredictionIsExitThreeNamingIt() throws IOException {
        Path masks = Files.createDirectories(dir.resolve("lonely/masks"));
        Path preds = Files.createDirectories(dir.resolve("lonely/preds"));
        writeGrayPng(masks.resolve("alone.png"), new int[] {0}, 1, 1);
        String[] r = run("eval", "--y-true", masks.toString(), "--y-pred", preds.toString());
        assertEquals("3", r[0]);
        assertTrue(r[2].contains("no prediction for 1 mask(s), e.g. alone.png"), r[2]);
    }
}
