package io.scce4j.eval;

import io.scce4j.io.ArrayFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Pairs masks with predictions: two files, or two folders whose readable files ({@code .png}, {@code .npy},
 * {@code .npz}) pair by name without extension ({@code masks/img0.png} with {@code predictions/img0.npz}). Every
 * mask needs a prediction; predictions without a mask are left out. Pairs come sorted by that name.
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
     * The pairs of {@code masks} and {@code predictions}.
     *
     * @throws NoSuchFileException when either is missing
     * @throws IllegalArgumentException when one is a folder and the other a file
     * @throws IOException when the masks folder holds no readable file, a mask has no prediction, or two files
     *     of a folder share a name without extension; the message is one line naming the folder
     */
    public static List<ImagePair> of(Path masks, Path predictions) throws IOException {
        if (!Files.exists(masks)) {
            throw new NoSuchFileException(masks.toString(), null, "no such file");
        }
        if (!Files.exists(predictions)) {
            throw new NoSuchFileException(predictions.toString(), null, "no such file");
        }
        if (Files.isDirectory(masks) != Files.isDirectory(predictions)) {
            throw new IllegalArgumentException(masks + " and " + predictions + " must both be folders or both be "
                    + "files");
        }
        if (!Files.isDirectory(masks)) {
            return List.of(ImagePair.of(masks, predictions));
        }
        Map<String, Path> predictionsByStem = byStem(predictions);
        Map<String, Path> masksByStem = byStem(masks);
        if (masksByStem.isEmpty()) {
            long jpegs = countJpegs(masks);
            throw new IOException(masks + ": holds no .png, .npy or .npz file" + (jpegs == 0 ? ""
                    : " (its " + jpegs + " JPEG file(s) are not read: lossy compression changes labels; save masks "
                            + "as PNG)"));
        }
        List<ImagePair> pairs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        masksByStem.forEach((stem, mask) -> {
            Path p = predictionsByStem.get(stem);
            if (p == null) {
                missing.add(mask.getFileName().toString());
            } else {
                pairs.add(ImagePair.of(mask, p));
            }
        });
        if (!missing.isEmpty()) {
            throw new IOException(predictions + ": no prediction for " + missing.size() + " mask(s), e.g. "
                    + missing.get(0) + " (files pair by name without extension)");
        }
        return pairs;
    }

    private static long countJpegs(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT))
                    .filter(n -> n.endsWith(".jpg") || n.endsWith(".jpeg")).count();
        }
    }

    private static Map<String, Path> byStem(Path dir) throws IOException {
        Map<String, Path> map = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(ArrayFiles::isReadable).sorted().collect(Collectors.toList())) {
                Path previous = map.put(ArrayFiles.stem(p), p);
                if (previous != null) {
                    throw new IOException(dir + ": " + previous.getFileName() + " and " + p.getFileName()
                            + " share a name; keep one");
                }
            }
        }
        return map;
    }
}
