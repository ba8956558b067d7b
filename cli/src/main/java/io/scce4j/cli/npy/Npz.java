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
 * than {@value #MAX_ENTRY_BYTES} bytes. Hostile archives are refused before anything is inflated: an entry name
 * that is absolute or climbs with {@code ..}, a declared size that deflate cannot produce from the compressed
 * bytes (a zip bomb's lie), or one larger than half of this JVM's heap.
 */
public final class Npz {
    /** The largest entry read (2 GiB, what one buffer holds). */
    public static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;
    /** Deflate's largest expansion: 258 bytes from about 2 bits, so at most 1032 to 1. */
    static final long MAX_DEFLATE_RATIO = 1032;
    private static final int KEYS_LISTED = 20;

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
        } catch (ZipException | java.io.EOFException e) { // a cut central directory ends in EOFException
            if (!file.toFile().exists()) {
                throw new NoSuchFileException(name, null, "no such file");
            }
            throw new NpyFormatException(name + ": not a NumPy .npz archive ("
                    + (e.getMessage() == null ? "it ends too early" : e.getMessage()) + ")");
        }
        try (zip) {
            checkNames(zip, name);
            ZipEntry entry = zip.getEntry(key + ".npy");
            if (entry == null) {
                throw new NpyFormatException(name + ": has no array '" + key + "'; it has " + keys(zip));
            }
            long size = entry.getSize();
            checkSize(entry, size, name, key);
            byte[] bytes;
            try {
                bytes = readAtMost(zip.getInputStream(entry), size < 0 ? MAX_ENTRY_BYTES : size, name, key);
            } catch (NpyFormatException e) {
                throw e;
            } catch (IOException e) { // zip's own errors, some without a message (a cut stream: EOFException)
                throw new NpyFormatException(name + ": array '" + key + "' cannot be inflated ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            }
            return Npy.read(ByteBuffer.wrap(bytes), name + "[" + key + "]");
        }
    }

    private static void checkNames(ZipFile zip, String name) throws NpyFormatException {
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
            String n = e.nextElement().getName();
            if (n.startsWith("/") || n.contains("\\") || n.equals("..") || n.startsWith("../")
                    || n.contains("/../") || n.endsWith("/..")) {
                throw new NpyFormatException(name + ": entry '" + NpyHeader.abbreviate(n) + "' has an unsafe name "
                        + "(absolute or with ..); not a NumPy archive");
            }
        }
    }

    private static void checkSize(ZipEntry entry, long size, String name, String key) throws NpyFormatException {
        if (size > MAX_ENTRY_BYTES) {
            throw new NpyFormatException(name + ": array '" + key + "' claims " + size
                    + " bytes; at most " + MAX_ENTRY_BYTES + " are read");
        }
        long compressed = entry.getCompressedSize();
        if (size >= 0 && compressed >= 0) {
            long most = entry.getMethod() == ZipEntry.STORED ? compressed : compressed * MAX_DEFLATE_RATIO + 1024;
            if (size > most) {
                throw new NpyFormatException(name + ": array '" + key + "' claims " + size + " bytes from "
                        + compressed + " compressed; at most " + most + " can come out (a zip bomb?)");
            }
        }
        long heap = Runtime.getRuntime().maxMemory() / 2;
        if (size > heap) {
            throw new NpyFormatException(name + ": array '" + key + "' needs " + size + " bytes; this JVM reads at "
                    + "most " + heap + " (half its heap; raise it with -Xmx)");
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

    private static String keys(ZipFile zip) {
        List<String> keys = new ArrayList<>();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements() && keys.size() < KEYS_LISTED;) {
            String n = NpyHeader.abbreviate(e.nextElement().getName());
            keys.add(n.endsWith(".npy") ? n.substring(0, n.length() - 4) : n);
        }
        return keys + (zip.size() > KEYS_LISTED ? " and " + (zip.size() - KEYS_LISTED) + " more" : "");
    }
}
