package io.scce4j.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The central directory of a zip held in memory, read with every offset and length checked against the bytes
 * there are, so that a cut or lying archive is refused with a message instead of an index error. Reads what
 * NumPy writes: stored or deflated entries, zip64 sizes and end records, no archive spanning several files.
 */
final class ZipDirectory {
    private static final int END = 0x06054b50;
    private static final int END_SIZE = 22;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int CENTRAL_SIZE = 46;
    private static final int LOCAL = 0x04034b50;
    private static final int LOCAL_SIZE = 30;
    private static final long MAGIC32 = 0xFFFFFFFFL;

    /** One entry as the central directory describes it. */
    record Entry(String name, int flags, int method, long compressedSize, long size, long localHeader) {
    }

    private final ByteBuffer zip;
    private final String file;
    private final List<Entry> entries;

    private ZipDirectory(ByteBuffer zip, String file, List<Entry> entries) {
        this.zip = zip;
        this.file = file;
        this.entries = entries;
    }

    List<Entry> entries() {
        return entries;
    }

    /** The first entry of that name, or null. */
    Entry entry(String name) {
        for (Entry e : entries) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        return null;
    }

    static ZipDirectory parse(ByteBuffer bytes, String file) throws NpyFormatException {
        ByteBuffer b = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = b.limit();
        int end = -1;
        for (int i = n - END_SIZE; i >= Math.max(0, n - END_SIZE - 0xFFFF); i--) {
            if (b.getInt(i) == END && i + END_SIZE + u16(b, i + 20) <= n) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw Npz.notAnArchive(file, "no end of central directory record");
        }
        long count = u16(b, end + 10);
        long directorySize = u32(b, end + 12);
        long directoryOffset = u32(b, end + 16);
        if ((count == 0xFFFF || directorySize == MAGIC32 || directoryOffset == MAGIC32) && end >= 20
                && b.getInt(end - 20) == ZIP64_LOCATOR) {
            long at = b.getLong(end - 20 + 8);
            if (at < 0 || at > end - 20 - 56 || b.getInt((int) at) != ZIP64_END) {
                throw Npz.notAnArchive(file, "its zip64 end record is missing or outside the file");
            }
            count = b.getLong((int) at + 32);
            directorySize = b.getLong((int) at + 40);
            directoryOffset = b.getLong((int) at + 48);
        }
        if (directoryOffset < 0 || directorySize < 0 || directoryOffset > end
                || directorySize > end - directoryOffset) {
            throw Npz.notAnArchive(file, "its central directory lies outside the file");
        }
        if (count < 0 || count > directorySize / CENTRAL_SIZE) {
            throw Npz.notAnArchive(file, "its central directory cannot hold " + count + " entries");
        }
        int p = (int) directoryOffset;
        int limit = (int) (directoryOffset + directorySize);
        List<Entry> entries = new ArrayList<>((int) count);
        for (long k = 0; k < count; k++) {
            if (limit - p < CENTRAL_SIZE || b.getInt(p) != CENTRAL) {
                throw Npz.notAnArchive(file, "central directory entry " + k + " is cut short or malformed");
            }
            int nameLength = u16(b, p + 28);
            int extraLength = u16(b, p + 30);
            long next = (long) p + CENTRAL_SIZE + nameLength + extraLength + u16(b, p + 32);
            if (next > limit) {
                throw Npz.notAnArchive(file, "central directory entry " + k + " is cut short or malformed");
            }
            byte[] name = new byte[nameLength];
            b.get(p + CENTRAL_SIZE, name);
            long[] sizes = {u32(b, p + 24), u32(b, p + 20), u32(b, p + 42)}; // size, compressed, local header
            zip64(b, p + CENTRAL_SIZE + nameLength, extraLength, sizes, file, k);
            entries.add(new Entry(utf8(name, file), u16(b, p + 8), u16(b, p + 10), sizes[1], sizes[0], sizes[2]));
            p = (int) next;
        }
        return new ZipDirectory(b, file, entries);
    }

    /** Names as the JDK's ZipFile reads them: UTF-8, refused when malformed. */
    private static String utf8(byte[] name, String file) throws NpyFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(name)).toString();
        } catch (CharacterCodingException e) {
            throw Npz.notAnArchive(file, Npz.NAME_NOT_UTF8);
        }
    }

    /** Replaces the 32-bit sizes and offset that say "see zip64" by those of the zip64 extra field. */
    private static void zip64(ByteBuffer b, int extra, int length, long[] sizes, String file, long k)
            throws NpyFormatException {
        boolean needed = sizes[0] == MAGIC32 || sizes[1] == MAGIC32 || sizes[2] == MAGIC32;
        int p = extra;
        while (needed && p + 4 <= extra + length) {
            int id = u16(b, p);
            int size = u16(b, p + 2);
            if (p + 4 + size > extra + length) {
                break;
            }
            if (id == 1) {
                int q = p + 4;
                for (int i = 0; i < 3; i++) {
                    if (sizes[i] == MAGIC32 && q + 8 <= p + 4 + size) {
                        sizes[i] = b.getLong(q);
                        q += 8;
                    }
                }
                break;
            }
            p += 4 + size;
        }
        for (long s : sizes) {
            if (needed && (s == MAGIC32 || s < 0)) {
                throw Npz.notAnArchive(file, "central directory entry " + k + " lacks its zip64 sizes");
            }
        }
    }

    /** The compressed bytes of an entry: a view of the archive, not a copy. */
    ByteBuffer data(Entry e, String key) throws NpyFormatException {
        long local = e.localHeader();
        if (local > zip.limit() - LOCAL_SIZE || zip.getInt((int) local) != LOCAL) {
            throw new NpyFormatException(file + ": array '" + key + "' has no local header where the central "
                    + "directory says (cut short?)");
        }
        long start = local + LOCAL_SIZE + u16(zip, (int) local + 26) + u16(zip, (int) local + 28);
        if (e.compressedSize() > zip.limit() - start) {
            throw new NpyFormatException(file + ": array '" + key + "' runs past the end of the "
                    + zip.limit() + "-byte archive (cut short?)");
        }
        return zip.duplicate().position((int) start).limit((int) (start + e.compressedSize())).slice();
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xffff;
    }

    private static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & MAGIC32;
    }
}
