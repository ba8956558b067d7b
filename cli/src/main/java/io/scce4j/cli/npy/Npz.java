package io.scce4j.cli.npy;

import io.scce4j.api.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads arrays by name from NumPy {@code .npz} archives ({@code np.savez}, {@code np.savez_compressed}): a zip of
 * {@code name.npy} entries. An entry is read whole into memory, never more than it says it holds and never more
 * than {@value #MAX_ENTRY_BYTES} bytes.
 */
public final class Npz {
    /** The largest entry read (2 GiB, what one buffer holds). */
    public static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;

    private Npz() {
    }

    /**
     * The array {@code key} of the archive.
     *
     * @throws NpyFormatException when the file is no zip, has no such array (the message lists those it has), or
     *     the entry is not a valid .npy file
     */
    public static Tensor read(Path file, String key) throws IOException {
        String name = file.toString();
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (NoSuchFileException e) {
            throw e;
        } catch (ZipException e) {
            if (!file.toFile().exists()) {
                throw new NoSuchFileException(name, null, "no such file");
            }
            throw new NpyFormatException(name + ": not a NumPy .npz archive (" + e.getMessage() + ")");
        }
        try (zip) {
            ZipEntry entry = zip.getEntry(key + ".npy");
            if (entry == null) {
                throw new NpyFormatException(name + ": has no array '" + key + "'; it has " + keys(zip));
            }
            long size = entry.getSize();
            if (size > MAX_ENTRY_BYTES) {
                throw new NpyFormatException(name + ": array '" + key + "' claims " + size
                        + " bytes; at most " + MAX_ENTRY_BYTES + " are read");
            }
            byte[] bytes = readAtMost(zip.getInputStream(entry), size < 0 ? MAX_ENTRY_BYTES : size, name, key);
            return Npy.read(ByteBuffer.wrap(bytes), name + "[" + key + "]");
        }
    }

    private static byte[] readAtMost(InputStream in, long limit, String name, String key) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(limit, MAX_ENTRY_BYTES));
            if (in.read() != -1) {
                throw new NpyFormatException(name + ": array '" + key + "' holds more than it declares");
            }
            return bytes;
        }
    }

    private static List<String> keys(ZipFile zip) {
        List<String> keys = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
            String n = e.nextElement().getName();
            keys.add(n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n);
        }
        return keys;
    }
}
