package io.scce4j.io;

import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * PNG segmentation masks. Reading: 8-bit grayscale (value = class), 8-bit palette (index = class), RGB(A) that is
 * gray, has the class in one channel or is color-coded by a {@link ClassPalette} (see {@link MaskColors}), 16-bit
 * grayscale for more than 256 classes. Writing: an 8-bit palette PNG in the
 * {@link Palette} colors (16-bit grayscale when a class is 256 or more), optionally with a legend, or blended
 * over a photo, through a temporary file renamed into place.
 *
 * <p>An image is refused before its pixels are decoded when it declares more than {@value #MAX_PIXELS} pixels,
 * more than its compressed bytes can inflate to, or more than half of this JVM's heap once decoded; the
 * {@link IOException}'s one-line message names the file and the limit.
 * <pre>{@code
 * Tensor labels = PngMasks.read(Path.of("masks/img0.png"), MaskChannel.red);     // int32 [H, W]
 * Tensor same = PngMasks.read(ByteBuffer.wrap(bytes), "hdfs://.../img0.png", MaskChannel.red);
 * PngMasks.write(Path.of("mask.png"), PngMasks.withLegend(mask));
 * }</pre>
 */
public final class PngMasks {
    /** Larger images are refused before their pixels are decoded. */
    public static final long MAX_PIXELS = 1L << 28;

    private PngMasks() {
    }

    /**
     * The class ids of a mask PNG as int32 {@code [H, W]}, an RGB(A) mask's from {@code channel}.
     *
     * @param channel where an RGB(A) mask keeps the class; gray and palette masks ignore it
     * @throws IOException for a missing, unreadable, malformed or too large file
     */
    public static Tensor read(Path file, MaskChannel channel) throws IOException {
        return read(file, MaskColors.channel(channel));
    }

    /**
     * The class ids of a mask PNG as int32 {@code [H, W]}.
     *
     * @param colors how an RGB(A) mask's pixels become classes (and, with a palette, any mask's)
     * @throws ColorMaskException for an RGB mask with colored pixels read with {@link MaskColors#grayOnly()}
     * @throws IOException for a missing, unreadable, malformed or too large file, or a color not in the palette
     */
    public static Tensor read(Path file, MaskColors colors) throws IOException {
        return labels(decode(file), colors, file.toString());
    }

    /**
     * The class ids of a mask PNG given as its bytes, as int32 {@code [H, W]}, with the same checks as
     * {@link #read(Path, MaskChannel)}. The buffer's position and limit are left as they are.
     *
     * @param name what messages call the file
     * @throws IOException for bytes that are no image this reads, malformed or too large
     */
    public static Tensor read(ByteBuffer bytes, String name, MaskChannel channel) throws IOException {
        return read(bytes, name, MaskColors.channel(channel));
    }

    /**
     * The class ids of a mask PNG given as its bytes, as {@link #read(Path, MaskColors)} reads a file. The
     * buffer's position and limit are left as they are.
     *
     * @param name what messages call the file
     */
    public static Tensor read(ByteBuffer bytes, String name, MaskColors colors) throws IOException {
        ByteBuffer b = bytes.slice();
        try (ImageInputStream in = new ByteBufferImageInputStream(b)) {
            return labels(decode(in, name, b.remaining()), colors, name);
        }
    }

    private static Tensor labels(BufferedImage image, MaskColors colors, String name) throws IOException {
        Raster raster = image.getRaster();
        int w = image.getWidth();
        int h = image.getHeight();
        int bands = raster.getNumBands();
        IndexColorModel palette = image.getColorModel() instanceof IndexColorModel
                ? (IndexColorModel) image.getColorModel() : null;
        boolean rgb = palette == null && bands >= 3;
        ClassPalette classes = colors.paletteOrNull();
        MaskChannel channel = colors.channelOrNull();
        int bits = raster.getSampleModel().getSampleSize(0);
        int[] labels = new int[w * h];
        int[] pixel = new int[bands];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.getPixel(x, y, pixel);
                int label;
                if (classes != null) {
                    label = byColor(classes, color(pixel, palette, rgb, bits), name, y, x);
                } else if (!rgb) {
                    label = pixel[0]; // gray value, or palette index
                } else if (channel != null) {
                    label = pick(pixel, channel);
                } else if (pixel[0] == pixel[1] && pixel[1] == pixel[2]) {
                    label = pixel[0];
                } else {
                    throw new ColorMaskException(name, y, x, pixel[0] << 16 | pixel[1] << 8 | pixel[2]);
                }
                labels[y * w + x] = label;
            }
        }
        return Tensor.ofInts(Shape.of(h, w), labels);
    }

    /** A pixel's color as 0xRRGGBB: a palette's entry, the RGB samples, or gray (a 16-bit one by its high byte). */
    private static int color(int[] pixel, IndexColorModel palette, boolean rgb, int bits) {
        if (palette != null) {
            return palette.getRGB(pixel[0]) & 0xffffff;
        }
        if (rgb) {
            return pixel[0] << 16 | pixel[1] << 8 | pixel[2];
        }
        int v = bits > 8 ? pixel[0] >> (bits - 8) : pixel[0];
        return v << 16 | v << 8 | v;
    }

    private static int byColor(ClassPalette classes, int rgb, String name, int row, int column) throws IOException {
        int c = classes.classOf(rgb);
        if (c < 0) {
            throw new IOException(name + ": row " + row + ", column " + column + " has the color "
                    + ClassPalette.describe(rgb) + ", which is not in the palette " + classes.name() + " ("
                    + classes.size() + " colors)");
        }
        return c;
    }

    private static int pick(int[] rgb, MaskChannel channel) {
        switch (channel) {
            case red: return rgb[0];
            case green: return rgb[1];
            case blue: return rgb[2];
            default: return Math.max(rgb[0], Math.max(rgb[1], rgb[2]));
        }
    }

    /**
     * Decodes an image (a photo to blend a mask over, say), refusing one that declares more than
     * {@link #MAX_PIXELS} pixels before decoding it.
     *
     * @throws IOException for a missing, unreadable, malformed or too large file
     */
    public static BufferedImage decode(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, file.toString(), Files.size(file));
        } catch (javax.imageio.IIOException e) {
            throw new IOException(file + ": malformed image (" + e.getMessage() + ")", e);
        }
    }

    private static BufferedImage decode(ImageInputStream in, String name, long fileBytes) throws IOException {
        try {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException(name + ": not an image this program reads (PNG expected)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                checkDeclaredSize(name, fileBytes, reader);
                return reader.read(0);
            } catch (RuntimeException e) { // ImageIO's decoders throw assorted unchecked exceptions on bad data
                throw new IOException(name + ": malformed image (" + e + ")", e);
            } finally {
                reader.dispose();
            }
        } catch (javax.imageio.IIOException e) {
            throw new IOException(name + ": malformed image (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Refuses, before any pixel is decoded, an image that declares more than {@link #MAX_PIXELS} pixels, more
     * than its compressed bytes can inflate to, or more than half of this JVM's heap once decoded.
     */
    private static void checkDeclaredSize(String name, long fileBytes, ImageReader reader) throws IOException {
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w * h > MAX_PIXELS) {
            throw new IOException(name + ": declares " + w + " x " + h + " pixels; at most " + MAX_PIXELS
                    + " are read");
        }
        int bitsPerPixel = 1;
        javax.imageio.ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw != null) {
            bitsPerPixel = 0;
            for (int size : raw.getSampleModel().getSampleSize()) {
                bitsPerPixel += size;
            }
        }
        long rawBytes = h * (1 + (w * bitsPerPixel + 7) / 8); // PNG rows: a filter byte and the packed samples
        if (rawBytes > fileBytes * 1032 + 1024) { // deflate expands at most 1032 to 1
            throw new IOException(name + ": declares " + w + " x " + h + " pixels, which its " + fileBytes
                    + " bytes cannot hold");
        }
        long decoded = w * h * (4 + Math.max(1, bitsPerPixel / 8)); // the raster and the int labels
        long heap = Runtime.getRuntime().maxMemory() / 2;
        if (decoded > heap) {
            throw new IOException(name + ": " + w + " x " + h + " pixels need about " + decoded + " bytes decoded; "
                    + "this JVM reads at most " + heap + " (half its heap; raise it with -Xmx)");
        }
    }

    /** The mask {@code [H, W]} as a colored image (palette, or 16-bit gray beyond 255). */
    public static BufferedImage image(Tensor mask) {
        int[] hw = dims(mask);
        int h = hw[0];
        int w = hw[1];
        long max = 0;
        for (int i = 0; i < mask.size(); i++) {
            max = Math.max(max, mask.getLong(i));
        }
        BufferedImage img = max < 256
                ? new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED, Palette.colorModel())
                : new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setSample(x, y, 0, (int) Math.min(mask.getLong(y * w + x), 65535));
            }
        }
        return img;
    }

    /** The mask with a strip to its right naming the classes present, in their colors. */
    public static BufferedImage withLegend(Tensor mask) {
        BufferedImage m = toRgb(image(mask));
        TreeSet<Long> classes = new TreeSet<>();
        for (int i = 0; i < mask.size(); i++) {
            classes.add(mask.getLong(i));
        }
        int row = 16;
        int h = Math.max(m.getHeight(), row * classes.size() + 8);
        BufferedImage out = new BufferedImage(m.getWidth() + 110, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), h);
            g.drawImage(m, 0, 0, null);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            int y = 4;
            for (long c : classes) {
                g.setColor(new Color(Palette.rgb(c)));
                g.fillRect(m.getWidth() + 6, y, 12, 12);
                g.setColor(Color.BLACK);
                g.drawRect(m.getWidth() + 6, y, 12, 12);
                g.drawString("class " + c, m.getWidth() + 24, y + 11);
                y += row;
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The mask's colors blended half over a photo of the same size. */
    public static BufferedImage overlay(Tensor mask, BufferedImage photo) {
        int[] hw = dims(mask);
        if (photo.getHeight() != hw[0] || photo.getWidth() != hw[1]) {
            throw InvalidInputException.shapeMismatch("the image is " + photo.getWidth() + " x " + photo.getHeight()
                    + " but the mask is " + hw[1] + " x " + hw[0] + " (width x height); they must match");
        }
        BufferedImage out = new BufferedImage(hw[1], hw[0], BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < hw[0]; y++) {
            for (int x = 0; x < hw[1]; x++) {
                int a = photo.getRGB(x, y);
                int b = Palette.rgb(mask.getLong(y * hw[1] + x));
                int r = (((a >> 16) & 255) + ((b >> 16) & 255)) / 2;
                int gg = (((a >> 8) & 255) + ((b >> 8) & 255)) / 2;
                int bb = ((a & 255) + (b & 255)) / 2;
                out.setRGB(x, y, (r << 16) | (gg << 8) | bb);
            }
        }
        return out;
    }

    private static BufferedImage toRgb(BufferedImage img) {
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.drawImage(img, 0, 0, null);
        g.dispose();
        return rgb;
    }

    private static int[] dims(Tensor mask) {
        if (mask.rank() != 2) {
            throw InvalidInputException.shapeMismatch("a mask image needs a mask of shape [H, W]; got "
                    + mask.shape() + " (give one image, or predict on a single H x W x C array)");
        }
        return new int[] {(int) mask.shape().dim(0), (int) mask.shape().dim(1)};
    }

    /** Writes an image as PNG, atomically. */
    public static void write(Path file, BufferedImage img) throws IOException {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer for this image");
            }
        });
    }
}
