package io.scce4j.cli;

import io.scce4j.api.Tensor;
import io.scce4j.cli.image.MaskChannel;
import io.scce4j.cli.image.PngMasks;
import io.scce4j.cli.npy.Npy;
import io.scce4j.cli.npy.Npz;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Reads an array from {@code .npy}, {@code .npz} (by key) or, for labels, a {@code .png} mask. */
final class ArrayFiles {
    private ArrayFiles() {
    }

    static boolean isReadable(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") || n.endsWith(".npz") || n.endsWith(".png");
    }

    /** The file name without its extension, used to pair files across folders. */
    static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static Tensor read(Path file, String key, MaskChannel channel, boolean labels) throws IOException {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".npz")) {
            return Npz.read(file, key);
        }
        if (n.endsWith(".png")) {
            if (!labels) {
                throw new IOException(file + ": a PNG holds labels, not predictions; give predictions as .npy or "
                        + ".npz");
            }
            return PngMasks.read(file, channel);
        }
        return Npy.read(file);
    }
}
