package io.scce4j.io;

import io.scce4j.api.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads an array by its file's extension: {@code .npz} by key, {@code .png} (labels only) as a mask, any other
 * name by its bytes ({@code .npy} unless they say otherwise); from a path or from bytes and a name. The bytes
 * must be what the name says ({@link FileFormat}): a JPEG named {@code .png} or {@code .npy} is refused as the
 * JPEG it is. What the {@code scce4j} command reads its inputs with, and what pairs masks with predictions by
 * name.
 * <pre>{@code
 * Tensor labels = ArrayFiles.readLabels(Path.of("masks/img0.png"), "y_true", MaskColors.grayOnly());
 * Tensor voc = ArrayFiles.readLabels(Path.of("voc/2007_000032.png"), "y_true", MaskColors.palette(ClassPalette.voc()));
 * Tensor yPred = ArrayFiles.read(Path.of("predictions/img0.npz"), "y_pred");
 * Tensor same = ArrayFiles.read(ByteBuffer.wrap(bytes), "img0.npz", "y_pred");
 * }</pre>
 */
public final class ArrayFiles {
    private ArrayFiles() {
    }

    /** Whether the file's extension is one this reads: {@code .npy}, {@code .npz} or {@code .png}. */
    public static boolean isReadable(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") || n.endsWith(".npz") || n.endsWith(".png");
    }

    /** The file name without its extension, used to pair files across folders. */
    public static String stem(Path file) {
        return stem(file.getFileName().toString());
    }

    /** The name without its extension ({@code img0.png} to {@code img0}; {@code .hidden} stays whole). */
    public static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /**
     * Labels: a PNG mask (the class in {@code channel} when it is RGB), or the array {@code npzKey} of an
     * {@code .npz}, or an {@code .npy}.
     *
     * @throws IOException when the file is missing, unreadable or malformed; the message is one line
     */
    public static Tensor readLabels(Path file, String npzKey, MaskChannel channel) throws IOException {
        return readLabels(file, npzKey, MaskColors.channel(channel));
    }

    /**
     * Labels: a PNG mask (its colors read as {@code colors} says), or the array {@code npzKey} of an
     * {@code .npz}, or an {@code .npy}. The file must be what its name says ({@link FileFormat}); a JPEG is
     * refused whatever its name, since its lossy compression changes labels.
     *
     * @throws ColorMaskException for an RGB mask with colored pixels read with {@link MaskColors#grayOnly()}
     * @throws IOException when the file is missing, unreadable or malformed; the message is one line
     */
    public static Tensor readLabels(Path file, String npzKey, MaskColors colors) throws IOException {
        String name = file.toString();
        switch (labelFormat(name, FileFormat.of(file))) {
            case PNG: return PngMasks.read(file, colors);
            case ZIP: return Npz.read(file, npzKey);
            default: return Npy.read(file);
        }
    }

    /** Labels from bytes, read as {@link #readLabels(Path, String, MaskChannel)} reads the file {@code name}. */
    public static Tensor readLabels(ByteBuffer bytes, String name, String npzKey, MaskChannel channel)
            throws IOException {
        return readLabels(bytes, name, npzKey, MaskColors.channel(channel));
    }

    /** Labels from bytes, read as {@link #readLabels(Path, String, MaskColors)} reads the file {@code name}. */
    public static Tensor readLabels(ByteBuffer bytes, String name, String npzKey, MaskColors colors)
            throws IOException {
        switch (labelFormat(name, FileFormat.of(bytes))) {
            case PNG: return PngMasks.read(bytes, name, colors);
            case ZIP: return Npz.read(bytes, name, npzKey);
            default: return Npy.read(bytes, name);
        }
    }

    /**
     * Any other array (predictions, weights): the array {@code npzKey} of an {@code .npz}, or an {@code .npy}.
     * The file must be what its name says ({@link FileFormat}).
     *
     * @throws IOException when the file is missing, unreadable or malformed, or a PNG (which holds labels only)
     */
    public static Tensor read(Path file, String npzKey) throws IOException {
        return arrayFormat(file.toString(), FileFormat.of(file)) == FileFormat.ZIP ? Npz.read(file, npzKey)
                : Npy.read(file);
    }

    /** An array from bytes, read as {@link #read(Path, String)} reads the file {@code name}. */
    public static Tensor read(ByteBuffer bytes, String name, String npzKey) throws IOException {
        return arrayFormat(name, FileFormat.of(bytes)) == FileFormat.ZIP ? Npz.read(bytes, name, npzKey)
                : Npy.read(bytes, name);
    }

    /** The format a name promises: .npy, .npz or .png; null for any other name. */
    private static FileFormat named(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") ? FileFormat.NPY : n.endsWith(".npz") ? FileFormat.ZIP
                : n.endsWith(".png") ? FileFormat.PNG : null;
    }

    /**
     * Which reader labels go to: what the name says, or, for another name, what the bytes are. A file whose bytes
     * are another known format than its name says is refused; one of unknown bytes goes to the reader its name
     * picks (.npy for any other name), whose message says what is wrong.
     */
    private static FileFormat labelFormat(String name, FileFormat real) throws IOException {
        FileFormat named = named(name);
        if (real == FileFormat.JPEG) {
            throw new IOException(name + ": " + real.description() + (named == null ? "" : ", not " + as(named))
                    + "; JPEG masks are refused: lossy compression changes labels (save masks as PNG, .npy or .npz)");
        }
        if (real.isOtherImage()) {
            throw new IOException(name + ": " + real.description() + (named == null ? "" : ", not " + as(named))
                    + "; masks are read from PNG, .npy or .npz");
        }
        return checked(name, named, real);
    }

    private static FileFormat arrayFormat(String name, FileFormat real) throws IOException {
        FileFormat named = named(name);
        if (named == FileFormat.PNG || named == null && real == FileFormat.PNG) {
            throw new IOException(name + ": a PNG holds labels, not predictions; give predictions as .npy or .npz");
        }
        if (real == FileFormat.PNG || real.isOtherImage()) {
            throw new IOException(name + ": " + real.description() + (named == null ? "" : ", not " + as(named))
                    + "; arrays are read from .npy or .npz");
        }
        return checked(name, named, real);
    }

    private static FileFormat checked(String name, FileFormat named, FileFormat real) throws IOException {
        if (named != null && real != FileFormat.UNKNOWN && real != named) {
            String ext = real == FileFormat.NPY ? ".npy" : real == FileFormat.ZIP ? ".npz"
                    : real == FileFormat.PNG ? ".png" : null;
            throw new IOException(name + ": " + real.description() + ", not " + as(named) + " as its name says"
                    + (ext == null ? "" : " (rename it to " + ext + ")"));
        }
        return named != null ? named : real == FileFormat.UNKNOWN ? FileFormat.NPY : real;
    }

    private static String as(FileFormat named) {
        return named == FileFormat.ZIP ? "a NumPy .npz archive" : named.description();
    }
}
