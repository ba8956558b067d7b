package io.scce4j.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The colors of a color-coded mask and the class each stands for: the PASCAL VOC colormap ({@link #voc()}; class
 * 0 black, 1 dark red, ..., 255 the void border's (224, 224, 192)), or a file with one color per line, the
 * first line class 0: {@code R G B} (0 to 255, separated by spaces or commas) or {@code #rrggbb}.
 * <pre>{@code
 * Tensor labels = PngMasks.read(Path.of("2007_000032.png"), MaskColors.palette(ClassPalette.voc()));
 * ClassPalette mine = ClassPalette.read(Path.of("cityscapes-colors.txt"));
 * }</pre>
 */
public final class ClassPalette {
    /** Longer palette files are refused: a class id must fit a 16-bit mask. */
    public static final int MAX_CLASSES = 65536;
    private static final Pattern HEX = Pattern.compile("#([0-9a-fA-F]{6})");
    private static final Pattern RGB = Pattern.compile("(\\d{1,3})\\s*[,\\s]\\s*(\\d{1,3})\\s*[,\\s]\\s*(\\d{1,3})");

    private final String name;
    private final Map<Integer, Integer> classByRgb;

    private ClassPalette(String name, Map<Integer, Integer> classByRgb) {
        this.name = name;
        this.classByRgb = classByRgb;
    }

    /** The PASCAL VOC colormap: 256 colors, class = index (the colors {@link Palette} writes masks in). */
    public static ClassPalette voc() {
        Map<Integer, Integer> m = new HashMap<>();
        for (int c = 0; c < 256; c++) {
            m.put(Palette.rgb(c), c);
        }
        return new ClassPalette("voc", m);
    }

    /**
     * A palette file: one color per line, {@code R G B} or {@code #rrggbb}; line 1 is class 0.
     *
     * @throws IOException when the file is missing or a line is no color, repeats one, or there are more than
     *     {@value #MAX_CLASSES}; the message names the file and the line
     */
    public static ClassPalette read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.size(file) > 32L * MAX_CLASSES) {
            throw new IOException(file + ": " + Files.size(file) + " bytes is too long for a palette of at most "
                    + MAX_CLASSES + " colors");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** A palette from the text of a palette file; {@code name} is what messages call it. */
    public static ClassPalette parse(String text, String name) throws IOException {
        String[] lines = text.split("\\R", -1);
        int count = lines.length;
        while (count > 0 && lines[count - 1].isBlank()) { // a final newline ends the last line; it adds no class
            count--;
        }
        if (count == 0) {
            throw new IOException(name + ": no color; a palette has one color per line (R G B or #rrggbb), "
                    + "line 1 being class 0");
        }
        if (count > MAX_CLASSES) {
            throw new IOException(name + ": " + count + " colors; at most " + MAX_CLASSES + " are read");
        }
        Map<Integer, Integer> m = new HashMap<>();
        for (int i = 0; i < count; i++) {
            int rgb = color(lines[i].strip(), name, i + 1);
            Integer before = m.putIfAbsent(rgb, i);
            if (before != null) {
                throw new IOException(name + ": line " + (i + 1) + " repeats the color of line " + (before + 1)
                        + " (" + describe(rgb) + "); each class needs its own color");
            }
        }
        return new ClassPalette(name, m);
    }

    private static int color(String line, String name, int lineNumber) throws IOException {
        Matcher hex = HEX.matcher(line);
        if (hex.matches()) {
            return Integer.parseInt(hex.group(1), 16);
        }
        Matcher rgb = RGB.matcher(line);
        if (rgb.matches()) {
            int r = Integer.parseInt(rgb.group(1));
            int g = Integer.parseInt(rgb.group(2));
            int b = Integer.parseInt(rgb.group(3));
            if (r <= 255 && g <= 255 && b <= 255) {
                return r << 16 | g << 8 | b;
            }
        }
        throw new IOException(name + ": line " + lineNumber + " '" + abbreviate(line) + "' is no color; valid: "
                + "R G B (each 0 to 255) or #rrggbb, one class per line, line 1 being class 0");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** A color as {@code (r, g, b) #rrggbb}, as messages show it. */
    static String describe(int rgb) {
        return String.format(Locale.ROOT, "(%d, %d, %d) #%06x", rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255,
                rgb & 0xffffff);
    }

    /** The class of the color {@code 0xRRGGBB}, or -1 when the palette has no such color. */
    public int classOf(int rgb) {
        Integer c = classByRgb.get(rgb & 0xffffff);
        return c == null ? -1 : c;
    }

    /** The number of colors (classes). */
    public int size() {
        return classByRgb.size();
    }

    /** What messages call the palette: {@code voc}, or the file it was read from. */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " colors)";
    }
}
