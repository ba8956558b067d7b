package io.scce4j.spark;

import io.scce4j.api.Tensor;
import io.scce4j.eval.ImagePairs;
import io.scce4j.io.ArrayFiles;
import io.scce4j.io.MaskChannel;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files on any Hadoop {@link FileSystem} ({@code file:}, {@code hdfs:}, {@code s3a:} as the configuration provides
 * them), seen by {@link ImagePairs}' rule, and read: local files as the command reads them, others whole into
 * memory and parsed from their bytes.
 */
final class HadoopFiles implements ImagePairs.FileTree<HadoopFiles.File> {
    /** Files of up to this size are read (the largest Java array). */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    /**
     * A file as the user named it ({@code shown}: in messages, as {@code scce4j eval} names a path) and as every
     * JVM finds it ({@code qualified}: with scheme and absolute path, since executors have other working folders).
     */
    record File(Path shown, Path qualified) {
        @Override
        public String toString() {
            return shown.toString();
        }
    }

    private final Configuration conf;

    HadoopFiles(Configuration conf) {
        this.conf = conf;
    }

    /** The file {@code given} (a path or a URI), qualified on its file system. */
    File at(String given) throws IOException {
        Path p = new Path(given);
        return new File(p, p.getFileSystem(conf).makeQualified(p));
    }

    @Override
    public boolean exists(File f) throws IOException {
        return f.qualified().getFileSystem(conf).exists(f.qualified());
    }

    @Override
    public boolean isFolder(File f) throws IOException {
        return f.qualified().getFileSystem(conf).getFileStatus(f.qualified()).isDirectory();
    }

    @Override
    public List<File> list(File folder) throws IOException {
        List<File> files = new ArrayList<>();
        for (FileStatus s : folder.qualified().getFileSystem(conf).listStatus(folder.qualified())) {
            String name = s.getPath().getName();
            files.add(new File(new Path(folder.shown(), new Path(null, null, name)), s.getPath()));
        }
        return files;
    }

    @Override
    public String fileName(File f) {
        return f.qualified().getName();
    }

    /**
     * The labels in file {@code uri}, read as {@code scce4j eval} reads them: a local file ({@code file:}) through
     * its path, by the very call the command makes (memory-mapped, with the command's messages), another through
     * its bytes. Messages name {@code shown}.
     */
    static Tensor readLabels(String uri, String shown, String npzKey, MaskChannel channel, Configuration conf)
            throws IOException {
        java.nio.file.Path local = local(uri);
        if (local == null) {
            return ArrayFiles.readLabels(read(uri, shown, conf), shown, npzKey, channel);
        }
        try {
            return ArrayFiles.readLabels(local, npzKey, channel);
        } catch (IOException e) {
            throw shown(e, local.toString(), shown);
        }
    }

    /** The array in file {@code uri} (a prediction), read as {@link #readLabels} reads labels. */
    static Tensor read(String uri, String shown, String npzKey, Configuration conf) throws IOException {
        java.nio.file.Path local = local(uri);
        if (local == null) {
            return ArrayFiles.read(read(uri, shown, conf), shown, npzKey);
        }
        try {
            return ArrayFiles.read(local, npzKey);
        } catch (IOException e) {
            throw shown(e, local.toString(), shown);
        }
    }

    private static java.nio.file.Path local(String uri) {
        URI u = new Path(uri).toUri();
        return "file".equals(u.getScheme()) ? java.nio.file.Path.of(u) : null;
    }

    /**
     * The readers' error, naming the file as the user named it: their messages start with the file's name
     * (io's HostileFilesTest holds them to it), which here is the executor's absolute path.
     */
    private static IOException shown(IOException e, String local, String shown) {
        if (e instanceof NoSuchFileException) {
            return new NoSuchFileException(shown, null, "no such file");
        }
        if (e instanceof AccessDeniedException) {
            return new AccessDeniedException(shown);
        }
        String m = e.getMessage();
        return m != null && m.startsWith(local) && !local.equals(shown)
                ? new IOException(shown + m.substring(local.length()), e) : e;
    }

    /**
     * The bytes of {@code uri}.
     *
     * @throws NoSuchFileException naming {@code shown} when the file is gone
     * @throws IOException naming {@code shown} when it is larger than {@value #MAX_BYTES} bytes
     * @throws UncheckedIOException when reading fails otherwise (the network, the store): not the file's fault,
     *     so the task fails and Spark runs it again
     */
    static ByteBuffer read(String uri, String shown, Configuration conf) throws IOException {
        Path p = new Path(uri);
        byte[] bytes;
        try {
            FileSystem fs = p.getFileSystem(conf);
            long length = fs.getFileStatus(p).getLen();
            if (length > MAX_BYTES) {
                throw new TooLarge(shown + ": " + length + " bytes; files of up to " + MAX_BYTES + " bytes are read");
            }
            bytes = new byte[(int) length];
            try (InputStream in = fs.open(p)) {
                int n = in.readNBytes(bytes, 0, bytes.length);
                if (n != bytes.length || in.read() != -1) {
                    throw new IOException(shown + ": changed while it was read (" + length + " bytes listed, "
                            + n + " read)");
                }
            }
        } catch (FileNotFoundException e) {
            throw new NoSuchFileException(shown, null, "no such file");
        } catch (TooLarge e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + uri + " failed: " + e.getMessage(), e);
        }
        return ByteBuffer.wrap(bytes);
    }

    /** A file too large to read: the file's fault, not the store's. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }
}
