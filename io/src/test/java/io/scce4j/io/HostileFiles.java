package io.scce4j.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Files built to hurt the readers, each with a fragment of the one-line refusal expected for it. io's
 * {@code HostileFilesTest} feeds them to the readers; the cli's feeds them through {@code scce4j loss} (this class
 * reaches it in io's test jar).
 */
public final class HostileFiles {
    /** Which reader a file is for. */
    public enum Kind {
        /** A {@code .npy} file: predictions. */
        NPY(".npy"),
        /** An {@code .npz} archive with the array {@code y_pred}. */
        NPZ(".npz"),
        /** A PNG mask: labels. */
        PNG(".png");

        private final String extension;

        Kind(String extension) {
            this.extension = extension;
        }

        /** The file name's extension, with its dot. */
        public String extension() {
            return extension;
        }
    }

    /**
     * One crafted file.
     *
     * @param kind which reader it is for
     * @param what what the file is, for test names
     * @param bytes its content
     * @param expected a fragment of the refusal's message ("" where the wording is the decoder's)
     */
    public record HostileFile(Kind kind, String what, byte[] bytes, String expected) {
        /** A file name made of {@link #what()}, with the kind's extension. */
        public String fileName() {
            return what.replaceAll("[^A-Za-z0-9]+", "_") + kind.extension();
        }

        @Override
        public String toString() {
            return what;
        }
    }

    private HostileFiles() {
    }

    /** Every crafted file: .npy, then .npz, then PNG. */
    public static List<HostileFile> all() {
        List<HostileFile> cases = new ArrayList<>();
        // .npy
        cases.add(new HostileFile(Kind.NPY, "a header claiming 10^12 elements in a 200-byte file",
                npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1000000, 1000000), }", 200 - 128),
                "more than 2147483647 elements"));
        cases.add(new HostileFile(Kind.NPY, "a header claiming 2^29 float64 elements in a 200-byte file",
                npy("{'descr': '<f8', 'fortran_order': False, 'shape': (536870912,), }", 72),
                "needs 4294967296 data bytes but the file has"));
        cases.add(new HostileFile(Kind.NPY, "a negative dimension",
                npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-5, 3), }", 0), "negative dimension -5"));
        cases.add(new HostileFile(Kind.NPY, "dimensions whose product overflows a long",
                npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4), }", 0),
                "elements"));
        cases.add(new HostileFile(Kind.NPY, "a dimension beyond 2^63",
                npy("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }", 0),
                "is not a non-negative integer below 2^63"));
        cases.add(new HostileFile(Kind.NPY, "a header longer than the file", headerLongerThanFile(),
                "runs past the end"));
        cases.add(new HostileFile(Kind.NPY, "a version 2 header length of 4 GiB",
                version2HeaderLength(0xFFFFFFFFL), "runs past the end"));
        for (String dtype : new String[] {"|O", "<U10", "|S7", "<c16", "<c8", "<f2", "|b1", "<M8[ns]"}) {
            cases.add(new HostileFile(Kind.NPY, "dtype " + dtype,
                    npy("{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (2, 2), }", 64),
                    "dtype '" + dtype + "' is not supported"));
        }
        cases.add(new HostileFile(Kind.NPY, "a structured dtype",
                npy("{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (2,), }", 16),
                "header lacks"));
        cases.add(new HostileFile(Kind.NPY, "a truncated body",
                npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 12), "(truncated?)"));
        cases.add(new HostileFile(Kind.NPY, "a header that is no dict", npy("hello", 16),
                "not a Python dict literal"));
        cases.add(new HostileFile(Kind.NPY, "no magic string",
                "not numpy at all".getBytes(StandardCharsets.US_ASCII), "bad magic string"));
        // .npz
        cases.add(new HostileFile(Kind.NPZ, "a zip bomb: 1.5 GB claimed from a few deflated bytes",
                zip("y_pred.npy", deflate(new byte[1000]), 1_500_000_000L, true), "(a zip bomb?)"));
        cases.add(new HostileFile(Kind.NPZ, "an entry claiming 4 GiB",
                zip("y_pred.npy", deflate(new byte[1000]), 0xFFFFFFFEL, true), "at most 2147483639 are read"));
        cases.add(new HostileFile(Kind.NPZ, "an entry inflating to 64 MB while declaring 1 kB",
                zip("y_pred.npy", deflate(new byte[64 << 20]), 1000, true), ""));
        cases.add(new HostileFile(Kind.NPZ, "an entry named ../y_pred.npy",
                zip("../y_pred.npy", deflate(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }",
                        16)), -1, true), "unsafe name"));
        cases.add(new HostileFile(Kind.NPZ, "an absolute entry name",
                zip("/tmp/y_pred.npy", deflate(new byte[10]), -1, true), "unsafe name"));
        cases.add(new HostileFile(Kind.NPZ, "random bytes",
                new byte[] {'P', 'K', 3, 4, 9, 9, 9, 9, 9, 9, 9, 9, 9}, "not a NumPy .npz archive"));
        // .png (labels)
        cases.add(new HostileFile(Kind.PNG, "a PNG declaring 100000 x 100000 pixels",
                png(100_000, 100_000, new byte[0]), "at most 268435456 are read"));
        cases.add(new HostileFile(Kind.PNG, "a 107-byte PNG declaring 16000 x 16000 pixels",
                png(16_000, 16_000, new byte[50]), "which its 107 bytes cannot hold"));
        cases.add(new HostileFile(Kind.PNG, "a PNG with a corrupt image stream",
                png(4, 4, new byte[] {1, 2, 3, 4, 5}), "malformed image"));
        cases.add(new HostileFile(Kind.PNG, "a PNG cut after its header",
                java.util.Arrays.copyOf(png(4, 4, new byte[0]), 20), ""));
        return cases;
    }

    /** A version 1.0 .npy file with this header text and {@code dataBytes} zero bytes after it. */
    static byte[] npy(String header, int dataBytes) {
        byte[] h = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h);
        return b.array();
    }

    private static byte[] headerLongerThanFile() {
        byte[] f = npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", 8);
        ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 60000);
        return f;
    }

    private static byte[] version2HeaderLength(long length) {
        ByteBuffer b = ByteBuffer.allocate(200).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt((int) length);
        return b.array();
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /**
     * A one-entry zip written by hand, so that it can lie: {@code declaredSize} goes into both headers as the
     * entry's uncompressed size (-1: the true size of {@code compressed} inflated is not known here, so 0).
     */
    private static byte[] zip(String name, byte[] compressed, long declaredSize, boolean deflated) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        int size = (int) (declaredSize < 0 ? 0 : declaredSize);
        CRC32 crc = new CRC32();
        ByteBuffer b = ByteBuffer.allocate(30 + n.length + compressed.length + 46 + n.length + 22)
                .order(ByteOrder.LITTLE_ENDIAN);
        short method = (short) (deflated ? 8 : 0);
        b.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort(method).putInt(0)
                .putInt((int) crc.getValue()).putInt(compressed.length).putInt(size).putShort((short) n.length)
                .putShort((short) 0).put(n).put(compressed);
        int central = b.position();
        b.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort(method)
                .putInt(0).putInt((int) crc.getValue()).putInt(compressed.length).putInt(size)
                .putShort((short) n.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                .putShort((short) 0).putInt(0).putInt(0).put(n);
        int centralSize = b.position() - central;
        b.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
                .putInt(centralSize).putInt(central).putShort((short) 0);
        return b.array();
    }

    /** A PNG with an 8-bit grayscale IHDR of this size, one IDAT chunk holding {@code idat}, and IEND. */
    private static byte[] png(int width, int height, byte[] idat) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array());
        if (idat.length > 0) {
            chunk(out, "IDAT", idat);
        }
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
