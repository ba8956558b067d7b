package io.scce4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * ImageIO's view of bytes in memory: seekable and without the cache (a temporary file, by default) that
 * {@code ImageIO.createImageInputStream(InputStream)} puts in front of a stream.
 */
final class ByteBufferImageInputStream extends ImageInputStreamImpl {
    private final ByteBuffer bytes;

    /** Reads {@code bytes} from index 0 to its limit. */
    ByteBufferImageInputStream(ByteBuffer bytes) {
        this.bytes = bytes;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= bytes.limit()) {
            return -1;
        }
        return bytes.get((int) streamPos++) & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        if (off < 0 || len < 0 || len > b.length - off) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", length " + b.length);
        }
        bitOffset = 0;
        if (len == 0) {
            return 0;
        }
        if (streamPos >= bytes.limit()) {
            return -1;
        }
        int n = (int) Math.min(len, bytes.limit() - streamPos);
        bytes.get((int) streamPos, b, off, n);
        streamPos += n;
        return n;
    }

    @Override
    public long length() {
        return bytes.limit();
    }
}
