package io.scce4j.spark;

import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import io.scce4j.io.PngMasks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Seeded segmentation data on disk, as {@code scce4j eval} reads it: {@code masks/imgNNN.*} (PNG, {@code .npy}
 * int32 or {@code .npz} by turns, with a void border labelled 255) and {@code predictions/imgNNN.*}
 * ({@code .npy} or {@code .npz}, float32 probabilities {@code [H, W, C]} that mostly favour the true class).
 */
final class TestImages {
    static final long VOID = 255;

    private TestImages() {
    }

    /** Writes {@code n} images of {@code h x w} with {@code classes} classes under {@code dir}; mixed formats. */
    static void write(Path dir, int n, int h, int w, int classes, long seed) throws IOException {
        write(dir, n, h, w, classes, seed, true);
    }

    /**
     * Writes the images; {@code mixed}: masks as PNG, .npy and .npz and predictions as .npy and .npz by turns,
     * else PNG masks and .npy predictions (what the benchmark reads).
     */
    static void write(Path dir, int n, int h, int w, int classes, long seed, boolean mixed) throws IOException {
        Path masks = Files.createDirectories(dir.resolve("masks"));
        Path predictions = Files.createDirectories(dir.resolve("predictions"));
        for (int i = 0; i < n; i++) {
            String name = String.format(Locale.ROOT, "img%04d", i);
            SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
            int[] labels = labels(r, h, w, classes);
            float[] probs = probabilities(r, labels, classes);
            Tensor mask = Tensor.ofInts(Shape.of(h, w), labels);
            switch (mixed ? i % 3 : 0) {
                case 0: PngMasks.write(masks.resolve(name + ".png"), PngMasks.image(mask)); break;
                case 1: Files.write(masks.resolve(name + ".npy"), npy(labels, h, w)); break;
                default: Files.write(masks.resolve(name + ".npz"), npz("y_true", npy(labels, h, w))); break;
            }
            byte[] pred = npy(probs, h, w, classes);
            if (mixed && i % 2 == 1) {
                Files.write(predictions.resolve(name + ".npz"), npz("y_pred", pred));
            } else {
                Files.write(predictions.resolve(name + ".npy"), pred);
            }
        }
    }

    /** Blobs of classes, with a void border of one pixel. */
    static int[] labels(SplittableRandom r, int h, int w, int classes) {
        int[] labels = new int[h * w];
        int cy = r.nextInt(h);
        int cx = r.nextInt(w);
        int a = r.nextInt(classes);
        int b = r.nextInt(classes);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean border = y == 0 || x == 0 || y == h - 1 || x == w - 1;
                labels[y * w + x] = border ? (int) VOID : (y < cy) == (x < cx) ? a : b;
            }
        }
        return labels;
    }

    /** Probabilities that favour the labelled class at most pixels, as float32 softmax of seeded logits. */
    static float[] probabilities(SplittableRandom r, int[] labels, int classes) {
        float[] p = new float[labels.length * classes];
        double[] z = new double[classes];
        for (int i = 0; i < labels.length; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                z[c] = Math.exp(r.nextGaussian() + (c == labels[i] ? 2.5 : 0));
                sum += z[c];
            }
            for (int c = 0; c < classes; c++) {
                p[i * classes + c] = (float) (z[c] / sum);
            }
        }
        return p;
    }

    /** A version 1.0 little-endian .npy of int32 labels {@code [h, w]}. */
    static byte[] npy(int[] labels, int h, int w) {
        ByteBuffer b = header("<i4", "(" + h + ", " + w + ")", labels.length * 4L);
        b.asIntBuffer().put(labels);
        return b.array();
    }

    /** A version 1.0 little-endian .npy of float32 {@code [h, w, c]}. */
    static byte[] npy(float[] data, int h, int w, int c) {
        ByteBuffer b = header("<f4", "(" + h + ", " + w + ", " + c + ")", data.length * 4L);
        b.asFloatBuffer().put(data);
        return b.array();
    }

    private static ByteBuffer header(String descr, String shape, long bodyBytes) {
        StringBuilder dict = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape
                + ", }");
        int total = 6 + 4 + dict.length() + 1;
        dict.append(" ".repeat((64 - total % 64) % 64)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(10 + text.length + bodyBytes)).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0)
                .putShort((short) text.length).put(text);
        return b; // positioned at the body, where asIntBuffer() and asFloatBuffer() start
    }

    /** An .npz (deflated zip) holding {@code npy} as array {@code key}. */
    static byte[] npz(String key, byte[] npy) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(key + ".npy"));
            zip.write(npy);
            zip.closeEntry();
        }
        return out.toByteArray();
    }
}
