package io.scce4j.eval;

import io.scce4j.io.ArrayFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Pairs masks with predictions: two files, or two folders whose readable files ({@code .png}, {@code .npy},
 * {@code .npz}) pair by name without extension ({@code masks/img0.png} with {@code predictions/img0.npz}). Every
 * mask needs a prediction; predictions without a mask are left out. Pairs come sorted by that name. The rule runs
 * on {@code java.nio} paths ({@link #of(Path, Path)}) or on any other file system seen through a {@link FileTree}
 * (a Hadoop {@code FileSystem}, say), with the same checks and messages.
 * <pre>{@code
 * for (ImagePair pair : ImagePairs.of(Path.of("masks"), Path.of("predictions"))) {
 *     Tensor labels = ArrayFiles.readLabels(pair.mask(), "y_true", MaskChannel.red);
 *     Tensor yPred = ArrayFiles.read(pair.prediction(), "y_pred");
 * }
 * }</pre>
 */
public final class ImagePairs {
    private ImagePairs() {
    }

    /**
     * A file system as the pairing rule sees it. Messages name a file by its {@code toString()}.
     *
     * @param <F> how the file system names a file
     */
    public interface FileTree<F> {
        /** Whether {@code file} (a file or a folder) exists. */
        boolean exists(F file) throws IOException;

        /** Whether {@code file} is a folder. */
        boolean isFolder(F file) throws IOException;

        /** The entries of {@code folder}, in any order. */
        List<F> list(F folder) throws IOException;

        /** The name of {@code file} without its folder ({@code img0.png}). */
        String fileName(F file);
    }

    /**
     * A mask and its prediction on some file system.
     *
     * @param name the image's name in results and reports: the mask's file name
     * @param mask the mask file
     * @param prediction the prediction file
     * @param <F> how the file system names a file
     */
    public record Match<F>(String name, F mask, F prediction) {
    }

    /**
     * The pairs of {@code masks} and {@code predictions}.
     *
     * @throws NoSuchFileException when either is missing
     * @throws IllegalArgumentException when one is a folder and the other a file
     * @throws IOException when the masks folder holds no readable file, a mask has no prediction, or two files
     *     of a folder share a name without extension; the message is one line naming the folder
     */
    public static List<ImagePair> of(Path masks, Path predictions) throws IOException {
        return of(NIO, masks, predictions).stream().map(m -> new ImagePair(m.name(), m.mask(), m.prediction()))
                .collect(Collectors.toList());
    }

    /**
     * The pairs of {@code masks} and {@code predictions} on {@code files}, by the rule and with the messages of
     * {@link #of(Path, Path)}.
     */
    public static <F> List<Match<F>> of(FileTree<F> files, F masks, F predictions) throws IOException {
        if (!files.exists(masks)) {
            throw new NoSuchFileException(masks.toString(), null, "no such file");
        }
        if (!files.exists(predictions)) {
            throw new NoSuchFileException(predictions.toString(), null, "no such file");
        }
        if (files.isFolder(masks) != files.isFolder(predictions)) {
            throw new IllegalArgumentException(masks + " and " + predictions + " must both be folders or both be "
                    + "files");
        }
        if (!files.isFolder(masks)) {
            return List.of(new Match<>(files.fileName(masks), masks, predictions));
        }
        Map<String, F> predictionsByStem = byStem(files, predictions);
        Map<String, F> masksByStem = byStem(files, masks);
        if (masksByStem.isEmpty()) {
            long jpegs = countJpegs(files, masks);
            throw new IOException(masks + ": holds no .png, .npy or .npz file" + (jpegs == 0 ? ""
                    : " (its " + jpegs + " JPEG file(s) are not read: lossy compression changes labels; save masks "
                            + "as PNG)"));
        }
        List<Match<F>> pairs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        masksByStem.forEach((stem, mask) -> {
            F p = predictionsByStem.get(stem);
            if (p == null) {
                missing.add(files.fileName(mask));
            } else {
                pairs.add(new Match<>(files.fileName(mask), mask, p));
            }
        });
        if (!missing.isEmpty()) {
            throw new IOException(predictions + ": no prediction for " + missing.size() + " mask(s), e.g. "
                    + missing.get(0) + " (files pair by name without extension)");
        }
        return pairs;
    }

    private static <F> long countJpegs(FileTree<F> files, F dir) throws IOException {
        long n = 0;
        for (F f : files.list(dir)) {
            String name = files.fileName(f).toLowerCase(java.util.Locale.ROOT);
            n += name.endsWith(".jpg") || name.endsWith(".jpeg") ? 1 : 0;
        }
        return n;
    }

    private static <F> Map<String, F> byStem(FileTree<F> files, F dir) throws IOException {
        List<F> readable = new ArrayList<>();
        for (F f : files.list(dir)) {
            if (ArrayFiles.isReadable(Path.of(files.fileName(f)))) {
                readable.add(f);
            }
        }
        readable.sort(Comparator.comparing(files::fileName)); // which of two files of one name is named first
        Map<String, F> map = new TreeMap<>();
        for (F f : readable) {
            F previous = map.put(ArrayFiles.stem(files.fileName(f)), f);
            if (previous != null) {
                throw new IOException(dir + ": " + files.fileName(previous) + " and " + files.fileName(f)
                        + " share a name; keep one");
            }
        }
        return map;
    }

    private static final FileTree<Path> NIO = new FileTree<>() {
        @Override
        public boolean exists(Path file) {
            return Files.exists(file);
        }

        @Override
        public boolean isFolder(Path file) {
            return Files.isDirectory(file);
        }

        @Override
        public List<Path> list(Path folder) throws IOException {
            try (Stream<Path> s = Files.list(folder)) {
                return s.collect(Collectors.toList());
            }
        }

        @Override
        public String fileName(Path file) {
            return file.getFileName().toString();
        }
    };
}
