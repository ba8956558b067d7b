package io.scce4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * What a file really is, by its first bytes (its magic number), whatever its name says: so that a JPEG named
 * {@code mask.png} or {@code pred.npy} is refused as the JPEG it is, not as a broken PNG or NumPy file.
 * <pre>{@code
 * FileFormat f = FileFormat.of(Path.of("masks/img0.png"));   // FileFormat.JPEG for a renamed JPEG
 * }</pre>
 */
public enum FileFormat {
    /** A NumPy {@code .npy} file. */
    NPY("a NumPy .npy file"),
    /** A zip archive, as NumPy's {@code .npz} files are. */
    ZIP("a zip archive (.npz)"),
    /** A PNG image. */
    PNG("a PNG image"),
    /** A JPEG image. */
    JPEG("a JPEG image"),
    /** A GIF image. */
    GIF("a GIF image"),
    /** A BMP image. */
    BMP("a BMP image"),
    /** A TIFF image. */
    TIFF("a TIFF image"),
    /** A WebP image. */
    WEBP("a WebP image"),
    /** None of the above (text, an empty file, anything else). */
    UNKNOWN("a file of unknown format");

    /** The most bytes {@link #of(ByteBuffer)} looks at. */
    static final int MAGIC_BYTES = 12;

    private final String description;

    FileFormat(String description) {
        this.description = description;
    }

    /** What the format is, for messages: "a JPEG image". */
    public String description() {
        return description;
    }

    /** Whether this is an image format other than PNG, which masks cannot be read from. */
    public boolean isOtherImage() {
        return this == JPEG || this == GIF || this == BMP || this == TIFF || this == WEBP;
    }

    /**
     * The format of a file by its first bytes.
     *
     * @throws NoSuchFileException when the file is missing
     * @throws IOException when it cannot be read
     */
    public static FileFormat of(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(MAGIC_BYTES);
            while (head.hasRemaining() && ch.read(head) > 0) {
                // read until the buffer is full or the file ends
            }
            head.flip();
            return of(head);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
    }

    /** The format of bytes by the first of them; the buffer's position and limit are left as they are. */
    public static FileFormat of(ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate();
        byte[] head = new byte[Math.min(MAGIC_BYTES, b.remaining())];
        b.get(head);
        if (startsWith(head, 0x93, 'N', 'U', 'M', 'P', 'Y')) {
            return NPY;
        }
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            return ZIP;
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n')) {
            return PNG;
        }
        if (startsWith(head, 0xff, 0xd8, 0xff)) {
            return JPEG;
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            return GIF;
        }
        if (startsWith(head, 'B', 'M')) {
            return BMP;
        }
        if (startsWith(head, 'I', 'I', '*', 0) || startsWith(head, 'M', 'M', 0, '*')) {
            return TIFF;
        }
        if (startsWith(head, 'R', 'I', 'F', 'F') && head.length >= 12
                && new String(head, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
            return WEBP;
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
