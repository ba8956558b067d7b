package io.scce4j.io;

import io.scce4j.api.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads arrays by name from NumPy {@code .npz} archives ({@code np.savez}, {@code np.savez_compressed}): a zip of
 * {@code name.npy} entries. An entry is read whole into memory, never more than it says it holds and never more
 * than {@value #MAX_ENTRY_BYTES} bytes. Hostile archives are refused before anything is inflated: an entry name
 * that is absolute or climbs with {@code ..}, a declared size that deflate cannot produce from the compressed
 * bytes (a zip bomb's lie), or one larger than half of this JVM's heap. Archives given as a path and as bytes
 * pass the same checks; every refusal is an {@link NpyFormatException} with a one-line message naming the
 * archive, the array and what is valid.
 * <pre>{@code
 * Tensor yPred = Npz.read(Path.of("predictions/img0.npz"), "y_pred");
 * Tensor same = Npz.read(ByteBuffer.wrap(bytes), "hdfs://.../img0.npz", "y_pred");
 * }</pre>
 */
public final class Npz {
    /** The largest entry read (2 GiB, what one buffer holds). */
    public static final long MAX_ENTRY_BYTES = Integer.MAX_VALUE - 8;
    /** Deflate's largest expansion: 258 bytes from about 2 bits, so at most 1032 to 1. */
    static final long MAX_DEFLATE_RATIO = 1032;
    private static final int KEYS_LISTED = 20;
    static final String NAME_NOT_UTF8 = "an entry name is not UTF-8";

    private Npz() {
    }

    /**
     * The array {@code key} of the archive.
     *
     * @throws NpyFormatException when the file is no zip, has no such array (the message lists those it has), or
     *     the entry is not a valid .npy file
     * @throws IOException when the file cannot be read
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
            throw notAnArchive(name, e.getMessage() == null ? "it ends too early" : e.getMessage());
        }
        try (zip) {
            List<String> names = new ArrayList<>();
            ZipEntry entry;
            try {
                for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                    names.add(e.nextElement().getName());
                }
                entry = zip.getEntry(key + ".npy");
            } catch (IllegalArgumentException e) { // ZipFile decodes names lazily, and throws on malformed UTF-8
                throw notAnArchive(name, NAME_NOT_UTF8);
            }
            checkNames(names, name);
            if (entry == null) {
                throw missing(names, name, key);
            }
            long size = entry.getSize();
            checkSize(entry.getMethod() == ZipEntry.STORED, size, entry.getCompressedSize(), name, key);
            byte[] bytes;
            try {
                bytes = readAtMost(zip.getInputStream(entry), size < 0 ? MAX_ENTRY_BYTES : size, name, key);
            } catch (NpyFormatException e) {
                throw e;
            } catch (IOException e) { // zip's own errors, some without a message (a cut stream: EOFException)
                throw cannotInflate(name, key, e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage());
            }
            return Npy.read(ByteBuffer.wrap(bytes), name + "[" + key + "]");
        }
    }

    /**
     * The array {@code key} of an archive given as its bytes (from a stream, say), with the same checks as
     * {@link #read(Path, String)}. A stored (uncompressed) entry is not copied: the tensor may share
     * {@code bytes}. The buffer's position and limit are left as they are.
     *
     * @param name what messages call the archive
     * @throws NpyFormatException when the bytes are no zip, have no such array (the message lists those they
     *     have), or the entry is not a valid .npy file
     */
    public static Tensor read(ByteBuffer bytes, String name, String key) throws IOException {
        ZipDirectory zip = ZipDirectory.parse(bytes, name);
        List<String> names = new ArrayList<>();
        for (ZipDirectory.Entry e : zip.entries()) {
            names.add(e.name());
        }
        checkNames(names, name);
        ZipDirectory.Entry entry = zip.entry(key + ".npy");
        if (entry == null) {
            throw missing(names, name, key);
        }
        if ((entry.flags() & 1) != 0) {
            throw new NpyFormatException(name + ": array '" + key + "' is encrypted; only plain archives are read");
        }
        boolean stored = entry.method() == ZipEntry.STORED;
        if (!stored && entry.method() != ZipEntry.DEFLATED) {
            throw new NpyFormatException(name + ": array '" + key + "' is compressed with method " + entry.method()
                    + "; valid: stored (0), deflated (8)");
        }
        checkSize(stored, entry.size(), entry.compressedSize(), name, key);
        ByteBuffer compressed = zip.data(entry, key);
        ByteBuffer npy;
        if (stored) {
            if (entry.compressedSize() > entry.size()) {
                throw holdsMore(name, key);
            }
            npy = compressed;
        } else {
            npy = ByteBuffer.wrap(inflate(compressed, entry.size(), name, key));
        }
        return Npy.read(npy, name + "[" + key + "]");
    }

    private static void checkNames(List<String> names, String name) throws NpyFormatException {
        for (String n : names) {
            if (n.startsWith("/") || n.contains("\\") || n.equals("..") || n.startsWith("../")
                    || n.contains("/../") || n.endsWith("/..")) {
                throw new NpyFormatException(name + ": entry '" + NpyHeader.abbreviate(n) + "' has an unsafe name "
                        + "(absolute or with ..); not a NumPy archive");
            }
        }
    }

    private static void checkSize(boolean stored, long size, long compressed, String name, String key)
            throws NpyFormatException {
        if (size > MAX_ENTRY_BYTES) {
            throw new NpyFormatException(name + ": array '" + key + "' claims " + size
                    + " bytes; at most " + MAX_ENTRY_BYTES + " are read");
        }
        if (size >= 0 && compressed >= 0) {
            long most = stored ? compressed : compressed > (Long.MAX_VALUE - 1024) / MAX_DEFLATE_RATIO
                    ? Long.MAX_VALUE : compressed * MAX_DEFLATE_RATIO + 1024;
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
                throw holdsMore(name, key);
            }
            return bytes;
        }
    }

    /**
     * Inflates at most {@code size} bytes, in a buffer that grows with what actually comes out (as
     * {@link InputStream#readNBytes(int)} does), so that a declared size costs nothing until the data backs it.
     */
    private static byte[] inflate(ByteBuffer compressed, long size, String name, String key)
            throws NpyFormatException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[(int) Math.min(size, 1 << 16)];
            int got = 0;
            while (got < size) {
                if (got == out.length) {
                    out = Arrays.copyOf(out, (int) Math.min(size, 2L * out.length));
                }
                int n = inflater.inflate(out, got, out.length - got);
                if (n == 0) {
                    if (inflater.finished() || inflater.needsDictionary()) {
                        break; // fewer bytes than declared: the .npy reader says what is missing
                    }
                    if (inflater.needsInput()) {
                        throw cannotInflate(name, key, "the compressed data ends too early");
                    }
                }
                got += n;
            }
            if (!inflater.finished() && inflater.inflate(new byte[1]) > 0) {
                throw holdsMore(name, key);
            }
            return got == out.length ? out : Arrays.copyOf(out, got);
        } catch (DataFormatException e) {
            throw cannotInflate(name, key, e.getMessage() == null ? "invalid deflate data" : e.getMessage());
        } finally {
            inflater.end();
        }
    }

    static NpyFormatException notAnArchive(String name, String why) {
        return new NpyFormatException(name + ": not a NumPy .npz archive (" + why + ")");
    }

    private static NpyFormatException cannotInflate(String name, String key, String why) {
        return new NpyFormatException(name + ": array '" + key + "' cannot be inflated (" + why + ")");
    }

    private static NpyFormatException holdsMore(String name, String key) {
        return new NpyFormatException(name + ": array '" + key + "' holds more than it declares");
    }

    private static NpyFormatException missing(List<String> names, String name, String key) {
        List<String> keys = new ArrayList<>();
        for (String n : names.subList(0, Math.min(names.size(), KEYS_LISTED))) {
            String k = NpyHeader.abbreviate(n);
            keys.add(k.endsWith(".npy") ? k.substring(0, k.length() - 4) : k);
        }
        return new NpyFormatException(name + ": has no array '" + key + "'; it has " + keys
                + (names.size() > KEYS_LISTED ? " and " + (names.size() - KEYS_LISTED) + " more" : ""));
    }
}
