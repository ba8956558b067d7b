package io.scce4j.io;

import io.scce4j.api.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads an array by its file's extension: {@code .npz} by key, {@code .png} (labels only) as a mask, anything
 * else as {@code .npy}; from a path or from bytes and a name. What the {@code scce4j} command reads its inputs
 * with, and what pairs masks with predictions by name.
 * <pre>{@code
 * Tensor labels = ArrayFiles.readLabels(Path.of("masks/img0.png"), "y_true", MaskChannel.red);
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
        return isPng(file.toString()) ? PngMasks.read(file, channel) : read(file, npzKey);
    }

    /** Labels from bytes, read as {@link #readLabels(Path, String, MaskChannel)} reads the file {@code name}. */
    public static Tensor readLabels(ByteBuffer bytes, String name, String npzKey, MaskChannel channel)
            throws IOException {
        return isPng(name) ? PngMasks.read(bytes, name, channel) : read(bytes, name, npzKey);
    }

    /**
     * Any other array (predictions, weights): the array {@code npzKey} of an {@code .npz}, or an {@code .npy}.
     *
     * @throws IOException when the file is missing, unreadable or malformed, or a PNG (which holds labels only)
     */
    public static Tensor read(Path file, String npzKey) throws IOException {
        String name = file.toString();
        if (isNpz(name)) {
            return Npz.read(file, npzKey);
        }
        refusePng(name);
        return Npy.read(file);
    }

    /** An array from bytes, read as {@link #read(Path, String)} reads the file {@code name}. */
    public static Tensor read(ByteBuffer bytes, String name, String npzKey) throws IOException {
        if (isNpz(name)) {
            return Npz.read(bytes, name, npzKey);
        }
        refusePng(name);
        return Npy.read(bytes, name);
    }

    private static boolean isNpz(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".npz");
    }

    private static boolean isPng(String name) {
        return name.toLowerCase(Locale.ROOT).endsWith(".png");
    }

    private static void refusePng(String name) throws IOException {
        if (isPng(name)) {
            throw new IOException(name + ": a PNG holds labels, not predictions; give predictions as .npy or .npz");
        }
    }
}
