package io.scce4j.io;

import io.scce4j.api.DType;
import io.scce4j.api.InvalidInputException;
import io.scce4j.api.Shape;
import io.scce4j.api.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0).
 *
 * <p>Reads little- and big-endian {@code float32}, {@code float64}, {@code int32}, {@code int64} and
 * {@code uint8} (as int32), in C or Fortran order. A C-order file in a supported type is memory-mapped, not
 * copied. Writes version 1.0, little-endian, C order, in the tensor's dtype, through a temporary file renamed
 * into place, so an interrupted write never leaves a partial file.
 *
 * <p>A hostile file is refused before anything is allocated for it: the header may hold at most 1 MiB, and the
 * shape it declares must fit in 2^31 - 1 elements and in the bytes the file actually has. Every refusal is an
 * {@link NpyFormatException} whose one-line message names the file and what is valid.
 * <pre>{@code
 * Tensor yPred = Npy.read(Path.of("predictions/img0.npy"));          // memory-mapped when C order
 * Tensor same = Npy.read(ByteBuffer.wrap(bytes), "hdfs://.../img0.npy"); // the name is for messages
 * Npy.write(Path.of("mask.npy"), mask);
 * }</pre>
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;

    private Npy() {
    }

    /**
     * Reads a tensor.
     *
     * @throws NpyFormatException for anything that is not a valid, supported .npy file
     * @throws IOException when the file cannot be read
     */
    public static Tensor read(Path file) throws IOException {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(new Source() {
                @Override
                public long size() throws IOException {
                    return ch.size();
                }

                @Override
                public void read(ByteBuffer into, long position) throws IOException {
                    readFully(ch, into, position, name);
                }

                @Override
                public ByteBuffer map(long position, long length) throws IOException {
                    return ch.map(FileChannel.MapMode.READ_ONLY, position, length);
                }
            }, name);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(name, null, "no such file");
        }
    }

    /**
     * Reads a tensor from the bytes of a .npy file (an entry of an .npz archive, a file read from a stream, say);
     * C-order data is not copied, so the tensor may share {@code bytes}. The buffer's position and limit are left
     * as they are.
     *
     * @param name what messages call the file
     * @throws NpyFormatException for anything that is not a valid, supported .npy file
     */
    public static Tensor read(ByteBuffer bytes, String name) throws IOException {
        ByteBuffer all = bytes.duplicate();
        return parse(new Source() {
            @Override
            public long size() {
                return all.remaining();
            }

            @Override
            public void read(ByteBuffer into, long position) throws IOException {
                if (position + into.remaining() > all.remaining()) {
                    throw new NpyFormatException(name + ": file ends inside the .npy header");
                }
                ByteBuffer src = all.duplicate();
                src.position(src.position() + (int) position).limit(src.position() + into.remaining());
                into.put(src);
            }

            @Override
            public ByteBuffer map(long position, long length) {
                ByteBuffer src = all.duplicate();
                src.position(src.position() + (int) position).limit(src.position() + (int) length);
                return src.slice();
            }
        }, name);
    }

    /** Where the bytes of a .npy file come from. */
    private interface Source {
        long size() throws IOException;

        void read(ByteBuffer into, long position) throws IOException;

        ByteBuffer map(long position, long length) throws IOException;
    }

    private static Tensor parse(Source src, String name) throws IOException {
        long fileSize = src.size();
        if (fileSize < 12) {
            throw new NpyFormatException(name + ": not a NumPy .npy file (only " + fileSize + " bytes)");
        }
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        src.read(pre, 0);
        pre.flip();
        for (byte b : MAGIC) {
            if (pre.get() != b) {
                throw new NpyFormatException(name + ": not a NumPy .npy file (bad magic string)");
            }
        }
        int major = pre.get() & 0xff;
        int minor = pre.get() & 0xff;
        long headerLen;
        int prefix;
        if (major == 1) {
            headerLen = pre.getShort(8) & 0xffff;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            headerLen = pre.getInt(8) & 0xffffffffL;
            prefix = 12;
        } else {
            throw new NpyFormatException(name + ": .npy format version " + major + "." + minor
                    + " is not supported; valid: 1.0, 2.0, 3.0");
        }
        if (headerLen > MAX_HEADER || prefix + headerLen > fileSize) {
            throw new NpyFormatException(name + ": header length " + headerLen + " runs past the end of the "
                    + fileSize + "-byte file");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
        src.read(hb, prefix);
        String headerText = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8
                : StandardCharsets.ISO_8859_1);
        NpyHeader header = NpyHeader.parse(headerText, name);
        Element element = Element.parse(header.descr, name);
        Shape shape;
        try {
            shape = Shape.of(header.shape);
        } catch (InvalidInputException e) {
            throw new NpyFormatException(name + ": " + e.getMessage());
        }
        long dataStart = prefix + headerLen;
        long needed = (long) shape.size() * element.bytes;
        if (dataStart + needed > fileSize) {
            throw new NpyFormatException(name + ": shape " + shape + " of " + header.descr + " needs " + needed
                    + " data bytes but the file has " + (fileSize - dataStart) + " (truncated?)");
        }
        ByteBuffer data = needed == 0 ? ByteBuffer.allocate(0) : src.map(dataStart, needed);
        data.order(element.order);
        Tensor t = element.toTensor(data, shape);
        return header.fortranOrder && shape.rank() > 1 ? fromFortranOrder(t) : t;
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, String name) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new NpyFormatException(name + ": file ends inside the .npy header");
            }
            pos += n;
        }
    }

    /** The element type of a descr such as {@code <f4}. */
    private static final class Element {
        final DType stored;
        final int bytes;
        final boolean unsignedByte;
        final ByteOrder order;

        private Element(DType stored, int bytes, boolean unsignedByte, ByteOrder order) {
            this.stored = stored;
            this.bytes = bytes;
            this.unsignedByte = unsignedByte;
            this.order = order;
        }

        static Element parse(String descr, String name) throws NpyFormatException {
            if (descr.length() < 2) {
                throw unsupported(descr, name);
            }
            char endian = descr.charAt(0);
            String kind = descr.substring(1);
            ByteOrder order;
            if (endian == '<' || endian == '|' || endian == '=') {
                order = endian == '=' ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
            } else if (endian == '>') {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                throw unsupported(descr, name);
            }
            switch (kind) {
                case "f4": return new Element(DType.FLOAT32, 4, false, order);
                case "f8": return new Element(DType.FLOAT64, 8, false, order);
                case "i4": return new Element(DType.INT32, 4, false, order);
                case "i8": return new Element(DType.INT64, 8, false, order);
                case "u1": return new Element(DType.INT32, 1, true, order);
                default: throw unsupported(descr, name);
            }
        }

        private static NpyFormatException unsupported(String descr, String name) {
            return new NpyFormatException(name + ": dtype '" + descr + "' is not supported; valid: float32 (f4), "
                    + "float64 (f8), int32 (i4), int64 (i8), uint8 (u1)");
        }

        Tensor toTensor(ByteBuffer data, Shape shape) {
            if (unsignedByte) {
                int[] v = new int[shape.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = data.get(i) & 0xff;
                }
                return Tensor.ofInts(shape, v);
            }
            switch (stored) {
                case FLOAT32: return Tensor.wrap(shape, data.asFloatBuffer());
                case FLOAT64: return Tensor.wrap(shape, data.asDoubleBuffer());
                case INT32: return Tensor.wrap(shape, data.asIntBuffer());
                default: return Tensor.wrap(shape, data.asLongBuffer());
            }
        }
    }

    /** Fortran order stores the first axis fastest: copy into row-major order. */
    private static Tensor fromFortranOrder(Tensor t) {
        int[] dims = t.shape().toIntArray();
        int n = t.size();
        int rank = dims.length;
        int[] index = new int[rank];
        int[] cStride = new int[rank];
        cStride[rank - 1] = 1;
        for (int a = rank - 2; a >= 0; a--) {
            cStride[a] = cStride[a + 1] * dims[a + 1];
        }
        int[] target = new int[n];
        for (int f = 0; f < n; f++) { // f walks the file; index counts with axis 0 fastest
            int c = 0;
            for (int a = 0; a < rank; a++) {
                c += index[a] * cStride[a];
            }
            target[f] = c;
            for (int a = 0; a < rank; a++) {
                if (++index[a] < dims[a]) {
                    break;
                }
                index[a] = 0;
            }
        }
        switch (t.dtype()) {
            case FLOAT32: {
                float[] out = new float[n];
                for (int f = 0; f < n; f++) {
                    out[target[f]] = t.getFloat(f);
                }
                return Tensor.ofFloats(t.shape(), out);
            }
            case FLOAT64: {
                double[] out = new double[n];
                for (int f = 0; f < n; f++) {
                    out[target[f]] = t.getDouble(f);
                }
                return Tensor.ofDoubles(t.shape(), out);
            }
            case INT32: {
                int[] out = new int[n];
                for (int f = 0; f < n; f++) {
                    out[target[f]] = (int) t.getLong(f);
                }
                return Tensor.ofInts(t.shape(), out);
            }
            default: {
                long[] out = new long[n];
                for (int f = 0; f < n; f++) {
                    out[target[f]] = t.getLong(f);
                }
                return Tensor.ofLongs(t.shape(), out);
            }
        }
    }

    /**
     * Writes a tensor as a version 1.0, little-endian, C-order .npy file, atomically.
     *
     * @throws IOException when the file cannot be written; an existing file is then left untouched
     */
    public static void write(Path file, Tensor t) throws IOException {
        AtomicFiles.write(file, out -> {
            out.write(header(t));
            ByteBuffer body = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < t.size(); i++) {
                if (body.remaining() < 8) {
                    out.write(body.array(), 0, body.position());
                    body.clear();
                }
                switch (t.dtype()) {
                    case FLOAT32: body.putFloat(t.getFloat(i)); break;
                    case FLOAT64: body.putDouble(t.getDouble(i)); break;
                    case INT32: body.putInt((int) t.getLong(i)); break;
                    default: body.putLong(t.getLong(i)); break;
                }
            }
            out.write(body.array(), 0, body.position());
        });
    }

    private static byte[] header(Tensor t) {
        String descr;
        switch (t.dtype()) {
            case FLOAT32: descr = "<f4"; break;
            case FLOAT64: descr = "<f8"; break;
            case INT32: descr = "<i4"; break;
            default: descr = "<i8"; break;
        }
        long[] dims = t.shape().toArray();
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            shape.append(dims[i]).append(dims.length == 1 ? "," : i < dims.length - 1 ? ", " : "");
        }
        shape.append(')');
        StringBuilder dict = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + shape + ", }");
        int total = MAGIC.length + 4 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        dict.append(" ".repeat(pad)).append('\n');
        byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length).put(text);
        return b.array();
    }
}
